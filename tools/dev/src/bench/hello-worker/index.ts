// The baseline of `npm run bench -- webhook-gateway`: a Hono hello-world Worker, run in the same local
// workerd setup as the gateway, so the gateway's cheap requests are reported beside it (ratio, difference).
import { Hono } from "hono";

interface RateLimiter {
  limit(options: { key: string }): Promise<{ success: boolean }>;
}

const app = new Hono<{ Bindings: { LIMIT: RateLimiter } }>();
app.get("/", (c) => c.text("Hello Hono!"));
app.get("/json", (c) => c.json({ hello: "world" }));
// Hello world plus one call of a rate-limit binding, the call a 401 makes to count the failure: locally
// it is Miniflare's simulation of the binding (a Durable Object call and a SQLite write).
app.get("/limited", async (c) => {
  const { success } = await c.env.LIMIT.limit({ key: c.req.header("cf-connecting-ip") ?? "unknown" });
  return c.text(success ? "Hello Hono!" : "Slow down", success ? 200 : 429);
});

export default app;
