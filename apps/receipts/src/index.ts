import { createLogger } from "@edgekyc/platform";
import { app } from "./app.ts";
import {
  consumeDeadLetters,
  consumeReceiptRequests,
  RECEIPTS_DEAD_LETTER_QUEUE,
  RECEIPTS_QUEUE,
} from "./issuing/consumers.ts";
import { expireUnfetchedReceipts } from "./issuing/retention.ts";
import { receiptsServices } from "./services.ts";

export default {
  fetch: app.fetch,

  async queue(batch, env) {
    const log = createLogger({ app: "receipts" });
    const services = await receiptsServices(env, log);
    switch (batch.queue) {
      case RECEIPTS_QUEUE:
        return consumeReceiptRequests(batch, services);
      case RECEIPTS_DEAD_LETTER_QUEUE:
        return consumeDeadLetters(batch, services);
      default:
        log.error("message from an unknown queue", { queue: batch.queue });
        batch.retryAll({ delaySeconds: 300 });
    }
  },

  async scheduled(_controller, env, ctx) {
    const log = createLogger({ app: "receipts" });
    ctx.waitUntil(receiptsServices(env, log).then(expireUnfetchedReceipts));
  },
} satisfies ExportedHandler<Env>;
