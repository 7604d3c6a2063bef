import { env, exports } from "cloudflare:workers";
import { expect, it } from "vitest";

it("serves and binds", async () => {
  const res = await exports.default.fetch("http://x/docs/webhook-gateway");
  expect(res.status).toBe(200);
  expect(await env.DB.prepare("select 1 as one").first()).toEqual({ one: 1 });
  await env.UPLOADS.put("a", "b");
  expect(await (await env.UPLOADS.get("a"))?.text()).toBe("b");
});
