import { Hono } from "hono";

const app = new Hono<{ Bindings: Env }>();
app.get("/docs/webhook-gateway", (c) => c.text("ok"));

export default {
  fetch: app.fetch,
  async queue(batch: MessageBatch, env: Env): Promise<void> {
    for (const m of batch.messages) {
      await env.DB.prepare("select 1").run();
      m.ack();
    }
  },
} satisfies ExportedHandler<Env>;
