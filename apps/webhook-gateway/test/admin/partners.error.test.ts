import { describe, expect, it } from "vitest";
import { admin } from "./support/admin-client.ts";

describe("partner routes refuse bad input naming the field", () => {
  it("POST without a name answers 422 naming `name`", async () => {
    const res = await admin("POST", "/admin/v1/partners", { body: { mode: "test" } });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ code: "validation_failed", errors: [{ path: "name" }] });
  });

  it("POST with an unknown mode or an unexpected field answers 422 naming it", async () => {
    const mode = await admin("POST", "/admin/v1/partners", { body: { name: "X", mode: "staging" } });
    expect(mode.status).toBe(422);
    expect(await mode.json()).toMatchObject({ errors: [{ path: "mode" }] });
    const extra = await admin("POST", "/admin/v1/partners", { body: { name: "X", plan: "gold" } });
    expect(extra.status).toBe(422);
    expect(JSON.stringify(await extra.json())).toContain("plan");
  });

  it("POST with a body that is not JSON answers 415, with malformed JSON 400", async () => {
    const text = await admin("POST", "/admin/v1/partners", {
      headers: { "content-type": "text/plain" },
      rawBody: "name=Acme",
    });
    expect(text.status).toBe(415);
    const broken = await admin("POST", "/admin/v1/partners", {
      headers: { "content-type": "application/json" },
      rawBody: '{"name": "Acme"',
    });
    expect(broken.status).toBe(400);
  });

  it("GET of an unknown partner answers 404, of a malformed id 400", async () => {
    const missing = await admin("GET", "/admin/v1/partners/ptn_00000000000000000000000000");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: "not_found" });
    const malformed = await admin("GET", "/admin/v1/partners/acme");
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ code: "bad_request", errors: [{ path: "partnerId" }] });
  });

  it("GET with a bad page size answers 400 naming `limit`", async () => {
    const res = await admin("GET", "/admin/v1/partners?limit=1000");
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ errors: [{ path: "limit" }] });
  });
});
