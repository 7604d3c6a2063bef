import { describe, expect, it } from "vitest";
import { ProviderError, SmileIdEnhancedKycAuthority } from "../src/index.ts";
import { scriptedFetcher } from "./support/scripted-fetcher.ts";

const query = { country: "NG", idType: "NIN", idNumber: "00000000005", reference: "job-1" };

function authority(...replies: Parameters<typeof scriptedFetcher>) {
  const { fetcher } = scriptedFetcher(...replies);
  return new SmileIdEnhancedKycAuthority({ partnerId: "1234", apiKey: "key-1" }, { fetcher });
}

describe("Smile ID Enhanced KYC authority failures", () => {
  it("maps 1013 to not found and 1014 to an unsupported id type", async () => {
    expect(await authority(Response.json({ ResultCode: "1013" })).lookup(query)).toEqual({
      outcome: "not_found",
    });
    expect(await authority(Response.json({ ResultCode: "1014" })).lookup(query)).toEqual({
      outcome: "unsupported_id_type",
    });
  });

  it("reports a 5xx, a network error or an unknown result code as unavailable", async () => {
    expect((await authority(new Response("down", { status: 503 })).lookup(query)).outcome).toBe(
      "unavailable",
    );
    expect((await authority("network-error").lookup(query)).outcome).toBe("unavailable");
    expect((await authority(Response.json({ ResultCode: "1015" })).lookup(query)).outcome).toBe(
      "unavailable",
    );
  });

  it("throws a ProviderError for a refused request (wrong signature) and an unexpected body", async () => {
    await expect(
      authority(
        Response.json({ code: "2205", error: "You are not authorized to do that." }, { status: 401 }),
      ).lookup(query),
    ).rejects.toMatchObject({ name: "ProviderError", providerCode: "2205" });
    await expect(authority(Response.json({ nothing: true })).lookup(query)).rejects.toBeInstanceOf(
      ProviderError,
    );
  });

  it("refuses a config without a numeric partner id", () => {
    expect(() => new SmileIdEnhancedKycAuthority({ partnerId: "abc", apiKey: "k" })).toThrow(/numeric/);
  });
});
