import { env } from "cloudflare:workers";
import { Cipher, newId } from "@edgekyc/platform";
import { CAPABILITIES, DIALECTS, defaultCapabilitySettings } from "@edgekyc/schemas";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AccountsRepository, accountsDb, getAccounts } from "../src/index.ts";
import { webhookEndpoints } from "../src/schema.ts";

afterEach(() => {
  vi.useRealTimers();
});

const accounts = () => getAccounts(env);

describe("partners", () => {
  it("are created with credentials for all six dialects, in the dialects' own field names", async () => {
    const created = await (await accounts()).partners.create({ name: "Acme Lending", mode: "test" });
    const { partner, credentials } = created;
    expect(created.mode).toBe("test");
    expect(partner).toEqual({
      id: expect.stringMatching(/^ptn_[0-9a-z]{26}$/),
      name: "Acme Lending",
      smileIdPartnerId: expect.stringMatching(/^[0-9]{8}$/),
      ndtMerchantId: expect.stringMatching(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      ),
      createdAt: expect.any(String),
      erasedAt: null,
    });
    const pub = "[0-9a-z]{16}";
    const secret = "[0-9A-Za-z]{43}";
    expect(credentials).toEqual({
      machinesense: { api_key: expect.stringMatching(new RegExp(`^ms_test_${pub}_${secret}$`)) },
      idenfy: {
        api_key: expect.stringMatching(new RegExp(`^idf_test_${pub}$`)),
        api_secret: expect.stringMatching(new RegExp(`^${secret}$`)),
      },
      smileid: {
        partner_id: partner.smileIdPartnerId,
        api_key: expect.stringMatching(new RegExp(`^${secret}$`)),
      },
      assure: {
        client_id: expect.stringMatching(new RegExp(`^as_test_${pub}$`)),
        client_secret: expect.stringMatching(new RegExp(`^${secret}$`)),
      },
      ndt: {
        api_key: expect.stringMatching(new RegExp(`^ndt_test_${pub}_${secret}$`)),
        merchant_id: partner.ndtMerchantId,
      },
      edgekyc: { api_key: expect.stringMatching(new RegExp(`^ek_test_${pub}_${secret}$`)) },
    });
    const secrets = [
      credentials.machinesense.api_key,
      credentials.idenfy.api_secret,
      credentials.smileid.api_key,
      credentials.assure.client_secret,
      credentials.ndt.api_key,
      credentials.edgekyc.api_key,
    ].map((value) => value.slice(-43));
    expect(new Set(secrets).size, "every dialect gets its own secret").toBe(6);
  });

  it("have one key per dialect to begin with, listed without secrets", async () => {
    const repo = await accounts();
    const { partner } = await repo.partners.create({ name: "Keys Ltd", mode: "live" });
    const keys = await repo.keys.list(partner.id);
    expect(keys.map((key) => key.dialect).sort()).toEqual([...DIALECTS].sort());
    for (const key of keys) {
      expect(Object.keys(key).sort()).toEqual(
        [
          "createdAt",
          "dialect",
          "expiresAt",
          "id",
          "lastUsedAt",
          "mode",
          "partnerId",
          "publicId",
          "revokedAt",
          "scopes",
          "status",
        ].sort(),
      );
      expect(key).toMatchObject({ mode: "live", status: "active", expiresAt: null, revokedAt: null });
    }
  });

  it("are listed newest first, a page at a time", async () => {
    // Later than any other partner of this file, so these three are the newest.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.parse("2099-01-01T00:00:00Z") });
    const repo = await accounts();
    const ids: string[] = [];
    for (const name of ["P1", "P2", "P3"]) {
      // Ids sort by creation time; one second apart keeps the order certain.
      vi.setSystemTime(Date.now() + 1000);
      ids.push((await repo.partners.create({ name, mode: "test" })).partner.id);
    }
    const first = await repo.partners.list({ limit: 2 });
    expect(first.items.map((p) => p.id)).toEqual([ids[2], ids[1]]);
    expect(first.nextCursor).toBe(ids[1]);
    const second = await repo.partners.list({ limit: 2, cursor: first.nextCursor as string });
    expect(second.items[0]?.id).toBe(ids[0]);
  });

  it("are erased: keys, settings and endpoints go, the ids stay reserved", async () => {
    const repo = await accounts();
    const { partner } = await repo.partners.create({ name: "Gone Ltd", mode: "test" });
    await repo.settings.put(partner.id, "nfc-session", { numImagesLiveness: 3 });
    await accountsDb(env.ACCOUNTS)
      .insert(webhookEndpoints)
      .values({
        id: newId("whe"),
        partnerId: partner.id,
        mode: "test",
        url: "https://gone.example/hooks",
        createdAt: 1,
        updatedAt: 1,
      });
    expect(await repo.partners.erase(partner.id)).toBe(true);
    expect(await repo.partners.get(partner.id)).toMatchObject({ name: "", erasedAt: expect.any(String) });
    expect(await repo.partners.getActive(partner.id)).toBeNull();
    expect(await repo.keys.list(partner.id)).toEqual([]);
    const endpoints = await accountsDb(env.ACCOUNTS)
      .select()
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.partnerId, partner.id));
    expect(endpoints).toEqual([]);
    expect(await repo.partners.erase(partner.id)).toBe(false);
  });
});

describe("keys", () => {
  it("rotate: the old key of that dialect and mode expires after the grace period, others are untouched", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: Date.parse("2026-03-01T10:00:00Z") });
    const repo = await accounts();
    const { partner } = await repo.partners.create({ name: "Rotating", mode: "test" });
    const before = await repo.keys.list(partner.id);
    const rotated = await repo.keys.rotate(partner.id, "ndt", "test", 3600);
    expect(rotated?.credentials).toEqual({
      api_key: expect.stringMatching(/^ndt_test_/),
      merchant_id: partner.ndtMerchantId,
    });
    const after = await repo.keys.list(partner.id);
    const oldNdt = after.find((key) => key.id === before.find((k) => k.dialect === "ndt")?.id);
    expect(oldNdt).toMatchObject({ status: "active", expiresAt: "2026-03-01T11:00:00.000Z" });
    expect(after.filter((key) => key.dialect !== "ndt")).toEqual(
      before.filter((key) => key.dialect !== "ndt"),
    );
    expect(after.find((key) => key.id === rotated?.key.id)).toMatchObject({
      status: "active",
      expiresAt: null,
    });
    vi.setSystemTime(Date.parse("2026-03-01T11:00:01Z"));
    expect((await repo.keys.list(partner.id)).find((key) => key.id === oldNdt?.id)?.status).toBe("expired");
  });

  it("revoke at once and stay revoked at their first revocation time", async () => {
    const repo = await accounts();
    const { partner } = await repo.partners.create({ name: "Revoking", mode: "test" });
    const [key] = await repo.keys.list(partner.id);
    const revoked = await repo.keys.revoke(partner.id, key?.id as string);
    expect(revoked).toMatchObject({ id: key?.id, status: "revoked", revokedAt: expect.any(String) });
    expect(await repo.keys.revoke(partner.id, key?.id as string)).toEqual(revoked);
  });

  it("are found for authentication only while usable and only for their dialect", async () => {
    const repo = await accounts();
    const { credentials } = await repo.partners.create({ name: "Lookup", mode: "test" });
    const publicId = credentials.idenfy.api_key;
    expect(await repo.keys.findForAuth("idenfy", publicId)).toMatchObject({ dialect: "idenfy", publicId });
    expect(await repo.keys.findForAuth("machinesense", publicId)).toBeNull();
  });
});

describe("settings", () => {
  it.each(CAPABILITIES)(
    "%s: defaults until set, then what was stored with defaults filled in",
    async (capability) => {
      const repo = await accounts();
      const { partner } = await repo.partners.create({ name: "Settings", mode: "test" });
      expect(await repo.settings.get(partner.id, capability)).toEqual(defaultCapabilitySettings(capability));
    },
  );

  it("stores only what the partner set, so omitted fields follow the defaults", async () => {
    const repo = await accounts();
    const { partner } = await repo.partners.create({ name: "Settings", mode: "test" });
    const written = await repo.settings.put(partner.id, "nfc-session", { numImagesLiveness: 4 });
    expect(written).toEqual({
      ok: true,
      settings: { ...defaultCapabilitySettings("nfc-session"), numImagesLiveness: 4 },
    });
    expect(await repo.settings.get(partner.id, "nfc-session")).toEqual({
      ...defaultCapabilitySettings("nfc-session"),
      numImagesLiveness: 4,
    });
    const row = await env.ACCOUNTS.prepare("select settings from partner_settings where partner_id = ?")
      .bind(partner.id)
      .first<{ settings: string }>();
    expect(JSON.parse(row?.settings as string)).toEqual({ numImagesLiveness: 4 });
  });
});

describe("the repository", () => {
  it("can run on its own clock and cipher", async () => {
    const cipher = await Cipher.fromKeyRing(env.ENCRYPTION_KEYS);
    const repo = new AccountsRepository(env.ACCOUNTS, cipher, {
      now: () => Date.parse("2030-01-01T00:00:00Z"),
    });
    const { partner } = await repo.partners.create({ name: "Clocked", mode: "test" });
    expect(partner.createdAt).toBe("2030-01-01T00:00:00.000Z");
  });
});
