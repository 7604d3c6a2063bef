import { app } from "./app.ts";

export { VerificationJob } from "./durable/verification-job.ts";

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Env>;
