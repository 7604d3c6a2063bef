// `npm run bench -- poa-additional-steps [--tokens N --concurrency C --uploads U --write]`: token creation
// (CPU ms per request, requests per second) and 5 MB PDF uploads (CPU ms per upload, peak memory of the
// local runtime) on the local platform. Loopback only; bounded in count and in time (10 minutes).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { request } from "node:http";
import { availableParallelism, cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { repoRoot } from "../apps.ts";
import { appendBenchmarkReport } from "../bench-results.ts";
import { freePort } from "../ports.ts";
import { startPlatform } from "../start.ts";

const TIME_BUDGET_MS = 10 * 60_000;
const PDF_BYTES = 5 * 1024 * 1024;

function ticksPerSecond(): number {
  const ticks = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout?.trim());
  return Number.isInteger(ticks) && ticks > 0 ? ticks : 100;
}

/** Processes below `rootPid` with their CPU ms (utime + stime), name and resident memory (kB). */
function tree(rootPid: number, ticks: number): { pid: number; name: string; cpuMs: number; rssKb: number }[] {
  const parent = new Map<number, number>();
  const info = new Map<number, { name: string; cpuMs: number; rssKb: number }>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${entry}/status`, "utf8"));
      parent.set(Number(entry), Number(fields[1]));
      info.set(Number(entry), {
        name,
        cpuMs: ((Number(fields[11]) + Number(fields[12])) * 1000) / ticks,
        rssKb: Number(rss?.[1] ?? 0),
      });
    } catch {
      // The process ended while we looked.
    }
  }
  const out: { pid: number; name: string; cpuMs: number; rssKb: number }[] = [];
  for (const [pid, value] of info) {
    for (let p: number | undefined = pid; p !== undefined && p > 1; p = parent.get(p)) {
      if (p === rootPid) {
        out.push({ pid, ...value });
        break;
      }
    }
  }
  return out;
}

const workerdCpu = (root: number, ticks: number) =>
  tree(root, ticks)
    .filter((p) => p.name === "workerd")
    .reduce((sum, p) => sum + p.cpuMs, 0);
const workerdRssKb = (root: number, ticks: number) =>
  tree(root, ticks)
    .filter((p) => p.name === "workerd")
    .reduce((sum, p) => sum + p.rssKb, 0);

function send(
  url: string,
  method: string,
  headers: Record<string, string>,
  body: Buffer | string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method, headers: { ...headers, "content-length": String(Buffer.byteLength(body)) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }),
        );
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** A valid PDF of about `size` bytes (one page and a comment as padding). */
function pdfOf(size: number): Buffer {
  const head =
    "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n% ";
  const tail = "\ntrailer<</Root 1 0 R>>\n%%EOF\n";
  return Buffer.from(head + "x".repeat(size - head.length - tail.length) + tail);
}

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      tokens: { type: "string", default: "300" },
      concurrency: { type: "string", default: "4" },
      uploads: { type: "string", default: "10" },
      write: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(
      "usage: npm run bench -- poa-additional-steps [--tokens N (300; 10..2000)] [--concurrency C (4; 1..16)] [--uploads U (10; 1..50)] [--write]\n" +
        "--write appends the result to docs/benchmarks/poa-additional-steps.md",
    );
    return;
  }
  const total = Math.min(2000, Math.max(10, Number(values.tokens)));
  const concurrency = Math.min(16, Math.max(1, Number(values.concurrency)));
  const uploads = Math.min(50, Math.max(1, Number(values.uploads)));
  const scratch = mkdtempSync(join(tmpdir(), "edgekyc-bench-poa-"));
  const ticks = ticksPerSecond();
  const deadline = Date.now() + TIME_BUDGET_MS;
  console.error("[bench] starting the local platform…");
  const platform = await startPlatform({
    port: await freePort(),
    persistTo: join(scratch, "state"),
    devDir: join(scratch, "dev"),
    quiet: true,
  });
  try {
    const idenfy = platform.demo?.credentials.idenfy;
    if (!idenfy) throw new Error("the demo partner has no iDenfy credentials");
    const basic = `Basic ${Buffer.from(`${idenfy.api_key}:${idenfy.api_secret}`).toString("base64")}`;
    const json = { authorization: basic, "content-type": "application/json" };
    const createToken = async () => {
      const res = await send(
        `${platform.origin}/api/v2/token`,
        "POST",
        json,
        JSON.stringify({ clientId: "bench" }),
      );
      if (res.status !== 201)
        throw new Error(`token creation answered ${res.status}: ${res.text.slice(0, 200)}`);
      return JSON.parse(res.text) as { authToken: string };
    };
    // Warm-up: the first requests compile code, open the databases and cache the partner's key.
    for (let i = 0; i < 10; i++) await createToken();

    console.error(`[bench] ${total} token creations, ${concurrency} concurrent…`);
    const cpuBefore = workerdCpu(platform.pid, ticks);
    const started = performance.now();
    let next = 0;
    let done = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < total && Date.now() < deadline) {
          next += 1;
          await createToken();
          done += 1;
        }
      }),
    );
    const tokenSeconds = (performance.now() - started) / 1000;
    const tokenCpu = (workerdCpu(platform.pid, ticks) - cpuBefore) / done;

    console.error(`[bench] ${uploads} uploads of a ${PDF_BYTES} byte PDF, one at a time…`);
    const pdf = pdfOf(PDF_BYTES);
    const tokens = await Promise.all(Array.from({ length: uploads }, createToken));
    const baselineRssKb = workerdRssKb(platform.pid, ticks);
    let peakRssKb = baselineRssKb;
    const sampler = setInterval(() => {
      peakRssKb = Math.max(peakRssKb, workerdRssKb(platform.pid, ticks));
    }, 10);
    const uploadCpuBefore = workerdCpu(platform.pid, ticks);
    const uploadStarted = performance.now();
    for (const token of tokens) {
      if (Date.now() > deadline) break;
      const res = await send(
        `${platform.origin}/api/v2/session/steps/UTILITY_BILL/file?source=UPLOAD&documentType=BANK_STATEMENT`,
        "PUT",
        { authorization: `Bearer ${token.authToken}`, "content-type": "application/pdf" },
        pdf,
      );
      if (res.status !== 200) throw new Error(`upload answered ${res.status}: ${res.text.slice(0, 200)}`);
    }
    clearInterval(sampler);
    const uploadMs = (performance.now() - uploadStarted) / uploads;
    const uploadCpu = (workerdCpu(platform.pid, ticks) - uploadCpuBefore) / uploads;

    const wrangler = JSON.parse(
      readFileSync(join(repoRoot, "tools/dev/node_modules/wrangler/package.json"), "utf8"),
    ).version;
    const rows: [string, string][] = [
      ["token creations", `${done} of ${total}`],
      ["token creation throughput", `${(done / tokenSeconds).toFixed(1)} requests/s`],
      ["CPU per token creation, workerd processes", `${tokenCpu.toFixed(2)} ms`],
      ["5 MB PDF uploads", `${uploads}, ${uploadMs.toFixed(0)} ms each (wall)`],
      ["CPU per 5 MB PDF upload, workerd processes", `${uploadCpu.toFixed(2)} ms`],
      ["workerd resident memory before uploads", `${(baselineRssKb / 1024).toFixed(1)} MiB`],
      [
        "workerd resident memory peak during uploads",
        `${(peakRssKb / 1024).toFixed(1)} MiB (+${((peakRssKb - baselineRssKb) / 1024).toFixed(1)} MiB)`,
      ],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    const valueWidth = Math.max(...rows.map(([, v]) => v.length));
    const command = `npm run bench -- poa-additional-steps --tokens ${total} --concurrency ${concurrency} --uploads ${uploads}`;
    const report = [
      `## ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC — ${total} tokens, ${concurrency} concurrent; ${uploads} PDF uploads`,
      "",
      `Command: \`${command}\``,
      `Machine: ${availableParallelism()} CPUs (${cpus()[0]?.model?.trim() ?? "unknown"}), Node ${process.version}, wrangler ${wrangler} (\`wrangler dev\`, local workerd)`,
      "",
      `| ${"measure".padEnd(width)} | ${"value".padEnd(valueWidth)} |`,
      `| ${"-".repeat(width)} | ${"-".repeat(valueWidth)} |`,
      ...rows.map(([k, v]) => `| ${k.padEnd(width)} | ${v.padEnd(valueWidth)} |`),
      "",
      "Token creation: POST /api/v2/token with the demo partner's iDenfy key (HTTP Basic; key lookup cached per",
      "isolate), settings read from D1, steps resolved, personal fields encrypted, one D1 insert. Upload: PUT of",
      "the raw 5 MB PDF by authToken, read with a byte cap, type checked from its bytes, AES-GCM encrypted and",
      "written to local R2, recorded in D1. CPU is process CPU time (utime + stime from /proc) of the local",
      "workerd processes before and after each run, divided by requests: it includes the runtime's own work",
      "(HTTP, SQLite, the local R2), so it is an upper bound on the Worker's billed CPU time. Memory is the",
      "resident set of the workerd processes sampled every 10 ms: the whole local runtime, not one isolate.",
      "",
    ].join("\n");
    console.log(report);
    if (values.write) {
      appendBenchmarkReport("poa-additional-steps", report);
    }
  } finally {
    await platform.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}
