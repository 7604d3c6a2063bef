// The Worker behind the "object alone" stage of `npm run bench -- ekyc-otp-pennydrop` (tools/dev): it hosts the app's
// own EkycSubject Durable Object class and sends one object many concurrent validations by RPC, as the
// app's Worker does, without HTTP, authentication or the dev stack's hops in between. What it measures is
// the ceiling the one contended object sets; the bench reads the CPU time from outside (/proc).
import { EkycSubject } from "../src/durable/ekyc-subject.ts";

export { EkycSubject };

interface BenchEnv {
  SUBJECTS: DurableObjectNamespace<EkycSubject>;
}

// Every setting the app reads, at the most generous limits the settings allow (as in the HTTP stages).
const SETTINGS = {
  maximumNumberOfInitiatesPerDuration: 100,
  initiatesDurationInMilliseconds: 3_600_000,
  passcodeExpiryInMilliseconds: 600_000,
  maximumNumberOfInvalidValidates: 100,
  maximumNumberOfInvalidValidatesPerSession: 100,
  maximumNumberOfExpiredValidates: 3,
  otpCodeLength: 6,
  tempLockEnabledOnInitiateApplication: true,
  tempLockDurationOnInitiateApplicationInSeconds: 900,
};

export default {
  async fetch(request: Request, env: BenchEnv): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname !== "/run") return new Response("POST /run?subject=…&n=…&c=…", { status: 404 });
    const subject = url.searchParams.get("subject") ?? "bench";
    const count = Math.min(Number(url.searchParams.get("n") ?? 100), 50_000);
    const concurrency = Math.min(Number(url.searchParams.get("c") ?? 64), 512);
    const stub = env.SUBJECTS.get(env.SUBJECTS.idFromName(subject));
    const started = await stub.initiate(
      "otp",
      { journeyId: "bench", destinationKey: "bench", sealedDestination: "bench" },
      SETTINGS,
    );
    if (started.status !== "initiated") return Response.json({ error: started.status }, { status: 500 });
    const audit = { partnerId: "bench", mode: "test" as const, subjectId: subject, requestId: "req_bench" };
    const statuses: Record<string, number> = {};
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < count) {
          next++;
          const outcome = await stub.validate(
            "otp",
            { authId: started.authId, passcode: "0000000" },
            SETTINGS,
            audit,
          );
          statuses[outcome.status] = (statuses[outcome.status] ?? 0) + 1;
        }
      }),
    );
    const summary = await stub.summary(SETTINGS);
    return Response.json({
      statuses,
      attempts: summary.otp.validationAttempts,
      invalid: summary.otp.invalidValidates,
    });
  },
};
