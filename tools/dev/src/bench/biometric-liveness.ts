// `npm run bench -- biometric-liveness [--requests N --concurrency C --jobs J --write]`: both dialects of
// biometric-liveness on the local platform. Requests per second and CPU per request of the paths without
// inference (Assure token, dossier creation, Smile ID job_status), and the end-to-end time from a Smile ID
// job submission (upload + zip) to its signed callback at a local receiver, through the real face engine.
// Loopback only; bounded in count and time (10 minutes).

import { spawnSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { availableParallelism, cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { zipSync } from "fflate";
import { repoRoot } from "../apps.ts";
import { appendBenchmarkReport, clampOption } from "../bench-results.ts";
import { apiClient, type LooseJson, localRequest } from "../local-client.ts";
import { freePort } from "../ports.ts";
import { startPlatform } from "../start.ts";

const TIME_BUDGET_MS = 10 * 60_000;
const FACE = join(repoRoot, "apps/face-engine/test/fixtures/portrait.jpg");

/** CPU ms (user + system) of a process tree, from /proc. */
function treeCpuMs(rootPid: number): number {
  const ticks = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout?.trim()) || 100;
  const parent = new Map<number, number>();
  const cpu = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parent.set(Number(entry), Number(fields[1]));
      cpu.set(Number(entry), ((Number(fields[11]) + Number(fields[12])) * 1000) / ticks);
    } catch {
      // The process ended while we looked.
    }
  }
  let total = 0;
  for (const [pid, ms] of cpu) {
    for (let p: number | undefined = pid; p !== undefined && p > 1; p = parent.get(p)) {
      if (p === rootPid) {
        total += ms;
        break;
      }
    }
  }
  return total;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length
    ? (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number)
    : Number.NaN;

let lastSignedAt = 0;
/**
 * Smile ID's signature covers only timestamp and partner id, and each is accepted once; concurrent
 * requests therefore need distinct millisecond timestamps (as distinct SDK clients practically have).
 */
function smileSignature(partnerId: string, apiKey: string) {
  lastSignedAt = Math.max(Date.now(), lastSignedAt + 1);
  const timestamp = new Date(lastSignedAt).toISOString();
  const signature = createHmac("sha256", apiKey)
    .update(`${timestamp}${partnerId}sid_request`)
    .digest("base64");
  return { partner_id: partnerId, timestamp, signature };
}

/** PUT of the zip to upload_url, as the SDK does (exactly 200 expected). */
function putZip(uploadUrl: string, zip: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      new URL(uploadUrl),
      { method: "PUT", headers: { "content-type": "application/zip", "content-length": zip.length } },
      (res) => {
        res.resume();
        res.on("end", () =>
          res.statusCode === 200 ? resolve() : reject(new Error(`zip upload: HTTP ${res.statusCode}`)),
        );
      },
    );
    req.on("error", reject);
    req.end(Buffer.from(zip));
  });
}

interface PathResult {
  name: string;
  requests: number;
  seconds: number;
  cpuMs: number;
  latencies: number[];
  failures: number;
}

/** Runs `send` N times with C workers; records latency, failures, wall time and the tree's CPU. */
async function measure(
  name: string,
  pid: number,
  total: number,
  concurrency: number,
  send: () => Promise<number>,
): Promise<PathResult> {
  const latencies: number[] = [];
  let failures = 0;
  let next = 0;
  const cpuBefore = treeCpuMs(pid);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next++;
        const at = performance.now();
        const status = await send();
        latencies.push(performance.now() - at);
        if (status >= 300) failures++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    name,
    requests: total,
    seconds,
    cpuMs: treeCpuMs(pid) - cpuBefore,
    latencies: latencies.sort((a, b) => a - b),
    failures,
  };
}

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      requests: { type: "string", default: "200" },
      concurrency: { type: "string", default: "4" },
      jobs: { type: "string", default: "5" },
      write: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(
      "usage: npm run bench -- biometric-liveness [--requests N (200; 10..2000)] [--concurrency C (4; 1..16)] [--jobs J (5; 1..50)] [--write]\n" +
        "--write appends the result to docs/benchmarks/biometric-liveness.md",
    );
    return;
  }
  const requests = clampOption(values.requests, 10, 2000, 200);
  const concurrency = clampOption(values.concurrency, 1, 16, 4);
  const jobs = clampOption(values.jobs, 1, 50, 5);
  const deadline = Date.now() + TIME_BUDGET_MS;
  const scratch = mkdtempSync(join(tmpdir(), "edgekyc-bench-bio-"));

  const callbacks = new Map<string, number>();
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
        if (body.SmileJobID) callbacks.set(body.SmileJobID, performance.now());
      } catch {
        // Not a Smile ID callback.
      }
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const receiverOrigin = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;

  console.error("[bench] starting the platform (temporary state)…");
  const platform = await startPlatform({
    port: await freePort(),
    persistTo: join(scratch, "state"),
    devDir: join(scratch, "dev"),
    quiet: true,
    seedDemo: false,
  });
  try {
    const origin = platform.origin;
    const admin = apiClient(origin, platform.adminToken);
    const partner = await admin("POST", "/admin/v1/partners", { name: "Bench Partner", mode: "test" });
    if (partner.status !== 201)
      throw new Error(`partner: HTTP ${partner.status} ${JSON.stringify(partner.json)}`);
    const partnerId = partner.json.partner.id as string;
    const { client_id, client_secret } = partner.json.credentials.assure;
    const smile = partner.json.credentials.smileid as { partner_id: string; api_key: string };
    await admin("PUT", `/admin/v1/partners/${partnerId}/webhook-endpoints`, {
      mode: "test",
      capability: null,
      url: `${receiverOrigin}/default`,
    });
    await admin("PUT", `/admin/v1/partners/${partnerId}/settings/biometric-liveness`, {
      liveness: { minConfidence: 5 },
    });

    const tokenRequest = () =>
      localRequest(`${origin}/auth/open/connect/token`, {
        method: "POST",
        headers: {
          authorization: `Basic ${Buffer.from(`${client_id}:${client_secret}`).toString("base64")}`,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: "grant_type=client_credentials&scope=signicat-api",
      });
    const token = (await tokenRequest()).json<{ access_token: string }>().access_token;
    const json = (method: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
      localRequest(`${origin}${path}`, {
        method,
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify(body),
      });
    const upload = async (jobId: string, jobType: number) =>
      (
        await json("POST", "/v1/upload", {
          ...smileSignature(smile.partner_id, smile.api_key),
          callback_url: `${receiverOrigin}/smile-callback`,
          partner_params: { user_id: `bench-user-${jobId}`, job_id: jobId, job_type: jobType },
        })
      ).json<LooseJson>();
    const statusJob = await upload("bench-status", 4);

    // Warm-up: compile code paths and open the databases.
    for (let i = 0; i < 5; i++) {
      await tokenRequest();
      await json("POST", "/assure/dossiers", {}, { authorization: `Bearer ${token}` });
    }
    const paths: PathResult[] = [];
    paths.push(
      await measure(
        "Assure token (POST /auth/open/connect/token)",
        platform.pid,
        requests,
        concurrency,
        async () => (await tokenRequest()).status,
      ),
    );
    paths.push(
      await measure(
        "Assure create dossier (POST /assure/dossiers)",
        platform.pid,
        requests,
        concurrency,
        async () => (await json("POST", "/assure/dossiers", {}, { authorization: `Bearer ${token}` })).status,
      ),
    );
    paths.push(
      await measure(
        "Smile ID job_status (POST /v1/job_status, signed answer)",
        platform.pid,
        requests,
        concurrency,
        async () =>
          (
            await json("POST", "/v1/job_status", {
              ...smileSignature(smile.partner_id, smile.api_key),
              user_id: "bench-user-bench-status",
              job_id: "bench-status",
            })
          ).status,
      ),
    );
    if (!statusJob.upload_url) throw new Error("upload refused");

    // Submission → signed callback, one job at a time (job 4: liveness of a real selfie).
    const face = existsSync(FACE) ? readFileSync(FACE) : null;
    const endToEnd: number[] = [];
    if (face) {
      const info = {
        images: [{ image_type_id: 2, image: face.toString("base64"), file_name: "" }],
        id_info: { entered: "false" },
      };
      const zip = zipSync({ "info.json": new TextEncoder().encode(JSON.stringify(info)) }, { level: 0 });
      for (let i = 0; i < jobs && Date.now() < deadline; i++) {
        const at = performance.now();
        const created = await upload(`bench-e2e-${i}-${Date.now()}`, 4);
        await putZip(created.upload_url, zip);
        while (!callbacks.has(created.smile_job_id) && Date.now() < deadline)
          await new Promise((r) => setTimeout(r, 10));
        if (callbacks.has(created.smile_job_id))
          endToEnd.push((callbacks.get(created.smile_job_id) as number) - at);
      }
    }
    endToEnd.sort((a, b) => a - b);

    const wranglerVersion = JSON.parse(
      readFileSync(join(repoRoot, "tools/dev/node_modules/wrangler/package.json"), "utf8"),
    ).version;
    const ms = (value: number) => `${value.toFixed(0)} ms`;
    const rows: [string, string, string, string, string][] = paths.map((p) => [
      p.name,
      `${(p.requests / p.seconds).toFixed(1)}`,
      `${ms(percentile(p.latencies, 50))} / ${ms(percentile(p.latencies, 95))}`,
      `${(p.cpuMs / p.requests).toFixed(2)} ms`,
      String(p.failures),
    ]);
    const header = ["path", "requests/s", "latency p50 / p95", "CPU per request", "failures"];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
    const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] as number)).join(" | ")} |`;
    const command = `npm run bench -- biometric-liveness --requests ${requests} --concurrency ${concurrency} --jobs ${jobs}`;
    const report = [
      `## ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC — ${requests} requests per path, ${concurrency} concurrent, ${jobs} jobs`,
      "",
      `Command: \`${command}\``,
      `Machine: ${availableParallelism()} CPUs (${cpus()[0]?.model?.trim() ?? "unknown"}), Node ${process.version}, wrangler ${wranglerVersion} (\`wrangler dev\`, local workerd)`,
      "",
      line(header),
      line(widths.map((w) => "-".repeat(w))),
      ...rows.map(line),
      "",
      face
        ? `Smile ID job 4 (one 12 KB selfie, real face engine), POST /v1/upload → PUT zip → Durable Object alarm → liveness → signed callback via kyc-results and the gateway, one job at a time: p50 ${ms(percentile(endToEnd, 50))}, max ${ms(endToEnd.at(-1) ?? Number.NaN)} (${endToEnd.length} of ${jobs} jobs).`
        : "The end-to-end job timing needs apps/face-engine/test/fixtures/portrait.jpg; it was not found.",
      "",
      "CPU is process CPU time (utime + stime from /proc) of the whole `wrangler dev` tree before and after each",
      "loaded run, divided by requests: it includes the local runtime's overhead (D1/SQLite, the dev router,",
      "wrangler's proxy), so it is an upper bound on the Worker's billed CPU time. The end-to-end time is",
      "dominated by the local queue's batching (`max_batch_timeout` 1 s) and the face engine's inference.",
      "",
    ].join("\n");
    console.log(`\n${report}`);
    if (values.write) {
      appendBenchmarkReport("biometric-liveness", report);
    }
  } finally {
    await platform.stop();
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
    rmSync(scratch, { recursive: true, force: true });
  }
}
