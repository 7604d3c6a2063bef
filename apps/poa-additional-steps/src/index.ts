import { createLogger } from "@edgekyc/platform";
import { app } from "./app.ts";
import { runMaintenance } from "./domain/partner-actions.ts";
import { poaServices } from "./services.ts";

export default {
  fetch: app.fetch,

  /** Hourly: retention (erase verifications past their partner's retention) and token expiry. */
  async scheduled(_controller, env, ctx) {
    const log = createLogger({ app: "poa-additional-steps" });
    ctx.waitUntil(
      poaServices(env, log)
        .then((services) => runMaintenance(services, ""))
        .then((counts) => log.info("maintenance", counts))
        .catch((error: unknown) => log.error("maintenance failed", { error })),
    );
  },
} satisfies ExportedHandler<Env>;
