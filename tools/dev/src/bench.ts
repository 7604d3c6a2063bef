// `npm run bench`: webhook-gateway on the local platform — CPU ms per delivery, deliveries per second, and
// latency from enqueue to receipt at a local receiver. Loopback only; bounded in count and time.
import {
  appendFileSync,
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
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { repoRoot } from "./apps.ts";
import { apiClient } from "./local-client.ts";
import { startPlatform } from "./start.ts";

const CLOCK_TICKS_PER_SECOND = 100;

/** CPU time (ms) of a process tree, from /proc (utime + stime of every descendant). */
function treeCpuMs(rootPid: number): number {
  const parents = new Map<number, number>();
  const cpu = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parents.set(Number(entry), Number(fields[1]));
      cpu.set(Number(entry), (Number(fields[11]) + Number(fields[12])) * (1000 / CLOCK_TICKS_PER_SECOND));
    } catch {
      // The process ended while we looked.
    }
  }
  let total = 0;
  for (const [pid, ms] of cpu) {
    for (let p: number | undefined = pid; p !== undefined && p > 1; p = parents.get(p)) {
      if (p === rootPid) {
        total += ms;
        break;
      }
    }
  }
  return total;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      events: { type: "string", default: "200" },
      concurrency: { type: "string", default: "4" },
      write: { type: "boolean", default: false },
    },
  });
  const total = Math.min(Math.max(Number(values.events), 10), 2000);
  const concurrency = Math.min(Math.max(Number(values.concurrency), 1), 16);
  const batchSize = 10;
  const scratch = mkdtempSync(join(tmpdir(), "edgekyc-bench-"));

  const received = new Map<string, number>();
  const receiver = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      received.set(String(req.headers["webhook-id"]), performance.timeOrigin + performance.now());
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/bench`;

  const platform = await startPlatform({
    port: 8700 + Math.floor(Math.random() * 80),
    persistTo: join(scratch, "state"),
    devDir: join(scratch, "dev"),
    quiet: true,
    seedDemo: false,
  });
  const deadline = Date.now() + 10 * 60_000;
  try {
    const admin = apiClient(platform.origin, platform.adminToken);
    const partner = (await admin("POST", "/admin/v1/partners", { name: "Bench", mode: "test" })).json;
    const endpoint = await admin("PUT", `/admin/v1/partners/${partner.partner.id}/webhook-endpoints`, {
      mode: "test",
      capability: null,
      url: receiverUrl,
    });
    if (endpoint.status !== 201)
      throw new Error(`endpoint: ${endpoint.status} ${JSON.stringify(endpoint.json)}`);

    const event = (i: number) => ({
      specVersion: "1",
      eventId: `bench_${i}`,
      partnerId: partner.partner.id,
      mode: "test",
      capability: "nfc-session",
      type: "nfc.session.completed",
      occurredAt: new Date().toISOString(),
      payload: {
        result: "Ok",
        code: 0,
        message: "",
        ref: `bench-${i}`,
        data: { document_type: "P", nationality: "GBR" },
      },
    });

    // Warm-up: first requests compile code and open the databases.
    await admin("POST", "/dev/results", { events: [event(-1)] });
    while (!received.has("bench_-1") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));

    // Unloaded: one event at a time, each waited for, so queueing behind other events plays no part.
    const single: number[] = [];
    for (let i = 0; i < 10 && Date.now() < deadline; i++) {
      const id = `bench_single_${i}`;
      const at = performance.timeOrigin + performance.now();
      await admin("POST", "/dev/results", { events: [{ ...event(0), eventId: id }] });
      while (!received.has(id) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      single.push((received.get(id) as number) - at);
    }
    single.sort((a, b) => a - b);

    const wranglerPid = Number(readFileSync(join(scratch, "dev/wrangler.pid"), "utf8"));
    const cpuBefore = treeCpuMs(wranglerPid);
    const sentAt = new Map<string, number>();
    const started = performance.timeOrigin + performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < total) {
          const from = next;
          next += batchSize;
          const batch = Array.from({ length: Math.min(batchSize, total - from) }, (_, k) => event(from + k));
          const at = performance.timeOrigin + performance.now();
          for (const e of batch) sentAt.set(e.eventId, at);
          const res = await admin("POST", "/dev/results", { events: batch });
          if (res.status !== 202) throw new Error(`enqueue: ${res.status} ${JSON.stringify(res.json)}`);
        }
      }),
    );
    while ([...sentAt.keys()].some((id) => !received.has(id)) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const finished = Math.max(...[...sentAt.keys()].map((id) => received.get(id) ?? Number.NaN));
    const cpuAfter = treeCpuMs(wranglerPid);
    const delivered = [...sentAt.keys()].filter((id) => received.has(id));
    const latencies = delivered
      .map((id) => (received.get(id) as number) - (sentAt.get(id) as number))
      .sort((a, b) => a - b);

    const command = `npm run bench -- --events ${total} --concurrency ${concurrency}`;
    const rows = [
      ["deliveries", `${delivered.length} of ${total}`],
      ["throughput", `${(delivered.length / ((finished - started) / 1000)).toFixed(1)} deliveries/s`],
      [
        "CPU per delivery",
        `${((cpuAfter - cpuBefore) / delivered.length).toFixed(2)} ms (process CPU of workerd + wrangler, all work included)`,
      ],
      [
        "latency enqueue → receipt, one event at a time, p50",
        `${percentile(single, 50).toFixed(0)} ms (max ${(single.at(-1) ?? Number.NaN).toFixed(0)} ms)`,
      ],
      ["latency enqueue → receipt under load, p50", `${percentile(latencies, 50).toFixed(0)} ms`],
      ["latency under load, p95", `${percentile(latencies, 95).toFixed(0)} ms`],
      ["latency under load, max", `${(latencies.at(-1) ?? Number.NaN).toFixed(0)} ms`],
    ];
    const report = [
      `## ${new Date().toISOString().slice(0, 10)} — ${total} events, ${concurrency} concurrent enqueuers`,
      "",
      `Command: \`${command}\``,
      `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? "unknown"}), Node ${process.version}, local \`wrangler dev\` (workerd)`,
      "",
      "| measure | value |",
      "| --- | --- |",
      ...rows.map(([k, v]) => `| ${k} | ${v} |`),
      "",
      "Each event goes POST /dev/results → kyc-results queue → validate, record (D1, encrypted payload) → sign →",
      "POST to the receiver → record the attempt. Local queues deliver in batches (max_batch_timeout 1 s), which",
      "dominates latency; CPU is measured from /proc for the whole local runtime, so it is an upper bound on the",
      "Worker's own CPU time.",
      "",
    ].join("\n");
    console.log(`\n${report}`);
    if (values.write) {
      const file = join(repoRoot, "docs/benchmarks/webhook-gateway.md");
      mkdirSync(join(repoRoot, "docs/benchmarks"), { recursive: true });
      if (!existsSync(file))
        writeFileSync(
          file,
          "# webhook-gateway benchmarks\n\nProduced by `npm run bench` (tools/dev/src/bench.ts).\n\n",
        );
      appendFileSync(file, `${report}\n`);
      console.log(`written to ${file}`);
    }
  } finally {
    await platform.stop();
    await new Promise((resolve) => receiver.close(resolve));
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: Error) => {
  console.error(`bench: ${error.message}`);
  process.exit(1);
});
