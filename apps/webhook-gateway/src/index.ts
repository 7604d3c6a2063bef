import { createLogger } from "@edgekyc/platform";
import { app } from "./app.ts";
import {
  consumeDeadLetters,
  consumeDeliveries,
  consumeResults,
  DEAD_LETTER_QUEUE,
  DELIVERIES_QUEUE,
  RESULTS_QUEUE,
  runMaintenance,
} from "./delivery/consumers.ts";
import { gatewayServices } from "./services.ts";

export default {
  fetch: app.fetch,

  async queue(batch, env, ctx) {
    const log = createLogger({ app: "webhook-gateway" });
    const services = {
      ...(await gatewayServices(env, log)),
      waitUntil: (p: Promise<unknown>) => ctx.waitUntil(p),
    };
    switch (batch.queue) {
      case RESULTS_QUEUE:
        return consumeResults(batch, services);
      case DELIVERIES_QUEUE:
        return consumeDeliveries(batch, services);
      case DEAD_LETTER_QUEUE:
        return consumeDeadLetters(batch, services);
      default:
        log.error("message from an unknown queue", { queue: batch.queue });
        batch.retryAll({ delaySeconds: 300 });
    }
  },

  async scheduled(_controller, env, ctx) {
    const log = createLogger({ app: "webhook-gateway" });
    ctx.waitUntil(gatewayServices(env, log).then(runMaintenance));
  },
} satisfies ExportedHandler<Env>;
