import { createTestPartner } from "@edgekyc/accounts/testing";
import { describe, expect, it } from "vitest";
import { admin } from "./support/admin-client.ts";

describe("PUT webhook-endpoints refuses URLs the gateway must not call (SSRF guard)", () => {
  it.each([
    ["live", "http://hooks.example.com/x"],
    ["live", "http://localhost:8787/x"],
    ["test", "https://169.254.169.254/latest/meta-data"],
    ["test", "https://10.0.0.7/hooks"],
    ["test", "https://[::ffff:192.168.1.1]/hooks"],
    ["test", "https://user:pass@hooks.example.com/x"],
    ["test", "ftp://hooks.example.com/x"],
    ["test", "not a url"],
    ["live", "https://localhost./x"],
    ["live", "https://metadata.google.internal./computeMetadata/v1/"],
    ["live", "https://localhost%2e/"],
    ["live", "https://[::127.0.0.1]/"],
  ])("%s mode: %s → 422 naming url", async (mode, url) => {
    const { partner } = await createTestPartner();
    const res = await admin("PUT", `/admin/v1/partners/${partner.id}/webhook-endpoints`, {
      body: { mode, url },
    });
    expect(res.status, await res.clone().text()).toBe(422);
    expect(await res.json()).toMatchObject({
      code: "validation_failed",
      errors: [{ path: "url", message: expect.any(String) }],
    });
  });
});

describe("webhook endpoint routes refuse bad input and unknown ids", () => {
  it("answers 422 naming a missing mode or an unknown capability", async () => {
    const { partner } = await createTestPartner();
    const path = `/admin/v1/partners/${partner.id}/webhook-endpoints`;
    const noMode = await admin("PUT", path, { body: { url: "https://hooks.example.com/x" } });
    expect(noMode.status).toBe(422);
    expect(await noMode.json()).toMatchObject({ errors: [{ path: "mode" }] });
    const capability = await admin("PUT", path, {
      body: { mode: "test", capability: "face-match", url: "https://hooks.example.com/x" },
    });
    expect(capability.status).toBe(422);
    expect(await capability.json()).toMatchObject({ errors: [{ path: "capability" }] });
  });

  it("answers 404 for an unknown partner", async () => {
    const res = await admin("PUT", "/admin/v1/partners/ptn_00000000000000000000000000/webhook-endpoints", {
      body: { mode: "test", url: "https://hooks.example.com/x" },
    });
    expect(res.status).toBe(404);
  });

  it("answers 404 when rotating an unknown endpoint or another partner's", async () => {
    const mine = await createTestPartner({ name: "Mine" });
    const theirs = await createTestPartner({ name: "Theirs" });
    const endpoint = await (
      await admin("PUT", `/admin/v1/partners/${theirs.partner.id}/webhook-endpoints`, {
        body: { mode: "test", url: "https://hooks.example.com/t" },
      })
    ).json<{ id: string }>();
    const other = await admin(
      "POST",
      `/admin/v1/partners/${mine.partner.id}/webhook-endpoints/${endpoint.id}/rotate-secret`,
    );
    expect(other.status).toBe(404);
    const unknown = await admin(
      "POST",
      `/admin/v1/partners/${mine.partner.id}/webhook-endpoints/whe_00000000000000000000000000/rotate-secret`,
    );
    expect(unknown.status).toBe(404);
  });

  it("answers 422 for a grace period over a week", async () => {
    const { partner } = await createTestPartner();
    const endpoint = await (
      await admin("PUT", `/admin/v1/partners/${partner.id}/webhook-endpoints`, {
        body: { mode: "test", url: "https://hooks.example.com/g" },
      })
    ).json<{ id: string }>();
    const res = await admin(
      "POST",
      `/admin/v1/partners/${partner.id}/webhook-endpoints/${endpoint.id}/rotate-secret`,
      {
        body: { graceSeconds: 700_000 },
      },
    );
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ errors: [{ path: "graceSeconds" }] });
  });
});
