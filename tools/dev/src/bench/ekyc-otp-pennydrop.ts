// `npm run bench -- ekyc-otp-pennydrop [--validations N --applications M --concurrency C --write]`: OTP
// initiates and validations on the local platform. One contended application (every validation goes to
// the same Durable Object) and many applications (one object each); checks that the counts the objects
// kept are exact. Loopback only; bounded in count and time (10 minutes).
import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { availableParallelism, cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { repoRoot } from "../apps.ts";
import { apiClient, type LooseJson, localRequest } from "../local-client.ts";
import { startPlatform } from "../start.ts";

const TIME_BUDGET_MS = 10 * 60_000;

function clockTicksPerSecond(): number {
  const ticks = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout?.trim());
  return Number.isInteger(ticks) && ticks > 0 ? ticks : 100;
}

/** CPU time (ms, user + system) of the workerd processes under a process tree, from /proc. */
function workerdCpuMs(rootPid: number, ticksPerSecond: number): number {
  const parent = new Map<number, number>();
  const cpu = new Map<number, { ms: number; name: string }>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parent.set(Number(entry), Number(fields[1]));
      cpu.set(Number(entry), {
        ms: ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond,
        name,
      });
    } catch {
      // The process ended while we looked.
    }
  }
  let total = 0;
  for (const [pid, { ms, name }] of cpu) {
    if (name !== "workerd") continue;
    for (let p: number | undefined = pid; p !== undefined && p > 1; p = parent.get(p)) {
      if (p === rootPid) {
        total += ms;
        break;
      }
    }
  }
  return total;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted.length
    ? (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number)
    : Number.NaN;
}

interface Phase {
  name: string;
  requests: number;
  seconds: number;
  cpuMs: number;
  latencies: number[];
  statuses: Record<string, number>;
}

/** Runs `count` requests with `concurrency` workers; `request(i)` answers the eKYC status. */
async function phase(
  name: string,
  count: number,
  concurrency: number,
  cpu: () => number,
  request: (i: number) => Promise<string>,
): Promise<Phase> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const cpuBefore = cpu();
  const started = performance.now();
  const deadline = Date.now() + TIME_BUDGET_MS;
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count && Date.now() < deadline) {
        const i = next++;
        const at = performance.now();
        const status = await request(i);
        latencies.push(performance.now() - at);
        statuses[status] = (statuses[status] ?? 0) + 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    name,
    requests: latencies.length,
    seconds,
    cpuMs: cpu() - cpuBefore,
    latencies: latencies.sort((a, b) => a - b),
    statuses,
  };
}

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      validations: { type: "string", default: "2000" },
      applications: { type: "string", default: "200" },
      concurrency: { type: "string", default: "32" },
      write: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(
      "usage: npm run bench -- ekyc-otp-pennydrop [--validations N (2000; 100..20000)] [--applications M (200; 10..2000)] [--concurrency C (32; 1..128)] [--write]\n" +
        "--write appends the result to docs/benchmarks/ekyc-otp-pennydrop.md",
    );
    return;
  }
  const clamp = (text: string, min: number, max: number, fallback: number) => {
    const n = Number(text);
    return Number.isInteger(n) ? Math.min(Math.max(n, min), max) : fallback;
  };
  const validations = clamp(values.validations, 100, 20_000, 2000);
  const applications = clamp(values.applications, 10, 2000, 200);
  const concurrency = clamp(values.concurrency, 1, 128, 32);
  const scratch = mkdtempSync(join(tmpdir(), "edgekyc-bench-ekyc-"));
  const ticks = clockTicksPerSecond();

  console.error("[bench] starting the platform (temporary state)…");
  const platform = await startPlatform({
    port: await freePort(),
    persistTo: join(scratch, "state"),
    devDir: join(scratch, "dev"),
    quiet: true,
    seedDemo: false,
  });
  const cpu = () => workerdCpuMs(platform.pid, ticks);
  try {
    const admin = apiClient(platform.origin, platform.adminToken);
    const created = await admin("POST", "/admin/v1/partners", { name: "Bench Partner", mode: "test" });
    if (created.status !== 201)
      throw new Error(`partner: HTTP ${created.status} ${JSON.stringify(created.json)}`);
    const partnerId = created.json.partner.id as string;
    const { api_key: apiKey, merchant_id: merchantId } = created.json.credentials.ndt as Record<
      string,
      string
    >;
    // The most generous limits the settings allow, so the contended run shows the exact failure point.
    const settings = {
      maximumNumberOfInitiatesPerDuration: 100,
      maximumNumberOfInvalidValidates: 100,
      maximumNumberOfInvalidValidatesPerSession: 100,
    };
    const put = await admin("PUT", `/admin/v1/partners/${partnerId}/settings/ekyc-otp-pennydrop`, settings);
    if (put.status !== 200) throw new Error(`settings: HTTP ${put.status} ${JSON.stringify(put.json)}`);

    const ndt = async (
      method: string,
      path: string,
      body?: unknown,
    ): Promise<{ status: number; json: LooseJson }> => {
      const res = await localRequest(`${platform.origin}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${apiKey}`,
          "merchant-id": merchantId as string,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: res.status, json: res.text ? res.json() : null };
    };
    const base = (id: string) => `/acquisition/v2/applications/${id}`;
    const register = async (id: string, mobile: string) => {
      const res = await ndt("PUT", base(id), {
        firstName: "Bench",
        lastName: "Customer",
        dateOfBirth: "1990-01-01",
        mobileNumber: mobile,
      });
      if (res.status !== 201) throw new Error(`register: HTTP ${res.status} ${JSON.stringify(res.json)}`);
    };
    const mobile = (i: number) => `+4474${String(i).padStart(8, "0")}`;

    // Warm-up: compile code, open the databases.
    await register("warm", mobile(99_999_999));
    await ndt("POST", `${base("warm")}/kycauthentications/otp`, {});

    console.error(`[bench] ${applications} applications: register and initiate…`);
    for (let i = 0; i < applications; i++) await register(`app-${i}`, mobile(i));
    const authIds: string[] = [];
    const initiates = await phase(
      "initiate OTP (SMS to the sandbox outbox), one per application",
      applications,
      concurrency,
      cpu,
      async (i) => {
        const res = await ndt("POST", `${base(`app-${i}`)}/kycauthentications/otp`, { journeyId: "bench" });
        authIds[i] = res.json?.authId;
        return String(res.json?.status ?? res.status);
      },
    );

    console.error(`[bench] ${validations} wrong validations spread over ${applications} applications…`);
    const spread = await phase(
      "validate, many applications (wrong codes)",
      validations,
      concurrency,
      cpu,
      async (i) => {
        const app = i % applications;
        const res = await ndt(
          "POST",
          `${base(`app-${app}`)}/kycauthentications/otp/${authIds[app]}/validate`,
          { passcode: "0000000" },
        );
        return String(res.json?.status ?? res.status);
      },
    );

    console.error(`[bench] ${validations} wrong validations on one application…`);
    await register("contended", mobile(88_888_888));
    const contendedStart = await ndt("POST", `${base("contended")}/kycauthentications/otp`, {
      journeyId: "bench",
    });
    const contendedAuth = contendedStart.json.authId as string;
    const contended = await phase(
      "validate, one contended application (wrong codes)",
      validations,
      concurrency,
      cpu,
      async () => {
        const res = await ndt(
          "POST",
          `${base("contended")}/kycauthentications/otp/${contendedAuth}/validate`,
          { passcode: "0000000" },
        );
        return String(res.json?.status ?? res.status);
      },
    );
    const summary = await ndt("GET", `${base("contended")}/kycauthentications`);
    const otp = summary.json.otp as { validationAttempts: number; invalidValidates: number; status: string };
    const expectedInvalid = settings.maximumNumberOfInvalidValidates - 1;
    const exact =
      otp.validationAttempts === contended.requests &&
      otp.invalidValidates === settings.maximumNumberOfInvalidValidates &&
      contended.statuses.invalid === expectedInvalid &&
      contended.statuses.failed === contended.requests - expectedInvalid;

    const wranglerVersion = JSON.parse(
      readFileSync(join(repoRoot, "tools/dev/node_modules/wrangler/package.json"), "utf8"),
    ).version;
    const rows = [initiates, spread, contended].map((p) => [
      p.name,
      String(p.requests),
      `${(p.requests / p.seconds).toFixed(0)}/s`,
      `${percentile(p.latencies, 50).toFixed(1)} / ${percentile(p.latencies, 95).toFixed(1)} ms`,
      `${(p.cpuMs / Math.max(1, p.requests)).toFixed(2)} ms`,
      Object.entries(p.statuses)
        .map(([status, n]) => `${status} ${n}`)
        .join(", "),
    ]);
    const header = [
      "phase",
      "requests",
      "throughput",
      "latency p50 / p95",
      "CPU per request (workerd)",
      "answers",
    ];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
    const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] as number)).join(" | ")} |`;
    const command = `npm run bench -- ekyc-otp-pennydrop --validations ${validations} --applications ${applications} --concurrency ${concurrency}`;
    const report = [
      `## ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC — ${validations} validations, ${applications} applications, ${concurrency} concurrent clients`,
      "",
      `Command: \`${command}\``,
      `Machine: ${availableParallelism()} CPUs (${cpus()[0]?.model?.trim() ?? "unknown"}), Node ${process.version}, wrangler ${wranglerVersion} (\`wrangler dev\`, local workerd)`,
      "",
      line(header),
      line(widths.map((w) => "-".repeat(w))),
      ...rows.map(line),
      "",
      `Exact counts on the contended application (limits ${JSON.stringify(settings)}): the object recorded ${otp.validationAttempts} validation attempts and ${otp.invalidValidates} invalid codes for ${contended.requests} requests; ${contended.statuses.invalid ?? 0} answered invalid and ${contended.statuses.failed ?? 0} failed (expected ${expectedInvalid} and ${contended.requests - expectedInvalid}): ${exact ? "exact" : "NOT EXACT"}.`,
      "",
      "Each request goes through the local router, NDT authentication (key record cached per isolate),",
      "the settings and the application (D1, cached per isolate), one Durable Object call and an audit row (D1).",
      "CPU is the workerd processes' CPU time from /proc (utime + stime) over the phase divided by its",
      "requests: it includes the local runtime's own work (SQLite for D1 and the objects, the dev router), so",
      "it is an upper bound on a Worker's billed CPU time.",
      "",
    ].join("\n");
    console.log(`\n${report}`);
    if (!exact) process.exitCode = 1;
    if (values.write) {
      const file = join(repoRoot, "docs/benchmarks/ekyc-otp-pennydrop.md");
      mkdirSync(join(repoRoot, "docs/benchmarks"), { recursive: true });
      const before = existsSync(file)
        ? readFileSync(file, "utf8").trimEnd()
        : "# ekyc-otp-pennydrop benchmarks\n\nProduced by `npm run bench -- ekyc-otp-pennydrop` (tools/dev/src/bench/ekyc-otp-pennydrop.ts).";
      writeFileSync(file, `${before}\n\n${report.trimEnd()}\n`);
      console.error(`[bench] appended to ${file}`);
    }
  } finally {
    await platform.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}
