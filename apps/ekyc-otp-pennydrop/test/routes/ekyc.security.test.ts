import { env } from "cloudflare:workers";
import { getAccounts } from "@edgekyc/accounts";
import { runDialectAuthTests } from "@edgekyc/accounts/testing";
import { describe, expect, it, vi } from "vitest";
import {
  APPLICATION,
  call,
  codeIn,
  createPartner,
  json,
  lastMessage,
  registerApplication,
} from "../support/harness.ts";

const base = (id: string) => `/acquisition/v2/applications/${id}/kycauthentications`;

describe("the NDT authentication suite on every kind of endpoint", () => {
  for (const [method, path, body] of [
    ["PUT", "/acquisition/v2/applications/auth-suite", APPLICATION],
    ["POST", "/acquisition/v2/applications/auth-suite/kycauthentications/otp", {}],
    [
      "POST",
      "/servicing/v2/accounts/auth-suite/kycauthentications/pennydrop",
      { bankAccount: "41011166", sortCode: "200915" },
    ],
    ["GET", "/servicing/v2/accounts/auth-suite/kycauthentications", undefined],
  ] as const) {
    describe(`${method} ${path}`, () => {
      runDialectAuthTests(
        "ndt",
        ({ headers }) =>
          new Request(`https://ekyc.test${path}`, {
            method,
            headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
            ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          }),
      );
    });
  }
});

describe("authentication", () => {
  it("refuses a missing key, a wrong key and a wrong Merchant-Id alike", async () => {
    const partner = await createPartner();
    await registerApplication(partner, "s-auth");
    const other = await createPartner("Other");
    const attempts = [
      call(null, "GET", base("s-auth")),
      call({ ...partner, apiKey: `${partner.apiKey.slice(0, -4)}zzzz` }, "GET", base("s-auth")),
      call({ ...partner, merchantId: other.merchantId }, "GET", base("s-auth")),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(401);
      expect(await json(res)).toMatchObject({ status: "unauthorized" });
    }
  });
});

describe("another partner's ids are indistinguishable from missing ones", () => {
  it("applications, accounts and authIds of another partner answer exactly like unknown ones", async () => {
    const owner = await createPartner("Owner");
    const intruder = await createPartner("Intruder");
    await registerApplication(owner, "shared-id");
    const started = await json(await call(owner, "POST", `${base("shared-id")}/otp`, { body: {} }));
    const code = codeIn((await lastMessage(owner, "+447400123456")).body);

    const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
    const theirs = await call(intruder, "POST", `${base("shared-id")}/otp/${started.authId}/validate`, {
      body: { passcode: code },
    });
    const nobodys = await call(intruder, "POST", `${base("no-such-id")}/otp/${started.authId}/validate`, {
      body: { passcode: code },
    });
    expect(theirs.status).toBe(nobodys.status);
    expect(strip(await json(theirs))).toEqual({ ...strip(await json(nobodys)) });

    // The intruder registering the same id gets its own record: the owner's authId is unknown there.
    await registerApplication(intruder, "shared-id");
    const cross = await call(intruder, "POST", `${base("shared-id")}/otp/${started.authId}/validate`, {
      body: { passcode: code },
    });
    expect(await json(cross)).toMatchObject({ status: "sessionIdNotFound" });
    // …and nothing the intruder did touched the owner's code.
    const mine = await call(owner, "POST", `${base("shared-id")}/otp/${started.authId}/validate`, {
      body: { passcode: code },
    });
    expect(await json(mine)).toMatchObject({ status: "authenticated" });
  });

  it("a live key of the same partner does not see test-mode records", async () => {
    const partner = await createPartner("Both");
    await registerApplication(partner, "mode-id");
    const rotated = await (await getAccounts(env)).keys.rotate(partner.id, "ndt", "live");
    if (!rotated) throw new Error("no live key");
    const live = { ...partner, apiKey: rotated.credentials.api_key, mode: "live" as const };
    const res = await call(live, "GET", base("mode-id"));
    expect(res.status).toBe(404);
    expect(await json(res)).toMatchObject({ status: "applicationIdNotFound" });
  });
});

describe("codes and personal data stay secret", () => {
  it("never stores or logs the code, and keeps only masked destinations in the audit trail", async () => {
    const logs: string[] = [];
    const spies = (["log", "info", "warn", "error"] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        logs.push(args.map(String).join(" "));
      }),
    );
    try {
      const partner = await createPartner();
      await registerApplication(partner, "s-secret");
      const started = await json(await call(partner, "POST", `${base("s-secret")}/otp`, { body: {} }));
      const code = codeIn((await lastMessage(partner, "+447400123456")).body);
      await call(partner, "POST", `${base("s-secret")}/otp/${started.authId}/validate`, {
        body: { passcode: code },
      });

      const audit = await env.DB.prepare("SELECT * FROM audit_events WHERE partner_id = ?")
        .bind(partner.id)
        .all();
      const dump = JSON.stringify(audit.results);
      expect(dump).not.toContain(code);
      expect(dump).not.toContain("7400123456");
      expect(dump).toContain("+44 •••• ••• 456");
      const subjects = JSON.stringify((await env.DB.prepare("SELECT * FROM subjects").all()).results);
      expect(subjects).not.toContain("Anna");
      // The whole number: four digits alone occur by chance in timestamps.
      expect(subjects).not.toContain("7400123456");
      const outbox = JSON.stringify((await env.DB.prepare("SELECT * FROM sandbox_outbox").all()).results);
      expect(outbox).not.toContain(code);
      expect(outbox).not.toContain("7400123456");
      expect(logs.join("\n")).not.toContain(code);
      expect(logs.join("\n")).not.toContain("7400123456");
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });

  it("the development routes do not exist outside development", async () => {
    const partner = await createPartner();
    for (const path of ["/dev/outbox", "/dev/bank/accounts/200915/41011166/payments"]) {
      const res = await call(partner, "GET", path);
      expect(res.status, path).toBe(404);
    }
  });

  it("erasure removes the record, its audit trail and its counters", async () => {
    const partner = await createPartner();
    await registerApplication(partner, "s-erase");
    await call(partner, "POST", `${base("s-erase")}/otp`, { body: {} });
    const erased = await call(partner, "DELETE", "/acquisition/v2/applications/s-erase");
    expect(erased.status, await erased.clone().text()).toBe(204);
    expect((await call(partner, "GET", base("s-erase"))).status).toBe(404);
    const audit = await env.DB.prepare("SELECT count(*) AS n FROM audit_events WHERE partner_id = ?")
      .bind(partner.id)
      .first<{ n: number }>();
    expect(audit?.n).toBe(0);
    await registerApplication(partner, "s-erase");
    const fresh = await json(await call(partner, "GET", base("s-erase")));
    expect(fresh).toMatchObject({ otp: { remainingPasscodes: 3, initiatesInWindow: 0 } });
  });
});
