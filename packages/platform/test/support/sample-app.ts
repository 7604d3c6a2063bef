import { createRoute, z } from "@hono/zod-openapi";
import { ApiError, type AppEnv, ConfigError, newApp, setDialect } from "../../src/index.ts";

export const MAX_BODY_BYTES = 1024;

/** A description written to break out of HTML if the docs page ever stopped escaping. */
export const HOSTILE = `<script>alert("x")</script><img src=x onerror=alert(1)>`;

const Thing = z
  .object({
    name: z
      .string()
      .min(2)
      .openapi({ description: `The thing's name. ${HOSTILE}` }),
    age: z.number().int(),
    tags: z.array(z.enum(["red", "blue"])).optional(),
  })
  .openapi("Thing");

const createThing = createRoute({
  method: "post",
  path: "/things",
  tags: ["Things"],
  summary: "Create a <b>thing</b>",
  description: `Makes one. ${HOSTILE}`,
  security: [{ partnerKey: [] }],
  request: { body: { required: true, content: { "application/json": { schema: Thing } } } },
  responses: {
    201: {
      description: "Created.",
      content: { "application/json": { schema: z.object({ id: z.string(), thing: Thing }) } },
    },
  },
});

const getThing = createRoute({
  method: "get",
  path: "/things/{thingId}",
  tags: ["Things"],
  summary: "Read a thing",
  request: {
    params: z.object({ thingId: z.string().regex(/^thg_[0-9a-z]{26}$/) }),
    query: z.object({ verbose: z.enum(["true", "false"]).optional() }),
  },
  responses: { 200: { description: "The thing.", content: { "application/json": { schema: Thing } } } },
});

/** One app of every behaviour newApp adds, with routes that succeed, fail and throw. */
export function sampleApp(dialect: "edgekyc" | "machinesense" | "ndt" = "edgekyc") {
  const app = newApp<AppEnv>({
    name: "sample-app",
    title: "Sample <app>",
    version: "1.2.3",
    description: `A sample. ${HOSTILE}`,
    dialect,
    maxBodyBytes: MAX_BODY_BYTES,
  });
  app.openapi(createThing, (c) => c.json({ id: "thg_1", thing: c.req.valid("json") }, 201));
  app.openapi(getThing, (c) => c.json({ name: c.req.valid("param").thingId, age: 1 }, 200));
  app.get("/boom", () => {
    throw new Error("db password is hunter2 for anna@example.org");
  });
  app.get("/misconfigured", () => {
    throw new ConfigError("ENCRYPTION_KEYS is not set");
  });
  app.get("/taken", () => {
    throw new ApiError("conflict", "already there", {
      details: [{ path: "reference", message: "taken" }],
      headers: { "retry-after": "5" },
    });
  });
  app.use("/smile/*", setDialect("smileid"));
  app.get("/smile/denied", () => {
    throw new ApiError("unauthorized", "You are not authorized to do that.");
  });
  app.get("/smile/boom", () => {
    throw new TypeError("cannot read properties of undefined (reading 'secret')");
  });
  return app;
}

export const jsonPost = (body: BodyInit, headers: Record<string, string> = {}) =>
  sampleApp().request("/things", {
    method: "POST",
    body,
    headers: { "content-type": "application/json", ...headers },
  });

/** A request body stream of `chunks` chunks of `size` bytes, counting how many were pulled. */
export function countingStream(chunks: number, size: number) {
  const pulled = { count: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled.count >= chunks) {
        controller.close();
        return;
      }
      pulled.count++;
      controller.enqueue(new TextEncoder().encode("x".repeat(size)));
    },
  });
  return { stream, pulled };
}
