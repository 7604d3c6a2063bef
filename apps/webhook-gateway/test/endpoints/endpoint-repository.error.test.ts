import { describe, expect, it } from "vitest";
import { testServices } from "../support/services.ts";

const accounts = async () => (await testServices()).accounts;
const endpoints = async () => (await testServices()).webhookEndpoints;

describe("the database refuses what the repository never writes", () => {
  it("keeps one active endpoint per partner, mode and capability-or-default", async () => {
    const repo = await accounts();
    const hooks = await endpoints();
    const { partner } = await repo.partners.create({ name: "One endpoint", mode: "test" });
    const url = "https://hooks.example/one";
    expect(await hooks.create(partner.id, "test", { url, capability: null })).not.toBeNull();
    expect(await hooks.create(partner.id, "test", { url, capability: null })).toBeNull();
    expect(await hooks.create(partner.id, "test", { url, capability: "nfc-session" })).not.toBeNull();
    expect(await hooks.create(partner.id, "test", { url, capability: "nfc-session" })).toBeNull();
    expect(await hooks.create(partner.id, "live", { url, capability: null })).not.toBeNull();
  });
});

describe("another partner's endpoint ids", () => {
  it("come back as null or false, never as another partner's data", async () => {
    const repo = await accounts();
    const hooks = await endpoints();
    const mine = await repo.partners.create({ name: "Mine", mode: "test" });
    const theirs = await repo.partners.create({ name: "Theirs", mode: "test" });
    const endpoint = await hooks.create(theirs.partner.id, "test", {
      url: "https://theirs.example/h",
      capability: null,
    });
    const theirKey = (await repo.keys.list(theirs.partner.id))[0]?.id as string;
    const endpointId = endpoint?.endpoint.id as string;
    expect(await repo.partners.get("ptn_00000000000000000000000000")).toBeNull();
    expect(await repo.keys.rotate("ptn_00000000000000000000000000", "ndt", "test", 0)).toBeNull();
    expect(await repo.keys.revoke(mine.partner.id, theirKey)).toBeNull();
    expect(await hooks.get(mine.partner.id, endpointId)).toBeNull();
    expect(
      await hooks.update(mine.partner.id, endpointId, undefined, { url: "https://x.example" }),
    ).toBeNull();
    expect(await hooks.rotateSecret(mine.partner.id, endpointId, undefined, 0)).toBeNull();
    expect(await hooks.delete(mine.partner.id, endpointId)).toBe(false);
    expect(await hooks.withSecretsById(mine.partner.id, endpointId)).toBeNull();
    expect(await hooks.get(theirs.partner.id, endpointId)).not.toBeNull();
  });
});
