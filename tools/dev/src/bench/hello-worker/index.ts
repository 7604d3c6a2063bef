// The baseline of `npm run bench -- webhook-gateway`: a Hono hello-world Worker, run in the same local
// workerd setup as the gateway, so the gateway's cheap requests are reported beside it (ratio, difference).
import { Hono } from "hono";

const app = new Hono();
app.get("/", (c) => c.text("Hello Hono!"));
app.get("/json", (c) => c.json({ hello: "world" }));

export default app;
