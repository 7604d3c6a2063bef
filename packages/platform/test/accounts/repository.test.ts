import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { getAccounts } from "../../src/accounts/index.ts";

describe("partner accounts", () => {
  it("creates a partner with credentials for every dialect, all usable ids unique", async () => {
    const accounts = await getAccounts(env);
    const { partner, credentials } = await accounts.createPartner({ name: "Acme", mode: "live" });
    expect(Object.keys(credentials).sort()).toEqual([
      "assure",
      "edgekyc",
      "idenfy",
      "machinesense",
      "ndt",
      "smileid",
    ]);
    expect(credentials.machinesense?.api_key).toMatch(/^ms_live_/);
    expect(credentials.smileid?.partner_id).toBe(partner.smileIdPartnerId);
    expect(credentials.ndt?.merchant_id).toBe(partner.ndtMerchantId);
    const keys = await accounts.listKeys(partner.id);
    expect(keys).toHaveLength(6);
    expect(JSON.stringify(keys)).not.toContain(credentials.edgekyc?.api_key?.split("_").at(-1));
  });

  it("validates settings per capability and names the wrong field", async () => {
    const accounts = await getAccounts(env);
    const { partner } = await accounts.createPartner({ name: "Settings", mode: "test" });
    expect((await accounts.getSettings(partner.id, "ekyc-otp-pennydrop")).otpCodeLength).toBe(6);
    expect(await accounts.putSettings(partner.id, "ekyc-otp-pennydrop", { otpCodeLength: 11 })).toMatchObject(
      {
        ok: false,
        issues: [{ path: "otpCodeLength" }],
      },
    );
    expect(await accounts.putSettings(partner.id, "ekyc-otp-pennydrop", { otpCodeLength: 8 })).toMatchObject({
      ok: true,
    });
    expect((await accounts.getSettings(partner.id, "ekyc-otp-pennydrop")).otpCodeLength).toBe(8);
  });

  it("keeps one active endpoint per target, resolves capability before default, and rotates secrets with grace", async () => {
    const accounts = await getAccounts(env);
    const { partner } = await accounts.createPartner({ name: "Hooks", mode: "test" });
    const def = await accounts.createEndpoint(partner.id, "test", {
      url: "https://a.example.com/h",
      capability: null,
    });
    expect(def?.secret).toMatch(/^whsec_/);
    expect(
      await accounts.createEndpoint(partner.id, "test", { url: "https://b.example.com/h", capability: null }),
    ).toBeNull();
    const nfc = await accounts.createEndpoint(partner.id, "test", {
      url: "https://n.example.com/h",
      capability: "nfc-session",
    });
    expect((await accounts.resolveEndpoint(partner.id, "test", "nfc-session"))?.id).toBe(nfc?.endpoint.id);
    expect((await accounts.resolveEndpoint(partner.id, "test", "biometric-liveness"))?.id).toBe(
      def?.endpoint.id,
    );
    expect(await accounts.resolveEndpoint(partner.id, "live", "nfc-session")).toBeNull();

    const rotated = await accounts.rotateEndpointSecret(partner.id, def?.endpoint.id as string, "test", 3600);
    expect(await accounts.endpointSecrets(def?.endpoint.id as string)).toEqual([
      rotated?.secret,
      def?.secret,
    ]);
    await accounts.rotateEndpointSecret(partner.id, def?.endpoint.id as string, "test", 0);
    expect(await accounts.endpointSecrets(def?.endpoint.id as string)).toHaveLength(1);

    const raw = JSON.stringify(
      (await env.ACCOUNTS.prepare("select * from webhook_endpoint_secrets").all()).results,
    );
    expect(raw).not.toContain("whsec_");
    expect(await accounts.deleteEndpoint(partner.id, def?.endpoint.id as string)).toBe(true);
    expect(
      await accounts.createEndpoint(partner.id, "test", { url: "https://c.example.com/h", capability: null }),
    ).not.toBeNull();
  });

  it("never shows one partner's endpoints to another", async () => {
    const accounts = await getAccounts(env);
    const a = await accounts.createPartner({ name: "A", mode: "test" });
    const b = await accounts.createPartner({ name: "B", mode: "test" });
    const endpoint = await accounts.createEndpoint(a.partner.id, "test", {
      url: "https://a.example.com/h",
      capability: null,
    });
    expect(await accounts.getEndpoint(b.partner.id, endpoint?.endpoint.id as string)).toBeNull();
    expect(
      await accounts.updateEndpoint(b.partner.id, endpoint?.endpoint.id as string, "test", {
        disabled: true,
      }),
    ).toBeNull();
    expect(await accounts.listEndpoints(b.partner.id)).toEqual([]);
  });
});
