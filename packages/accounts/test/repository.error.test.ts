import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { getAccounts } from "../src/index.ts";

const accounts = () => getAccounts(env);

describe("settings validation", () => {
  it("refuses a wrong value and names its field", async () => {
    const repo = await accounts();
    const { partner } = await repo.partners.create({ name: "Bad settings", mode: "test" });
    const result = await repo.settings.put(partner.id, "biometric-liveness", {
      facetec: { acceptMatchLevel: 11 },
    });
    expect(result).toEqual({
      ok: false,
      issues: [{ path: "facetec.acceptMatchLevel", message: expect.any(String) }],
    });
    expect(await repo.settings.get(partner.id, "biometric-liveness")).toMatchObject({
      facetec: { acceptMatchLevel: 6 },
    });
  });

  it("refuses unknown settings by name, and a body that is not an object", async () => {
    const repo = await accounts();
    const { partner } = await repo.partners.create({ name: "Bad settings", mode: "test" });
    expect(
      await repo.settings.put(partner.id, "nfc-session", { numImagesLiveness: 2, colour: "blue" }),
    ).toEqual({
      ok: false,
      issues: [{ path: "colour", message: "is not a known setting" }],
    });
    expect(await repo.settings.put(partner.id, "nfc-session", ["not", "an", "object"])).toMatchObject({
      ok: false,
      issues: [{ path: "(settings)" }],
    });
  });

  it("fails loudly when stored settings no longer validate, rather than fall back to defaults", async () => {
    const repo = await accounts();
    const { partner } = await repo.partners.create({ name: "Stale settings", mode: "test" });
    await env.ACCOUNTS.prepare(
      "insert into partner_settings (partner_id, capability, settings, updated_at) values (?, 'nfc-session', ?, 0)",
    )
      .bind(partner.id, JSON.stringify({ numImagesLiveness: 99 }))
      .run();
    await expect(repo.settings.get(partner.id, "nfc-session")).rejects.toThrow(/numImagesLiveness/);
  });
});

describe("stored JSON is validated on read", () => {
  it("refuses a key whose scopes are not known capabilities", async () => {
    const repo = await accounts();
    const { partner } = await repo.partners.create({ name: "Bad scopes", mode: "test" });
    await env.ACCOUNTS.prepare("update api_keys set scopes = ? where partner_id = ?")
      .bind(JSON.stringify(["everything"]), partner.id)
      .run();
    await expect(repo.keys.list(partner.id)).rejects.toThrow();
  });
});

describe("the database refuses what the repository never writes", () => {
  it("refuses a plain-text Smile ID key and a Smile ID partner_id that is not numeric", async () => {
    const repo = await accounts();
    const { partner } = await repo.partners.create({ name: "Constraints", mode: "test" });
    await expect(
      env.ACCOUNTS.prepare(
        "update api_keys set secret_hash = 'x', secret_ciphertext = null where partner_id = ? and dialect = 'smileid'",
      )
        .bind(partner.id)
        .run(),
    ).rejects.toThrow(/CHECK constraint failed/);
    await expect(
      env.ACCOUNTS.prepare("update partners set smile_id_partner_id = '12a4' where id = ?")
        .bind(partner.id)
        .run(),
    ).rejects.toThrow(/CHECK constraint failed/);
  });
});

describe("unknown ids", () => {
  it("come back as null or false, never as another partner's data", async () => {
    const repo = await accounts();
    const mine = await repo.partners.create({ name: "Mine", mode: "test" });
    const theirs = await repo.partners.create({ name: "Theirs", mode: "test" });
    const theirKey = (await repo.keys.list(theirs.partner.id))[0]?.id as string;
    expect(await repo.partners.get("ptn_00000000000000000000000000")).toBeNull();
    expect(await repo.keys.rotate("ptn_00000000000000000000000000", "ndt", "test", 0)).toBeNull();
    expect(await repo.keys.revoke(mine.partner.id, theirKey)).toBeNull();
    expect(await repo.keys.list(mine.partner.id)).not.toContainEqual(
      expect.objectContaining({ id: theirKey }),
    );
  });
});
