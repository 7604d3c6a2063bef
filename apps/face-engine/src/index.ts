import { app } from "./app.ts";

export { FaceEngine } from "./entrypoint.ts";

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Env>;
