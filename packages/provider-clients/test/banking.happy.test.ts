import { describe, expect, it } from "vitest";
import {
  compareAccountNames,
  MemorySandboxBankStore,
  ModulrNameCheck,
  ModulrPayments,
  modulrAuthHeaders,
  SandboxBank,
} from "../src/index.ts";
import { scriptedFetcher } from "./support/scripted-fetcher.ts";

const MODULR = {
  apiKey: "key-1",
  apiSecret: "secret-1",
  sourceAccountId: "A12002MW",
  baseUrl: "https://modulr.test/api",
};
const PAYMENT = {
  destination: { sortCode: "200915", accountNumber: "41011166", name: "Anna Smith" },
  amountPence: 1,
  reference: "EKYC 482913",
  idempotencyKey: "pd.auth-1",
};

describe("Modulr", () => {
  it("signs requests with HMAC-SHA1 over the Date and nonce headers", async () => {
    const headers = await modulrAuthHeaders(
      { apiKey: "KEY", apiSecret: "SECRET" },
      "nonce-1",
      new Date("2026-12-01T21:00:00Z"),
    );
    expect(headers.date).toBe("Tue, 01 Dec 2026 21:00:00 GMT");
    expect(headers["x-mod-nonce"]).toBe("nonce-1");
    const key = await crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode("SECRET"),
      { name: "HMAC", hash: "SHA-1" },
      false,
      ["sign"],
    );
    const mac = await crypto.subtle.sign(
      "HMAC",
      key,
      new TextEncoder().encode("date: Tue, 01 Dec 2026 21:00:00 GMT\nx-mod-nonce: nonce-1"),
    );
    const expected = encodeURIComponent(btoa(String.fromCharCode(...new Uint8Array(mac))));
    expect(headers.authorization).toBe(
      `Signature keyId="KEY",algorithm="hmac-sha1",headers="date x-mod-nonce",signature="${expected}"`,
    );
  });

  it("pays 1p to a SCAN destination; a retried attempt carries the same nonce, so it never pays twice", async () => {
    const { fetcher, seen } = scriptedFetcher(
      new Response("unavailable", { status: 503 }),
      Response.json(
        { id: "P120003AQJ", status: "VALIDATED", createdDate: "2026-12-01T21:00:00.000+0000" },
        { status: 201 },
      ),
    );
    const payments = new ModulrPayments(MODULR, { fetcher, sleep: async () => {} });
    const sent = await payments.pay(PAYMENT);
    expect(sent).toMatchObject({ providerPaymentId: "P120003AQJ", status: "accepted" });
    expect(seen).toHaveLength(2);
    expect(seen.map((r) => r.headers.get("x-mod-nonce"))).toEqual(["pd.auth-1", "pd.auth-1"]);
    expect(seen[0]?.headers.get("x-mod-retry")).toBe("true");
    expect(seen[0]?.url).toBe("https://modulr.test/api/payments");
    expect(JSON.parse(seen[0]?.body ?? "{}")).toEqual({
      sourceAccountId: "A12002MW",
      destination: { type: "SCAN", sortCode: "200915", accountNumber: "41011166", name: "Anna Smith" },
      currency: "GBP",
      amount: 0.01,
      reference: "EKYC 482913",
      externalReference: "pd.auth-1",
    });
  });

  it("maps Account Name Check answers by Pay.UK reason code, then by result", async () => {
    for (const [answer, match] of [
      [{ result: "MATCHED" }, "match"],
      [{ result: "PARTIAL_MATCH", reasonCode: "MBAM", name: "Anna Smith" }, "close_match"],
      [{ result: "NOT_MATCHED", reasonCode: "ANNM" }, "no_match"],
      [{ result: "NOT_MATCHED", reasonCode: "OPTO" }, "unavailable"],
    ] as const) {
      const { fetcher, seen } = scriptedFetcher(Response.json({ id: "C1", ...answer }));
      const cop = new ModulrNameCheck(MODULR, { fetcher });
      const result = await cop.check({ sortCode: "200915", accountNumber: "41011166", name: "Anna Smith" });
      expect(result.match, JSON.stringify(answer)).toBe(match);
      expect(JSON.parse(seen[0]?.body ?? "{}")).toMatchObject({
        accountType: "PERSONAL",
        paymentAccountId: "A12002MW",
      });
    }
  });

  it("maps an error list to a ProviderError carrying only the code", async () => {
    const { fetcher } = scriptedFetcher(
      Response.json([{ field: "reference", code: "FIELD_INVALID", message: "Anna's ref" }], { status: 400 }),
    );
    const payments = new ModulrPayments(MODULR, { fetcher });
    const error = (await payments.pay(PAYMENT).then(
      () => null,
      (e: unknown) => e,
    )) as Error & { providerCode: string };
    expect(error.providerCode).toBe("FIELD_INVALID");
    expect(error.message).not.toContain("Anna");
  });
});

describe("SandboxBank", () => {
  it("answers CoP from its holders and takes each payment once per idempotency key", async () => {
    const store = new MemorySandboxBankStore();
    const bank = new SandboxBank(store);
    await store.createAccount({
      sortCode: "200915",
      accountNumber: "41011166",
      holderName: "Anna Smith",
      createdAt: new Date().toISOString(),
    });
    expect(
      (await bank.check({ sortCode: "200915", accountNumber: "41011166", name: "Anna Smith" })).match,
    ).toBe("match");
    expect(
      await bank.check({ sortCode: "200915", accountNumber: "41011166", name: "A Smith" }),
    ).toMatchObject({
      match: "close_match",
      reasonCode: "MBAM",
      matchedName: "Anna Smith",
    });
    expect(
      (await bank.check({ sortCode: "200915", accountNumber: "41011166", name: "John Doe" })).reasonCode,
    ).toBe("ANNM");
    expect(
      (await bank.check({ sortCode: "200915", accountNumber: "00000000", name: "Anna Smith" })).reasonCode,
    ).toBe("AC01");
    const first = await bank.pay(PAYMENT);
    const second = await bank.pay(PAYMENT);
    expect(second.providerPaymentId).toBe(first.providerPaymentId);
    expect(
      await store.listPayments({ sortCode: "200915", accountNumber: "41011166", limit: 10 }),
    ).toHaveLength(1);
    await expect(
      bank.pay({ ...PAYMENT, destination: { ...PAYMENT.destination, accountNumber: "00000000" } }),
    ).rejects.toMatchObject({
      providerCode: "AC01",
    });
  });

  it("refuses references the scheme refuses", async () => {
    const bank = new SandboxBank(new MemorySandboxBankStore());
    for (const reference of ["short", "x".repeat(19), "aaaaaaa", "EKYC <b>1</b>"]) {
      await expect(bank.pay({ ...PAYMENT, reference }), reference).rejects.toThrow(/reference/);
    }
  });
});

describe("compareAccountNames", () => {
  it.each([
    ["Anna Smith", "Anna Smith", "match"],
    ["Mrs Anna Smith", "anna smith", "match"],
    ["Zoë Brontë", "Zoe Bronte", "match"],
    ["A Smith", "Anna Smith", "close_match"],
    ["Smith Anna", "Anna Smith", "close_match"],
    ["Anna Smyth", "Anna Smith", "close_match"],
    ["John Doe", "Anna Smith", "no_match"],
    ["", "Anna Smith", "no_match"],
  ] as const)("%s vs %s → %s", (given, held, expected) => {
    expect(compareAccountNames(given, held)).toBe(expected);
  });
});
