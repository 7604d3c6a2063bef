// `npm run bench -- ekyc-otp-pennydrop [--validations N --applications M --concurrency C --write]`: OTP
// initiates and validations on the local platform, through the dev router (`npm start`'s stack) and on
// the app served by workerd alone (no wrangler dev, see ../workerd-alone.ts). One contended application
// (every validation goes to the same Durable Object) and many applications (one object each); after each
// contended run the counts the object kept and the audit rows in D1 are checked against the validations
// sent. Loopback only; bounded in count and time.
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { repoRoot } from "../apps.ts";
import { appendBenchmarkReport, clampOption } from "../bench-results.ts";
import { apiClient } from "../local-client.ts";
import { freePort } from "../ports.ts";
import { clockTicksPerSecond, percentile, treeCpuMs } from "../process-cpu.ts";
import { startPlatform } from "../start.ts";
import { startWorkerdAlone } from "../workerd-alone.ts";
import {
  type Answer,
  APP_CONFIG,
  auditCounts,
  ndtClient,
  OBJECT_WORKER_CONFIG,
  type Phase,
  phase,
} from "./ekyc-otp-pennydrop-load/load.ts";

// The most generous limits the settings allow, so a contended run shows the exact failure point.
const SETTINGS = {
  maximumNumberOfInitiatesPerDuration: 100,
  maximumNumberOfInvalidValidates: 100,
  maximumNumberOfInvalidValidatesPerSession: 100,
};

const statusOf = (res: Answer) => String(res.json?.status ?? res.status);
const base = (id: string) => `/acquisition/v2/applications/${id}`;
const mobile = (i: number) => `+4474${String(i).padStart(8, "0")}`;

type Client = ReturnType<typeof ndtClient>;

async function register(client: Client, id: string, phone: string): Promise<void> {
  const res = await client.call("PUT", base(id), {
    firstName: "Bench",
    lastName: "Customer",
    dateOfBirth: "1990-01-01",
    mobileNumber: phone,
  });
  if (res.status !== 201 && res.status !== 200)
    throw new Error(`register: HTTP ${res.status} ${JSON.stringify(res.json)}`);
}

/** Requests that pass the same hops and middleware but end at the app's 404: the floor of any request. */
function floorPhase(
  where: string,
  client: Client,
  count: number,
  concurrency: number,
  cpu: () => ReturnType<typeof treeCpuMs>,
) {
  return phase(
    `floor: unknown route of the app (hops + middleware, no work), ${where}`,
    count,
    concurrency,
    cpu,
    async () => String((await client.call("GET", "/acquisition/v2/bench-floor")).status),
  );
}

interface Contended {
  phase: Phase;
  id: string;
  attempts: number;
  invalid: number;
}

/** `count` wrong validations of one application's code, then its counters from the summary. */
async function contendedPhase(
  name: string,
  client: Client,
  id: string,
  count: number,
  concurrency: number,
  cpu: () => ReturnType<typeof treeCpuMs>,
): Promise<Contended> {
  await register(client, id, mobile(88_888_888));
  const started = await client.call("POST", `${base(id)}/kycauthentications/otp`, { journeyId: "bench" });
  if (started.status !== 201)
    throw new Error(`initiate: HTTP ${started.status} ${JSON.stringify(started.json)}`);
  const path = `${base(id)}/kycauthentications/otp/${started.json.authId}/validate`;
  const result = await phase(name, count, concurrency, cpu, async () =>
    statusOf(await client.call("POST", path, { passcode: "0000000" })),
  );
  const summary = await client.call("GET", `${base(id)}/kycauthentications`);
  const otp = summary.json.otp as { validationAttempts: number; invalidValidates: number };
  return { phase: result, id, attempts: otp.validationAttempts, invalid: otp.invalidValidates };
}

/** Whether a contended run counted exactly: attempts, the failure point, the answers and the audit rows. */
function exactness(run: Contended, audit: Record<string, number>): { exact: boolean; text: string } {
  const sent = run.phase.requests;
  const limit = SETTINGS.maximumNumberOfInvalidValidates;
  const expectedInvalid = Math.min(sent, limit - 1);
  const expectedFailed = sent - expectedInvalid;
  const auditTotal = Object.values(audit).reduce((a, b) => a + b, 0);
  const exact =
    run.attempts === sent &&
    run.invalid === Math.min(sent, limit) &&
    (run.phase.statuses.invalid ?? 0) === expectedInvalid &&
    (run.phase.statuses.failed ?? 0) === expectedFailed &&
    auditTotal === sent &&
    (audit.invalid ?? 0) === expectedInvalid &&
    (audit.failed ?? 0) === expectedFailed;
  const text =
    `${run.phase.name}: ${sent} validations sent; the object recorded ${run.attempts} attempts and ${run.invalid} invalid codes; ` +
    `answers invalid ${run.phase.statuses.invalid ?? 0} / failed ${run.phase.statuses.failed ?? 0} (expected ${expectedInvalid} / ${expectedFailed}); ` +
    `audit rows in D1 ${auditTotal} (${JSON.stringify(audit)}): ${exact ? "exact" : "NOT EXACT"}.`;
  return { exact, text };
}

/**
 * The app's Durable Object class hosted by a bench Worker (apps/ekyc-otp-pennydrop/bench): one request
 * makes the Worker send `count` validations to one object by RPC, `concurrency` at a time, as the app's
 * Worker does but without HTTP, authentication or the dev stack's hops.
 */
async function objectAlone(
  persistTo: string,
  count: number,
  concurrency: number,
  ticks: number,
): Promise<Contended> {
  const worker = await startWorkerdAlone({
    config: OBJECT_WORKER_CONFIG,
    persistTo,
    port: await freePort(),
    // A throwaway key ring for the code hashes (the bench Worker never sees the apps' keys).
    vars: { ENCRYPTION_KEYS: `bench:${randomBytes(32).toString("base64")}` },
  });
  try {
    const client = ndtClient(worker.origin, "-", "-", 1);
    const cpu = () => treeCpuMs(worker.pid, ticks);
    try {
      await client.call("POST", "/run?subject=bench-object-warm&n=50&c=8");
      let answer: Answer | undefined;
      const id = "bench-object";
      const result = await phase(
        "validate, one contended object, RPC from a Worker (no HTTP per validation)",
        1,
        1,
        cpu,
        async () => {
          answer = await client.call("POST", `/run?subject=${id}&n=${count}&c=${concurrency}`);
          return String(answer.status);
        },
      );
      if (answer?.status !== 200)
        throw new Error(`object alone: HTTP ${answer?.status} ${JSON.stringify(answer?.json)}`);
      const statuses = answer.json.statuses as Record<string, number>;
      const requests = Object.values(statuses).reduce((a, b) => a + b, 0);
      return {
        phase: { ...result, requests, statuses, latencies: [] },
        id,
        attempts: answer.json.attempts,
        invalid: answer.json.invalid,
      };
    } finally {
      client.close();
    }
  } finally {
    await worker.stop();
  }
}

function table(phases: Phase[]): string[] {
  const perRequest = (ms: number, p: Phase) => (ms / Math.max(1, p.requests)).toFixed(2);
  const rows = phases.map((p) => [
    p.name,
    String(p.requests),
    `${(p.requests / p.seconds).toFixed(0)}/s`,
    p.latencies.length
      ? `${percentile(p.latencies, 50).toFixed(1)} / ${percentile(p.latencies, 95).toFixed(1)} ms`
      : "n/a",
    `${perRequest(p.workerdMs, p)} ms`,
    `${perRequest(p.wranglerMs, p)} ms`,
    `${perRequest(p.clientMs, p)} ms`,
    Object.entries(p.statuses)
      .map(([status, n]) => `${status} ${n}`)
      .join(", "),
  ]);
  const header = [
    "phase",
    "requests",
    "throughput",
    "latency p50 / p95",
    "CPU/request workerd",
    "server's node (wrangler / host)",
    "bench client",
    "answers",
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] as number)).join(" | ")} |`;
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
}

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      validations: { type: "string", default: "3000" },
      applications: { type: "string", default: "100" },
      concurrency: { type: "string", default: "64" },
      write: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(
      "usage: npm run bench -- ekyc-otp-pennydrop [--validations N (3000; 100..50000)] [--applications M (100; 10..2000)] [--concurrency C (64; 1..512)] [--write]\n" +
        "--write appends the result to docs/benchmarks/ekyc-otp-pennydrop.md",
    );
    return;
  }
  const validations = clampOption(values.validations, 100, 50_000, 3000);
  const applications = clampOption(values.applications, 10, 2000, 100);
  const concurrency = clampOption(values.concurrency, 1, 512, 64);
  const scratch = mkdtempSync(join(tmpdir(), "edgekyc-bench-ekyc-"));
  const persistTo = join(scratch, "state");
  const ticks = clockTicksPerSecond();
  const loadBefore = loadavg()[0] as number;
  const phases: Phase[] = [];
  const checks: { exact: boolean; text: string }[] = [];

  try {
    console.error("[bench] starting the platform (every app behind the dev router, temporary state)…");
    const platform = await startPlatform({
      port: await freePort(),
      persistTo,
      devDir: join(scratch, "dev"),
      quiet: true,
      seedDemo: false,
    });
    let routed: Contended | undefined;
    let partner: { apiKey: string; merchantId: string } | undefined;
    try {
      const admin = apiClient(platform.origin, platform.adminToken);
      const created = await admin("POST", "/admin/v1/partners", { name: "Bench Partner", mode: "test" });
      if (created.status !== 201)
        throw new Error(`partner: HTTP ${created.status} ${JSON.stringify(created.json)}`);
      const partnerId = created.json.partner.id as string;
      const ndt = created.json.credentials.ndt as Record<string, string>;
      partner = { apiKey: ndt.api_key as string, merchantId: ndt.merchant_id as string };
      const put = await admin("PUT", `/admin/v1/partners/${partnerId}/settings/ekyc-otp-pennydrop`, SETTINGS);
      if (put.status !== 200) throw new Error(`settings: HTTP ${put.status} ${JSON.stringify(put.json)}`);
      const cpu = () => treeCpuMs(platform.pid, ticks);
      const client = ndtClient(platform.origin, partner.apiKey, partner.merchantId, concurrency);
      try {
        // Warm-up: compile code, open the databases, fill the isolate caches.
        await register(client, "warm", mobile(99_999_999));
        await client.call("POST", `${base("warm")}/kycauthentications/otp`, {});
        phases.push(
          await floorPhase("via the dev router", client, Math.ceil(validations / 3), concurrency, cpu),
        );

        console.error(`[bench] via the router: ${applications} applications, initiate each…`);
        for (let i = 0; i < applications; i++) await register(client, `app-${i}`, mobile(i));
        const authIds: string[] = [];
        phases.push(
          await phase(
            "initiate OTP (SMS to the sandbox outbox), one per application",
            applications,
            concurrency,
            cpu,
            async (i) => {
              const res = await client.call("POST", `${base(`app-${i}`)}/kycauthentications/otp`, {
                journeyId: "bench",
              });
              authIds[i] = res.json?.authId;
              return statusOf(res);
            },
          ),
        );
        console.error(
          `[bench] via the router: ${validations} validations over ${applications} applications…`,
        );
        phases.push(
          await phase(
            "validate, many applications (wrong codes)",
            validations,
            concurrency,
            cpu,
            async (i) => {
              const app = i % applications;
              const path = `${base(`app-${app}`)}/kycauthentications/otp/${authIds[app]}/validate`;
              return statusOf(await client.call("POST", path, { passcode: "0000000" }));
            },
          ),
        );
        console.error(`[bench] via the router: ${validations} validations on one application…`);
        routed = await contendedPhase(
          "validate, one contended application, via the dev router",
          client,
          "contended-router",
          validations,
          concurrency,
          cpu,
        );
        phases.push(routed.phase);
      } finally {
        client.close();
      }
    } finally {
      await platform.stop();
    }

    if (!routed || !partner) throw new Error("the routed run did not finish");
    // The app served by workerd alone: the same bundle, bindings and state, without wrangler dev's
    // proxy Worker, DevTools inspector session and per-request log line (see workerd-alone.ts).
    console.error("[bench] the app alone in workerd (no wrangler dev): starting…");
    const alone = await startWorkerdAlone({ config: APP_CONFIG, persistTo, port: await freePort() });
    let direct: Contended | undefined;
    try {
      const cpu = () => treeCpuMs(alone.pid, ticks);
      const client = ndtClient(alone.origin, partner.apiKey, partner.merchantId, concurrency);
      try {
        await client.call("GET", `${base("warm")}/kycauthentications`);
        phases.push(await floorPhase("workerd alone", client, Math.ceil(validations / 3), concurrency, cpu));
        console.error(`[bench] the app alone in workerd: ${validations} validations on one application…`);
        direct = await contendedPhase(
          "validate, one contended application, the app in workerd alone (no wrangler dev)",
          client,
          "contended-direct",
          validations,
          concurrency,
          cpu,
        );
        phases.push(direct.phase);
      } finally {
        client.close();
      }
    } finally {
      await alone.stop();
    }
    if (!direct) throw new Error("the direct run did not finish");

    console.error(`[bench] the object alone: ${validations} validations by RPC from a Worker…`);
    const object = await objectAlone(persistTo, validations, concurrency, ticks);
    phases.push(object.phase);
    checks.push(exactness(routed, auditCounts(persistTo, { applicationId: routed.id })));
    checks.push(exactness(direct, auditCounts(persistTo, { applicationId: direct.id })));
    checks.push(exactness(object, auditCounts(persistTo, { subjectId: object.id })));

    const wranglerVersion = JSON.parse(
      readFileSync(join(repoRoot, "tools/dev/node_modules/wrangler/package.json"), "utf8"),
    ).version;
    const command = `npm run bench -- ekyc-otp-pennydrop --validations ${validations} --applications ${applications} --concurrency ${concurrency}`;
    const report = [
      `## ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC — ${validations} validations, ${applications} applications, ${concurrency} concurrent clients`,
      "",
      `Command: \`${command}\``,
      `Machine: ${availableParallelism()} CPUs (${cpus()[0]?.model?.trim() ?? "unknown"}), load average ${loadBefore.toFixed(1)} before the run, Node ${process.version}, wrangler ${wranglerVersion}`,
      "",
      ...table(phases),
      "",
      ...checks.map((check) => `- ${check.text}`),
      "",
      "Limits: " +
        JSON.stringify(SETTINGS) +
        ". CPU per request is the CPU time (utime + stime, /proc) over the phase",
      "divided by its requests, for the server's workerd processes, the rest of its process tree (wrangler's",
      "node process, or the Miniflare host of workerd alone) and this client; it includes the local runtime's",
      "own work (SQLite for D1 and the objects, wrangler's proxy, the dev router), so it is an upper bound on",
      "a Worker's billed CPU time. Workerd alone: the app bundled as it deploys, with the bindings and state of",
      "the run before, served by Miniflare without wrangler dev's proxy Worker, DevTools inspector session and",
      "per-request log line (tools/dev/src/workerd-alone.ts).",
      "",
    ].join("\n");
    console.log(`\n${report}`);
    if (!checks.every((check) => check.exact)) process.exitCode = 1;
    if (values.write) {
      appendBenchmarkReport("ekyc-otp-pennydrop", report);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
