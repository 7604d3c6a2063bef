import { describe, expect, it } from "vitest";
import { MemorySandboxIdentityStore, SandboxIdAuthority, SmileIdEnhancedKycAuthority } from "../src/index.ts";
import { scriptedFetcher } from "./support/scripted-fetcher.ts";

const PHOTO = new Uint8Array([0xff, 0xd8, 0xff, 0xd9]);

function sandbox() {
  const store = new MemorySandboxIdentityStore();
  for (const idNumber of ["00000000002", "00000000005"]) {
    store.add({
      country: "NG",
      idType: "NIN",
      idNumber,
      person: {
        firstName: "Ada",
        lastName: "Obi",
        middleName: null,
        dob: "1990-01-31",
        gender: "F",
        photo: PHOTO,
      },
    });
  }
  return new SandboxIdAuthority(store);
}

const query = (idNumber: string, idType = "NIN") => ({ country: "NG", idType, idNumber, reference: "job-1" });

describe("sandbox ID authority", () => {
  it("answers a registered identity with its photo for id numbers ending in 3-9", async () => {
    const result = await sandbox().lookup(query("00000000005"));
    expect(result).toEqual({
      outcome: "found",
      person: {
        firstName: "Ada",
        lastName: "Obi",
        middleName: null,
        dob: "1990-01-31",
        gender: "F",
        photo: PHOTO,
      },
    });
  });

  it("withholds the photo for id numbers ending in 2", async () => {
    const result = await sandbox().lookup(query("00000000002"));
    expect(result.outcome).toBe("found");
    expect(result.outcome === "found" && result.person.photo).toBeNull();
  });

  it("answers not found (0, or unregistered) and unavailable (1) by the last digit", async () => {
    const authority = sandbox();
    expect(await authority.lookup(query("12345678900"))).toEqual({ outcome: "not_found" });
    expect(await authority.lookup(query("12345678909"))).toEqual({ outcome: "not_found" });
    expect((await authority.lookup(query("12345678901"))).outcome).toBe("unavailable");
    expect(await authority.lookup(query("00000000005", "LIBRARY_CARD"))).toEqual({
      outcome: "unsupported_id_type",
    });
  });
});

describe("Smile ID Enhanced KYC authority", () => {
  it("signs the request and maps a 1012 answer to the person with the photo", async () => {
    const { fetcher, seen } = scriptedFetcher(
      Response.json({
        ResultCode: "1012",
        FullName: "Ada Chioma Obi",
        DOB: "1990-01-31",
        Gender: "F",
        Photo: "/9j/2Q==",
      }),
    );
    const authority = new SmileIdEnhancedKycAuthority(
      { partnerId: "1234", apiKey: "key-1", baseUrl: "https://testapi.smileidentity.com/v1" },
      { fetcher },
    );
    const result = await authority.lookup(query("00000000005"));
    expect(result).toEqual({
      outcome: "found",
      person: {
        firstName: "Ada",
        lastName: "Obi",
        middleName: "Chioma",
        dob: "1990-01-31",
        gender: "F",
        photo: new Uint8Array([0xff, 0xd8, 0xff, 0xd9]),
      },
    });
    expect(seen[0]?.url).toBe("https://testapi.smileidentity.com/v1/id_verification");
    const body = JSON.parse(seen[0]?.body ?? "{}");
    expect(body).toMatchObject({ partner_id: "1234", id_type: "NIN", partner_params: { job_type: 5 } });
    const key = await crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode("key-1"),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    const mac = await crypto.subtle.sign(
      "HMAC",
      key,
      new TextEncoder().encode(`${body.timestamp}1234sid_request`),
    );
    expect(body.signature).toBe(btoa(String.fromCharCode(...new Uint8Array(mac))));
  });
});
