import { afterEach, describe, expect, it, vi } from "vitest";
import { testServices } from "../support/services.ts";

afterEach(() => {
  vi.useRealTimers();
});

const accounts = async () => (await testServices()).accounts;
const endpoints = async () => (await testServices()).webhookEndpoints;

describe("webhook endpoints", () => {
  it("are created with a whsec_ secret, listed, changed, disabled and deleted", async () => {
    const repo = await accounts();
    const hooks = await endpoints();
    const { partner } = await repo.partners.create({ name: "Hooks", mode: "test" });
    const created = await hooks.create(partner.id, "test", {
      url: "https://hooks.example/a",
      capability: null,
    });
    expect(created?.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    const id = created?.endpoint.id as string;
    expect(created?.endpoint).toEqual({
      id: expect.stringMatching(/^whe_/),
      url: "https://hooks.example/a",
      capability: null,
      mode: "test",
      disabled: false,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(await hooks.list(partner.id, "test")).toEqual([created?.endpoint]);
    expect(await hooks.list(partner.id, "live")).toEqual([]);
    expect(await hooks.update(partner.id, id, "test", { url: "https://hooks.example/b" })).toMatchObject({
      url: "https://hooks.example/b",
    });
    expect(await hooks.disable(partner.id, id, "410 Gone from the endpoint")).toMatchObject({
      disabled: true,
      disabledReason: "410 Gone from the endpoint",
    });
    expect(await hooks.update(partner.id, id, "test", { disabled: false })).toMatchObject({
      disabled: false,
    });
    expect(await hooks.delete(partner.id, id, "test")).toBe(true);
    expect(await hooks.get(partner.id, id)).toBeNull();
    // The target is free again once the endpoint is deleted.
    expect(
      await hooks.create(partner.id, "test", { url: "https://hooks.example/c", capability: null }),
    ).not.toBeNull();
  });

  it("resolve to the capability's endpoint, else the default, with decrypted secrets", async () => {
    const repo = await accounts();
    const hooks = await endpoints();
    const { partner } = await repo.partners.create({ name: "Resolve", mode: "test" });
    const fallback = await hooks.create(partner.id, "test", {
      url: "https://hooks.example/default",
      capability: null,
    });
    const nfc = await hooks.create(partner.id, "test", {
      url: "https://hooks.example/nfc",
      capability: "nfc-session",
    });
    expect(await hooks.resolve(partner.id, "test", "nfc-session")).toMatchObject({
      id: nfc?.endpoint.id,
      partnerId: partner.id,
      secrets: [nfc?.secret],
    });
    expect(await hooks.resolve(partner.id, "test", "biometric-liveness")).toMatchObject({
      id: fallback?.endpoint.id,
      secrets: [fallback?.secret],
    });
    expect(await hooks.resolve(partner.id, "test", "webhook-gateway")).toMatchObject({
      id: fallback?.endpoint.id,
    });
    expect(await hooks.resolve(partner.id, "live", "nfc-session")).toBeNull();

    // A batch's lookup makes the same choices from one read, and leaves out unknown and erased partners.
    const { partner: erased } = await repo.partners.create({ name: "Erased", mode: "test" });
    await hooks.create(erased.id, "test", { url: "https://hooks.example/e", capability: null });
    await repo.partners.erase(erased.id);
    const batch = await hooks.forPartners([partner.id, erased.id, "ptn_unknown", partner.id]);
    expect([...batch.keys()]).toEqual([partner.id]);
    const mine = batch.get(partner.id);
    for (const capability of ["nfc-session", "biometric-liveness", "webhook-gateway", null] as const) {
      for (const mode of ["test", "live"] as const) {
        expect(await mine?.resolve(mode, capability), `${mode} ${capability}`).toEqual(
          await hooks.resolve(partner.id, mode, capability),
        );
      }
    }
  });

  it("rotate their secret: both sign during the grace period, newest first, then only the new one", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: Date.parse("2026-03-01T10:00:00Z") });
    const repo = await accounts();
    const hooks = await endpoints();
    const { partner } = await repo.partners.create({ name: "Rotate hooks", mode: "test" });
    const created = await hooks.create(partner.id, "test", {
      url: "https://hooks.example/r",
      capability: null,
    });
    const id = created?.endpoint.id as string;
    vi.setSystemTime(Date.parse("2026-03-01T10:00:01Z"));
    const rotated = await hooks.rotateSecret(partner.id, id, "test", 600);
    expect(rotated?.secret).not.toBe(created?.secret);
    expect((await hooks.withSecretsById(partner.id, id))?.secrets).toEqual([
      rotated?.secret,
      created?.secret,
    ]);
    expect(
      (await (await hooks.forPartners([partner.id])).get(partner.id)?.resolve("test", null))?.secrets,
    ).toEqual([rotated?.secret, created?.secret]);
    vi.setSystemTime(Date.parse("2026-03-01T10:10:02Z"));
    expect((await hooks.withSecretsById(partner.id, id))?.secrets).toEqual([rotated?.secret]);
    expect(
      (await (await hooks.forPartners([partner.id])).get(partner.id)?.resolve("test", null))?.secrets,
    ).toEqual([rotated?.secret]);
  });

  it("keep at most 3 secrets valid however often they are rotated within the grace period", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: Date.parse("2026-03-02T10:00:00Z") });
    const repo = await accounts();
    const hooks = await endpoints();
    const { partner } = await repo.partners.create({ name: "Rotate often", mode: "test" });
    const created = await hooks.create(partner.id, "test", {
      url: "https://hooks.example/r",
      capability: null,
    });
    const id = created?.endpoint.id as string;
    const issued: string[] = [created?.secret as string];
    for (let i = 1; i <= 12; i++) {
      vi.setSystemTime(Date.parse("2026-03-02T10:00:00Z") + i * 1000);
      const rotated = await hooks.rotateSecret(partner.id, id, "test", 604_800);
      issued.push(rotated?.secret as string);
    }
    const valid = (await hooks.withSecretsById(partner.id, id))?.secrets;
    expect(valid, "the newest three, newest first").toEqual(issued.slice(-3).reverse());
    const batch = await hooks.forPartners([partner.id]);
    expect((await batch.get(partner.id)?.resolve("test", null))?.secrets, "a batch's lookup").toEqual(valid);
  });

  it("upsert: creates the target's endpoint with a secret, then changes its URL and re-enables it", async () => {
    const repo = await accounts();
    const hooks = await endpoints();
    const { partner } = await repo.partners.create({ name: "Upsert", mode: "test" });
    const first = await hooks.upsert(partner.id, "live", "ekyc-otp-pennydrop", "https://hooks.example/1");
    expect(first).toMatchObject({ created: true, secret: expect.stringMatching(/^whsec_/) });
    await hooks.disable(partner.id, first.endpoint.id, "too many failures");
    const second = await hooks.upsert(partner.id, "live", "ekyc-otp-pennydrop", "https://hooks.example/2");
    expect(second).toEqual({
      created: false,
      endpoint: expect.objectContaining({
        id: first.endpoint.id,
        url: "https://hooks.example/2",
        disabled: false,
      }),
    });
    expect("secret" in second).toBe(false);
  });
});
