import { createLogger } from "@edgekyc/platform";
import { app } from "./app.ts";
import { ekycServices } from "./services.ts";

export { EkycSubject } from "./durable/ekyc-subject.ts";

export default {
  fetch: app.fetch,

  /** Re-sends result events whose queue send failed (they wait in D1, never lost). */
  async scheduled(_controller, env, ctx) {
    const log = createLogger({ app: "ekyc-otp-pennydrop" });
    ctx.waitUntil(ekycServices(env, log).then((services) => services.events.flush()));
  },
} satisfies ExportedHandler<Env>;
