// `npm run bench -- webhook-gateway [--events N --concurrency C --write]`: webhook delivery on the local platform.
// Measures latency from enqueue to receipt at a local receiver, deliveries per second, and CPU time per
// delivery of the local runtime. Loopback only; bounded in count (≤ 2000 events) and time (10 minutes).
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
import { Webhook } from "standardwebhooks";
import { repoRoot } from "../apps.ts";
import { apiClient, type LooseJson } from "../local-client.ts";
import { startPlatform } from "../start.ts";

const TIME_BUDGET_MS = 10 * 60_000;
const BATCH_SIZE = 10;

function clockTicksPerSecond(): number {
  const result = spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" });
  const ticks = Number(result.stdout?.trim());
  return Number.isInteger(ticks) && ticks > 0 ? ticks : 100;
}

/** CPU time (ms, user + system) of a process tree from /proc, in total and for its workerd processes. */
function treeCpuMs(rootPid: number, ticksPerSecond: number): { total: number; workerd: number } {
  const parent = new Map<number, number>();
  const cpu = new Map<number, { ms: number; name: string }>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // Fields after the name: state, ppid, …, utime (14th field overall), stime (15th).
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
  let workerd = 0;
  for (const [pid, { ms, name }] of cpu) {
    for (let p: number | undefined = pid; p !== undefined && p > 1; p = parent.get(p)) {
      if (p === rootPid) {
        total += ms;
        if (name === "workerd") workerd += ms;
        break;
      }
    }
  }
  return { total, workerd };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      events: { type: "string", default: "200" },
      concurrency: { type: "string", default: "4" },
      write: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(
      "usage: npm run bench -- webhook-gateway [--events N (200; 10..2000)] [--concurrency C (4; 1..16)] [--write]\n" +
        "--write appends the result to docs/benchmarks/webhook-gateway.md",
    );
    return;
  }
  const clamp = (text: string, min: number, max: number, fallback: number) => {
    const n = Number(text);
    return Number.isInteger(n) ? Math.min(Math.max(n, min), max) : fallback;
  };
  const total = clamp(values.events, 10, 2000, 200);
  const concurrency = clamp(values.concurrency, 1, 16, 4);
  const deadline = Date.now() + TIME_BUDGET_MS;
  const scratch = mkdtempSync(join(tmpdir(), "edgekyc-bench-"));
  const ticks = clockTicksPerSecond();

  // The partner's server: records when each webhook-id arrived and checks its signature.
  let verifier: Webhook | undefined;
  let badSignatures = 0;
  const received = new Map<string, number>();
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const at = now();
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      try {
        verifier?.verify(Buffer.concat(chunks).toString("utf8"), headers);
      } catch {
        badSignatures++;
      }
      received.set(String(req.headers["webhook-id"]), at);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/bench`;

  console.error("[bench] starting the platform (temporary state)…");
  const platform = await startPlatform({
    port: await freePort(),
    persistTo: join(scratch, "state"),
    devDir: join(scratch, "dev"),
    quiet: true,
    seedDemo: false,
  });
  try {
    const admin = apiClient(platform.origin, platform.adminToken);
    const partner = await admin("POST", "/admin/v1/partners", { name: "Bench Partner", mode: "test" });
    if (partner.status !== 201)
      throw new Error(`partner: HTTP ${partner.status} ${JSON.stringify(partner.json)}`);
    const partnerId = partner.json.partner.id as string;
    const endpoint = await admin("PUT", `/admin/v1/partners/${partnerId}/webhook-endpoints`, {
      mode: "test",
      capability: null,
      url: receiverUrl,
    });
    if (endpoint.status !== 201)
      throw new Error(`endpoint: HTTP ${endpoint.status} ${JSON.stringify(endpoint.json)}`);
    verifier = new Webhook(endpoint.json.secret);
    const partnerApi = apiClient(platform.origin, partner.json.credentials.edgekyc.api_key);

    const event = (eventId: string) => ({
      specVersion: "1",
      eventId,
      partnerId,
      mode: "test",
      capability: "nfc-session",
      type: "nfc.session.completed",
      occurredAt: new Date().toISOString(),
      payload: {
        result: "Ok",
        code: 0,
        message: "",
        ref: eventId,
        data: { document_type: "P", nationality: "GBR" },
      },
      signatures: [],
    });

    // How events get in: the gateway's own queue path (POST /dev/results, development only), else one
    // test event per request through the partner API.
    const probe = await admin("POST", "/dev/results", { events: [event("bench_warmup")] });
    const viaQueue = probe.status === 202;
    let path =
      "POST /dev/results → kyc-results queue → consumer: validate, store (D1, encrypted) → sign → POST";
    const enqueue = async (ids: string[]): Promise<string[]> => {
      if (viaQueue) {
        const res = await admin("POST", "/dev/results", { events: ids.map(event) });
        if (res.status !== 202) throw new Error(`enqueue: HTTP ${res.status} ${JSON.stringify(res.json)}`);
        return ids;
      }
      const sent: string[] = [];
      for (const _ of ids) {
        const res: { status: number; json: LooseJson } = await partnerApi(
          "POST",
          `/webhooks/v1/endpoints/${endpoint.json.id}/test`,
        );
        if (res.status !== 202) throw new Error(`test event: HTTP ${res.status} ${JSON.stringify(res.json)}`);
        sent.push(res.json.eventId);
      }
      return sent;
    };
    const waitFor = async (ids: string[]) => {
      while (ids.some((id) => !received.has(id)) && Date.now() < deadline) await sleep(5);
    };
    if (!viaQueue) {
      path = "POST /webhooks/v1/endpoints/{id}/test → kyc-deliveries queue → sign → POST";
      console.error(`[bench] /dev/results answered ${probe.status}; using test events instead`);
    }

    // Warm-up: the first requests compile code and open the databases.
    await waitFor(viaQueue ? ["bench_warmup"] : await enqueue(["warmup"]));

    // Unloaded: one event at a time, each awaited, so nothing queues behind other events.
    const single: number[] = [];
    for (let i = 0; i < 10 && Date.now() < deadline; i++) {
      const at = now();
      const [id] = await enqueue([`bench_single_${i}`]);
      await waitFor([id as string]);
      if (received.has(id as string)) single.push((received.get(id as string) as number) - at);
    }
    single.sort((a, b) => a - b);

    console.error(`[bench] ${total} events, ${concurrency} concurrent enqueuers of ${BATCH_SIZE}…`);
    const cpuBefore = treeCpuMs(platform.pid, ticks);
    const sentAt = new Map<string, number>();
    const started = now();
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < total && Date.now() < deadline) {
          const from = next;
          next += BATCH_SIZE;
          const ids = Array.from(
            { length: Math.min(BATCH_SIZE, total - from) },
            (_, k) => `bench_${from + k}`,
          );
          const at = now();
          for (const id of await enqueue(ids)) sentAt.set(id, at);
        }
      }),
    );
    await waitFor([...sentAt.keys()]);
    const cpuAfter = treeCpuMs(platform.pid, ticks);
    const delivered = [...sentAt.keys()].filter((id) => received.has(id));
    const finished = Math.max(...delivered.map((id) => received.get(id) as number));
    const latencies = delivered
      .map((id) => (received.get(id) as number) - (sentAt.get(id) as number))
      .sort((a, b) => a - b);
    const seconds = (finished - started) / 1000;
    const perDelivery = (ms: number) => (delivered.length ? (ms / delivered.length).toFixed(2) : "n/a");

    const wranglerVersion = JSON.parse(
      readFileSync(join(repoRoot, "tools/dev/node_modules/wrangler/package.json"), "utf8"),
    ).version;
    const ms = (value: number) => `${value.toFixed(0)} ms`;
    const rows: [string, string][] = [
      [
        "deliveries",
        `${delivered.length} of ${total}${delivered.length < total ? " (time budget ran out)" : ""}`,
      ],
      ["signatures verified", `${received.size - badSignatures} ok, ${badSignatures} bad`],
      ["throughput", `${(delivered.length / seconds).toFixed(1)} deliveries/s`],
      [
        "latency enqueue → receipt, unloaded (10 single events), p50 / max",
        `${ms(percentile(single, 50))} / ${ms(single.at(-1) ?? Number.NaN)}`,
      ],
      ["latency enqueue → receipt under load, p50", ms(percentile(latencies, 50))],
      ["latency under load, p95", ms(percentile(latencies, 95))],
      ["latency under load, max", ms(latencies.at(-1) ?? Number.NaN)],
      ["CPU per delivery, workerd processes", `${perDelivery(cpuAfter.workerd - cpuBefore.workerd)} ms`],
      ["CPU per delivery, whole wrangler dev tree", `${perDelivery(cpuAfter.total - cpuBefore.total)} ms`],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    const valueWidth = Math.max(...rows.map(([, v]) => v.length));
    const command = `npm run bench -- webhook-gateway --events ${total} --concurrency ${concurrency}`;
    const report = [
      `## ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC — ${total} events, ${concurrency} concurrent enqueuers`,
      "",
      `Command: \`${command}\``,
      `Machine: ${availableParallelism()} CPUs (${cpus()[0]?.model?.trim() ?? "unknown"}), Node ${process.version}, wrangler ${wranglerVersion} (\`wrangler dev\`, local workerd)`,
      "",
      `| ${"measure".padEnd(width)} | ${"value".padEnd(valueWidth)} |`,
      `| ${"-".repeat(width)} | ${"-".repeat(valueWidth)} |`,
      ...rows.map(([k, v]) => `| ${k.padEnd(width)} | ${v.padEnd(valueWidth)} |`),
      "",
      `Path of each event: ${path}`,
      "to the receiver on 127.0.0.1 → record the attempt. Latency is the receipt time minus the time the",
      "enqueue request was sent. Local queues hand messages over in batches (`max_batch_timeout` 1 s), which",
      "dominates latency here. CPU is process CPU time from /proc (utime + stime) before and after the loaded",
      "run, divided by deliveries: it includes the runtime's own overhead (the local queue broker, D1/SQLite,",
      "the dev router, wrangler's proxy), so it is an upper bound on the Worker's billed CPU time, not a",
      "measurement of it.",
      "",
    ].join("\n");
    console.log(`\n${report}`);
    if (values.write) {
      const file = join(repoRoot, "docs/benchmarks/webhook-gateway.md");
      mkdirSync(join(repoRoot, "docs/benchmarks"), { recursive: true });
      const before = existsSync(file)
        ? readFileSync(file, "utf8").trimEnd()
        : "# webhook-gateway benchmarks\n\nProduced by `npm run bench -- webhook-gateway` (tools/dev/src/bench/webhook-gateway.ts).";
      // One blank line between sections, one newline at the end: what the repository's formatter wants.
      writeFileSync(file, `${before}\n\n${report.trimEnd()}\n`);
      console.error(`[bench] appended to ${file}`);
    }
  } finally {
    await platform.stop();
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
    rmSync(scratch, { recursive: true, force: true });
  }
}
