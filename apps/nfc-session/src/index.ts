import { app } from "./app.ts";

export { InitCodeObject } from "./durable/init-code-object.ts";
export { RedeemGuardObject } from "./durable/redeem-guard-object.ts";
export { SessionObject } from "./durable/session-object.ts";

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Env>;
