// `npm run bench -- webhook-gateway [--events N --concurrency C --write]`: webhook delivery on the local platform.
// Measures latency from enqueue to receipt at a local receiver, deliveries per second, and CPU time per
// delivery of the local runtime. Loopback only; bounded in count (≤ 2000 events) and time (10 minutes).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { availableParallelism, cpus, loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Webhook } from "standardwebhooks";
import { unstable_dev } from "wrangler";
import { repoRoot } from "../apps.ts";
import { appendBenchmarkReport, clampOption } from "../bench-results.ts";
import { apiClient, type LooseJson } from "../local-client.ts";
import { clockTicksPerSecond, percentile, treeCpuMs, workerdCpuMs } from "../process-cpu.ts";
import { startPlatform } from "../start.ts";

const TIME_BUDGET_MS = 10 * 60_000;
const BATCH_SIZE = 10;
const here = dirname(fileURLToPath(import.meta.url));

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

interface Measured {
  /** workerd CPU per request (ms), the median of the rounds. */
  cpuMs: number;
  wallMs: number;
}

/**
 * workerd CPU per request of `request`, read from /proc for the workerd processes this bench started
 * itself (not the platform's), over `rounds` rounds of `n` sequential requests after a warm-up.
 */
async function cpuPerRequest(
  request: (i: number) => Promise<{ status: number; arrayBuffer(): Promise<ArrayBuffer> }>,
  expected: number,
  exclude: number,
  n: number,
  rounds: number,
): Promise<Measured> {
  for (let i = 0; i < 20; i++) await (await request(i)).arrayBuffer();
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const before = workerdCpuMs(process.pid, { exclude });
    const started = now();
    for (let i = 0; i < n; i++) {
      const res = await request(round * n + i);
      await res.arrayBuffer();
      if (res.status !== expected) throw new Error(`expected HTTP ${expected}, got ${res.status}`);
    }
    wall.push((now() - started) / n);
    cpu.push((workerdCpuMs(process.pid, { exclude }) - before) / n);
  }
  const median = (values: number[]) =>
    percentile(
      [...values].sort((a, b) => a - b),
      50,
    );
  return { cpuMs: median(cpu), wallMs: median(wall) };
}

type DevWorker = Awaited<ReturnType<typeof unstable_dev>>;

async function devWorker(script: string, options: Parameters<typeof unstable_dev>[1]): Promise<DevWorker> {
  return unstable_dev(script, {
    ip: "127.0.0.1",
    port: await freePort(),
    inspectorPort: await freePort(),
    logLevel: "error",
    ...options,
    experimental: { disableExperimentalWarning: true, disableDevRegistry: true },
  });
}

/**
 * Cheap requests beside a Hono hello-world Worker, both in their own local workerd started the same
 * way (`unstable_dev`), so the figures differ by what the Workers do, not by how they are run. The
 * gateway reads the platform's (migrated) local databases.
 */
async function cheapRequests(persistTo: string, exclude: number, n: number) {
  const rounds = 3;
  const hello = await devWorker(join(here, "hello-worker/index.ts"), {
    compatibilityDate: "2026-11-01",
  });
  let helloText: Measured;
  let helloJson: Measured;
  try {
    helloText = await cpuPerRequest(() => hello.fetch("/"), 200, exclude, n, rounds);
    helloJson = await cpuPerRequest(() => hello.fetch("/json"), 200, exclude, n, rounds);
  } finally {
    await hello.stop();
  }
  const gatewayDir = join(repoRoot, "apps/webhook-gateway");
  const gateway = await devWorker(join(gatewayDir, "src/index.ts"), {
    config: join(gatewayDir, "wrangler.jsonc"),
    persistTo,
  });
  let docs: Measured;
  let unauthorized: Measured;
  try {
    docs = await cpuPerRequest(
      () => gateway.fetch("/docs/webhook-gateway/openapi.json"),
      200,
      exclude,
      n,
      rounds,
    );
    // A wrong key from ever new addresses: the brute-force limit (per address) never answers 429 here.
    unauthorized = await cpuPerRequest(
      (i) =>
        gateway.fetch("/webhooks/v1/endpoints", {
          headers: {
            authorization: "Bearer ek_test_bench_not_a_key",
            "cf-connecting-ip": `198.18.${Math.floor(i / 250) % 250}.${i % 250}`,
          },
        }),
      401,
      exclude,
      n,
      rounds,
    );
  } finally {
    await gateway.stop();
  }
  return { helloText, helloJson, docs, unauthorized };
}

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      events: { type: "string", default: "200" },
      concurrency: { type: "string", default: "4" },
      requests: { type: "string", default: "200" },
      write: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(
      "usage: npm run bench -- webhook-gateway [--events N (200; 10..2000)] [--concurrency C (4; 1..16)]\n" +
        "       [--requests R (200; cheap requests per round, 3 rounds; 20..2000)] [--write]\n" +
        "--write appends the result to docs/benchmarks/webhook-gateway.md",
    );
    return;
  }
  const total = clampOption(values.events, 10, 2000, 200);
  const concurrency = clampOption(values.concurrency, 1, 16, 4);
  const requests = clampOption(values.requests, 20, 2000, 200);
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

    // Behind a hanging receiver: another partner's receiver never answers (until the gateway's 15 s
    // timeout); this partner's events, sent right after, should not wait for it.
    const hangingSockets = new Set<import("node:net").Socket>();
    const hanging = createServer(() => undefined);
    hanging.on("connection", (socket) => hangingSockets.add(socket));
    await new Promise<void>((resolve) => hanging.listen(0, "127.0.0.1", resolve));
    const behindHang: number[] = [];
    try {
      const slowPartner = await admin("POST", "/admin/v1/partners", {
        name: "Hanging Partner",
        mode: "test",
      });
      const slowId = slowPartner.json.partner.id as string;
      const slowEndpoint = await admin("PUT", `/admin/v1/partners/${slowId}/webhook-endpoints`, {
        mode: "test",
        capability: null,
        url: `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/hang`,
      });
      if (slowEndpoint.status !== 201) throw new Error(`hanging endpoint: HTTP ${slowEndpoint.status}`);
      if (viaQueue) {
        for (let i = 0; i < 5 && Date.now() < deadline; i++) {
          const hangRes = await admin("POST", "/dev/results", {
            events: [{ ...event(`bench_hang_${i}`), partnerId: slowId }],
          });
          if (hangRes.status !== 202) throw new Error(`hanging event: HTTP ${hangRes.status}`);
          await sleep(50);
          const at = now();
          const [id] = await enqueue([`bench_behind_hang_${i}`]);
          await waitFor([id as string]);
          if (received.has(id as string)) behindHang.push((received.get(id as string) as number) - at);
        }
      }
    } finally {
      for (const socket of hangingSockets) socket.destroy();
      hanging.close();
    }
    behindHang.sort((a, b) => a - b);

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

    console.error(`[bench] cheap requests: ${requests} × 3 rounds each, beside a Hono hello-world Worker…`);
    const cheap = await cheapRequests(join(scratch, "state"), platform.pid, requests);
    const helloMs = cheap.helloText.cpuMs;
    const workerdPerDelivery = delivered.length
      ? (cpuAfter.workerd - cpuBefore.workerd) / delivered.length
      : Number.NaN;
    const beside = (m: Measured) =>
      `${m.cpuMs.toFixed(2)} ms (${(m.cpuMs / helloMs).toFixed(1)}× hello, +${(m.cpuMs - helloMs).toFixed(2)} ms)`;

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
      [
        "latency of one event sent right after another partner's to a hanging receiver (5), p50 / max",
        behindHang.length
          ? `${ms(percentile(behindHang, 50))} / ${ms(behindHang.at(-1) ?? Number.NaN)} (+${ms(percentile(behindHang, 50) - percentile(single, 50))} over unloaded)`
          : "n/a (needs /dev/results)",
      ],
      ["latency enqueue → receipt under load, p50", ms(percentile(latencies, 50))],
      ["latency under load, p95", ms(percentile(latencies, 95))],
      ["latency under load, max", ms(latencies.at(-1) ?? Number.NaN)],
      [
        "CPU per delivery, workerd processes",
        `${perDelivery(cpuAfter.workerd - cpuBefore.workerd)} ms (${(workerdPerDelivery / helloMs).toFixed(1)}× a hello-world request)`,
      ],
      ["CPU per delivery, whole wrangler dev tree", `${perDelivery(cpuAfter.total - cpuBefore.total)} ms`],
      [
        "D1 round trips per first-attempt delivery",
        "3 alone, 2 + 1/batch in a batch (counted in workerd: apps/webhook-gateway/test/delivery/hot-path.happy.test.ts)",
      ],
      ["hello world (Hono, text), workerd CPU per request", `${helloMs.toFixed(2)} ms`],
      ["hello world (Hono, JSON), workerd CPU per request", beside(cheap.helloJson)],
      ["GET /docs/webhook-gateway/openapi.json, workerd CPU", beside(cheap.docs)],
      ["401 (wrong partner key), workerd CPU", beside(cheap.unauthorized)],
      [
        "wall time per request: hello / docs JSON / 401",
        `${cheap.helloText.wallMs.toFixed(2)} / ${cheap.docs.wallMs.toFixed(2)} / ${cheap.unauthorized.wallMs.toFixed(2)} ms`,
      ],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    const valueWidth = Math.max(...rows.map(([, v]) => v.length));
    const command = `npm run bench -- webhook-gateway --events ${total} --concurrency ${concurrency} --requests ${requests}`;
    const report = [
      `## ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC — ${total} events, ${concurrency} concurrent enqueuers`,
      "",
      `Command: \`${command}\``,
      `Machine: ${availableParallelism()} CPUs (${cpus()[0]?.model?.trim() ?? "unknown"}), Node ${process.version}, wrangler ${wranglerVersion} (\`wrangler dev\`, local workerd); load average at the end ${loadavg()
        .map((l) => l.toFixed(1))
        .join(" / ")}`,
      "",
      `| ${"measure".padEnd(width)} | ${"value".padEnd(valueWidth)} |`,
      `| ${"-".repeat(width)} | ${"-".repeat(valueWidth)} |`,
      ...rows.map(([k, v]) => `| ${k.padEnd(width)} | ${v.padEnd(valueWidth)} |`),
      "",
      `Path of each event: ${path}`,
      "to the receiver on 127.0.0.1 → record the attempt. Latency is the receipt time minus the time the",
      "enqueue request was sent. CPU per delivery is process CPU time from /proc (utime + stime) before and after the loaded",
      "run, divided by deliveries: it includes the runtime's own overhead (the local queue broker, D1/SQLite,",
      "the dev router, wrangler's proxy), so it is an upper bound on the Worker's billed CPU time, not a",
      "measurement of it. Cheap requests: the hello-world Worker (tools/dev/src/bench/hello-worker) and the",
      "gateway each run alone in their own local workerd (`unstable_dev`), and their workerd CPU per request",
      "(/proc/<pid>/task/*/schedstat, ns) is the median of 3 rounds; ratios and differences to the hello",
      "world cancel most of the local runtime's own cost, absolute numbers do not.",
      "",
    ].join("\n");
    console.log(`\n${report}`);
    if (values.write) {
      appendBenchmarkReport("webhook-gateway", report);
    }
  } finally {
    await platform.stop();
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
    rmSync(scratch, { recursive: true, force: true });
  }
}
