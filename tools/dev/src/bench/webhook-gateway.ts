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
import { repoRoot } from "../apps.ts";
import { appendBenchmarkReport, clampOption } from "../bench-results.ts";
import { apiClient, type LooseJson } from "../local-client.ts";
import { freePort } from "../ports.ts";
import { clockTicksPerSecond, percentile, treeCpuMs, workerdCpuMs } from "../process-cpu.ts";
import { startPlatform } from "../start.ts";
import { startWorkerdAlone } from "../workerd-alone.ts";

const TIME_BUDGET_MS = 10 * 60_000;
const BATCH_SIZE = 10;
/** Rounds of each cheap request kind, taken in turns (see cpuPerRequest). */
const CHEAP_ROUNDS = 7;
/**
 * Loaded rounds per server. The first runs on fresh isolates (V8 has not optimised their code yet, caches
 * are cold; measured: 1.4–1.7× the workerd CPU per delivery of later rounds); the others show the steady
 * state of a gateway that has been serving for a while. Both are reported: the steady state as the median of the later rounds, the cold round beside it.
 */
const LOAD_ROUNDS = 4;
const here = dirname(fileURLToPath(import.meta.url));
const GATEWAY_CONFIG = join(repoRoot, "apps/webhook-gateway/wrangler.jsonc");

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const median = (values: number[] = []) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

interface Measured {
  /** workerd CPU per request (ms), the median of the rounds. */
  cpuMs: number;
  wallMs: number;
}

interface CheapRequest {
  /** The workerd process tree that serves it. */
  pid: number;
  expected: number;
  request: (i: number) => Promise<{ status: number; arrayBuffer(): Promise<ArrayBuffer> }>;
}

/**
 * workerd CPU per request of each kind, read from /proc for the workerd that serves it, after a
 * warm-up. The kinds take turns, one round of `n` sequential requests each, `rounds` times, so drift
 * of the machine (other load, frequency) falls on all of them alike; each figure is its median round.
 */
async function cpuPerRequest<K extends string>(
  kinds: Record<K, CheapRequest>,
  n: number,
  rounds: number,
): Promise<Record<K, Measured>> {
  const entries = Object.entries(kinds) as [K, CheapRequest][];
  const cpu = new Map<K, number[]>(entries.map(([kind]) => [kind, []]));
  const wall = new Map<K, number[]>(entries.map(([kind]) => [kind, []]));
  for (const [, { request }] of entries) for (let i = 0; i < 50; i++) await (await request(i)).arrayBuffer();
  for (let round = 0; round < rounds; round++) {
    for (const [kind, { pid, expected, request }] of entries) {
      const before = workerdCpuMs(pid);
      const started = now();
      for (let i = 0; i < n; i++) {
        const res = await request(round * n + i);
        await res.arrayBuffer();
        if (res.status !== expected) throw new Error(`${kind}: expected HTTP ${expected}, got ${res.status}`);
      }
      wall.get(kind)?.push((now() - started) / n);
      cpu.get(kind)?.push((workerdCpuMs(pid) - before) / n);
    }
  }
  return Object.fromEntries(
    entries.map(([kind]) => [kind, { cpuMs: median(cpu.get(kind)), wallMs: median(wall.get(kind)) }]),
  ) as Record<K, Measured>;
}

/** A Worker served by workerd alone (see workerd-alone.ts), with `fetch` relative to its origin. */
async function aloneWorker(options: Parameters<typeof startWorkerdAlone>[0]) {
  const worker = await startWorkerdAlone(options);
  return {
    ...worker,
    fetch: (path: string, init?: RequestInit) => fetch(new URL(path, worker.origin), init),
  };
}

/**
 * Cheap requests beside a Hono hello-world Worker, both served by workerd alone, started the same way
 * and measured in turns, so the figures differ by what the Workers do, not by how or when they ran.
 * The gateway reads the platform's (migrated) local databases; the hello world keeps its own state on
 * disk the same way.
 */
async function cheapRequests(persistTo: string, helloPersistTo: string, n: number) {
  // On disk like the gateway's state (Miniflare's rate limiter writes its counts to SQLite there).
  const hello = await aloneWorker({
    config: join(here, "hello-worker/wrangler.jsonc"),
    persistTo: helloPersistTo,
    port: await freePort(),
  });
  const started: { stop(): Promise<void> }[] = [hello];
  try {
    const gateway = await aloneWorker({ config: GATEWAY_CONFIG, persistTo, port: await freePort() });
    started.push(gateway);
    // The same gateway with its AUTH_FAILURES binding left unbound: the 401's own work, without
    // Miniflare's simulation of the rate limiter (a Durable Object call and a SQLite write per failure;
    // on Cloudflare an in-memory counter on the machine).
    const unlimited = await aloneWorker({
      config: GATEWAY_CONFIG,
      persistTo,
      port: await freePort(),
      withoutRateLimits: true,
    });
    started.push(unlimited);
    // Ever new addresses: the brute-force limit (per address) never answers 429 here.
    const address = (i: number) => `198.18.${Math.floor(i / 250) % 250}.${i % 250}`;
    const wrongKey = (worker: typeof gateway) => (i: number) =>
      worker.fetch("/webhooks/v1/endpoints", {
        headers: { authorization: "Bearer ek_test_bench_not_a_key", "cf-connecting-ip": address(i) },
      });
    return await cpuPerRequest(
      {
        helloText: { pid: hello.pid, expected: 200, request: () => hello.fetch("/") },
        helloJson: { pid: hello.pid, expected: 200, request: () => hello.fetch("/json") },
        helloLimited: {
          pid: hello.pid,
          expected: 200,
          request: (i) => hello.fetch("/limited", { headers: { "cf-connecting-ip": address(i) } }),
        },
        docs: {
          pid: gateway.pid,
          expected: 200,
          request: () => gateway.fetch("/docs/webhook-gateway/openapi.json"),
        },
        unauthorized: { pid: gateway.pid, expected: 401, request: wrongKey(gateway) },
        unauthorizedOwn: { pid: unlimited.pid, expected: 401, request: wrongKey(unlimited) },
      },
      n,
      CHEAP_ROUNDS,
    );
  } finally {
    await Promise.all(started.map((worker) => worker.stop()));
  }
}

interface LoadResult {
  delivered: number;
  /** Enqueue → receipt, sorted (ms). */
  latencies: number[];
  seconds: number;
  cpu: { total: number; workerd: number };
}

/** LOAD_ROUNDS runs of the same load, one after another (each waits for all its receipts). */
async function loadRounds(options: Parameters<typeof loadRun>[0]): Promise<LoadResult[]> {
  const runs: LoadResult[] = [];
  for (let round = 0; round < LOAD_ROUNDS && Date.now() < options.deadline; round++) {
    runs.push(await loadRun({ ...options, prefix: `${options.prefix}r${round}_` }));
  }
  return runs;
}

/**
 * `total` events from `concurrency` enqueuers, `BATCH_SIZE` per request; waits for every receipt (or
 * the deadline) and reads the server tree's CPU before and after.
 */
async function loadRun(options: {
  total: number;
  concurrency: number;
  prefix: string;
  deadline: number;
  enqueue: (ids: string[]) => Promise<string[]>;
  received: Map<string, number>;
  cpu: () => { total: number; workerd: number };
}): Promise<LoadResult> {
  const { total, concurrency, prefix, deadline, enqueue, received } = options;
  const cpuBefore = options.cpu();
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
          (_, k) => `${prefix}${from + k}`,
        );
        const at = now();
        for (const id of await enqueue(ids)) sentAt.set(id, at);
      }
    }),
  );
  while ([...sentAt.keys()].some((id) => !received.has(id)) && Date.now() < deadline) await sleep(5);
  const cpuAfter = options.cpu();
  const delivered = [...sentAt.keys()].filter((id) => received.has(id));
  const finished = Math.max(...delivered.map((id) => received.get(id) as number));
  return {
    delivered: delivered.length,
    latencies: delivered
      .map((id) => (received.get(id) as number) - (sentAt.get(id) as number))
      .sort((a, b) => a - b),
    seconds: (finished - started) / 1000,
    cpu: { total: cpuAfter.total - cpuBefore.total, workerd: cpuAfter.workerd - cpuBefore.workerd },
  };
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
        `       [--requests R (200; cheap requests per round, ${CHEAP_ROUNDS} rounds; 20..2000)] [--write]\n` +
        "--write appends the result to docs/benchmarks/webhook-gateway.md",
    );
    return;
  }
  const total = clampOption(values.events, 10, 2000, 200);
  const concurrency = clampOption(values.concurrency, 1, 16, 4);
  const requests = clampOption(values.requests, 20, 2000, 200);
  const deadline = Date.now() + TIME_BUDGET_MS;
  const scratch = mkdtempSync(join(tmpdir(), "edgekyc-bench-"));
  const state = join(scratch, "state");
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
    persistTo: state,
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

    console.error(
      `[bench] ${LOAD_ROUNDS} rounds of ${total} events, ${concurrency} concurrent enqueuers of ${BATCH_SIZE}…`,
    );
    const loaded = await loadRounds({
      total,
      concurrency,
      prefix: "bench_",
      deadline,
      enqueue,
      received,
      cpu: () => treeCpuMs(platform.pid, ticks),
    });
    if (!viaQueue) throw new Error("the gateway alone needs /dev/results (ENVIRONMENT=development)");
    await platform.stop();

    // The same load on the gateway served by workerd alone (no wrangler dev proxy, inspector session or
    // request log line in front of it), on the state the platform left.
    console.error(`[bench] the gateway alone in workerd: ${LOAD_ROUNDS} rounds of ${total} events…`);
    const alone = await startWorkerdAlone({
      config: GATEWAY_CONFIG,
      persistTo: state,
      port: await freePort(),
    });
    let aloneLoaded: LoadResult[];
    try {
      const aloneAdmin = apiClient(alone.origin, platform.adminToken);
      const enqueueAlone = async (ids: string[]) => {
        const res = await aloneAdmin("POST", "/dev/results", { events: ids.map(event) });
        if (res.status !== 202) throw new Error(`enqueue: HTTP ${res.status} ${JSON.stringify(res.json)}`);
        return ids;
      };
      await enqueueAlone(["alone_warmup"]);
      await waitFor(["alone_warmup"]);
      aloneLoaded = await loadRounds({
        total,
        concurrency,
        prefix: "alone_",
        deadline,
        enqueue: enqueueAlone,
        received,
        cpu: () => treeCpuMs(alone.pid, ticks),
      });
    } finally {
      await alone.stop();
    }

    console.error(
      `[bench] cheap requests: ${requests} × ${CHEAP_ROUNDS} rounds each, beside a Hono hello-world Worker…`,
    );
    const cheap = await cheapRequests(state, join(scratch, "hello-state"), requests);
    const helloMs = cheap.helloText.cpuMs;
    const beside = (m: Measured) =>
      `${m.cpuMs.toFixed(2)} ms (${(m.cpuMs / helloMs).toFixed(1)}× hello, +${(m.cpuMs - helloMs).toFixed(2)} ms)`;

    const wranglerVersion = JSON.parse(
      readFileSync(join(repoRoot, "tools/dev/node_modules/wrangler/package.json"), "utf8"),
    ).version;
    const ms = (value: number) => `${value.toFixed(0)} ms`;
    const perDelivery = (ms: number, run: LoadResult) => (run.delivered ? ms / run.delivered : Number.NaN);
    // The steady state (median of the rounds after the first) and the cold first round, of each server.
    const steady = (runs: LoadResult[], f: (run: LoadResult) => number) => median(runs.slice(1).map(f));
    const both = (f: (run: LoadResult) => number, format: (value: number) => string) =>
      [loaded, aloneLoaded]
        .map((runs) => `${format(steady(runs, f))} (cold ${format(f(runs[0] as LoadResult))})`)
        .join(" / ");
    const delivered = (runs: LoadResult[]) => runs.reduce((sum, run) => sum + run.delivered, 0);
    const expected = total * LOAD_ROUNDS;
    const throughput = (run: LoadResult) => run.delivered / run.seconds;
    const workerdPerDelivery = (run: LoadResult) => perDelivery(run.cpu.workerd, run);
    const msWith2 = (value: number) => `${value.toFixed(2)} ms`;
    const rows: [string, string][] = [
      [
        `deliveries in ${LOAD_ROUNDS} loaded rounds (npm start's stack / workerd alone)`,
        [loaded, aloneLoaded]
          .map(
            (runs) =>
              `${delivered(runs)} of ${expected}${delivered(runs) < expected ? " (time budget ran out)" : ""}`,
          )
          .join(" / "),
      ],
      ["signatures verified", `${received.size - badSignatures} ok, ${badSignatures} bad`],
      [
        "throughput, steady state (cold first round)",
        both(throughput, (value) => `${value.toFixed(1)} deliveries/s`),
      ],
      [
        "latency enqueue → receipt, unloaded (10 single events, npm start's stack), p50 / max",
        `${ms(percentile(single, 50))} / ${ms(single.at(-1) ?? Number.NaN)}`,
      ],
      [
        "latency of one event sent right after another partner's to a hanging receiver (5), p50 / max",
        behindHang.length
          ? `${ms(percentile(behindHang, 50))} / ${ms(behindHang.at(-1) ?? Number.NaN)} (+${ms(percentile(behindHang, 50) - percentile(single, 50))} over unloaded)`
          : "n/a (needs /dev/results)",
      ],
      ["latency enqueue → receipt under load, p50", both((run) => percentile(run.latencies, 50), ms)],
      ["latency under load, p95", both((run) => percentile(run.latencies, 95), ms)],
      ["latency under load, max", both((run) => run.latencies.at(-1) ?? Number.NaN, ms)],
      [
        "CPU per delivery, workerd processes",
        `${both(workerdPerDelivery, msWith2)}; alone, steady: ${(steady(aloneLoaded, workerdPerDelivery) / helloMs).toFixed(1)}× a hello-world request`,
      ],
      [
        "CPU per delivery, whole server process tree",
        both((run) => perDelivery(run.cpu.total, run), msWith2),
      ],
      [
        "D1 round trips per first-attempt delivery",
        "3 alone; in a batch, records shared (≤ 0.5 each in a batch of 10; counted in workerd: apps/webhook-gateway/test/delivery/hot-path.happy.test.ts)",
      ],
      ["hello world (Hono, text), workerd CPU per request", `${helloMs.toFixed(2)} ms`],
      ["hello world (Hono, JSON), workerd CPU per request", beside(cheap.helloJson)],
      ["GET /docs/webhook-gateway/openapi.json, workerd CPU", beside(cheap.docs)],
      ["401 (wrong partner key), workerd CPU", beside(cheap.unauthorized)],
      [
        "hello world + one rate-limit binding call (Miniflare's simulation), workerd CPU",
        beside(cheap.helloLimited),
      ],
      [
        "401 beside that hello world (both pay the limiter call once)",
        `+${(cheap.unauthorized.cpuMs - cheap.helloLimited.cpuMs).toFixed(2)} ms`,
      ],
      [
        "401, without Miniflare's rate-limiter simulation (AUTH_FAILURES unbound)",
        beside(cheap.unauthorizedOwn),
      ],
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
      `Machine: ${availableParallelism()} CPUs (${cpus()[0]?.model?.trim() ?? "unknown"}), Node ${process.version}, wrangler ${wranglerVersion}; load average at the end ${loadavg()
        .map((l) => l.toFixed(1))
        .join(" / ")}`,
      "",
      `| ${"measure".padEnd(width)} | ${"value".padEnd(valueWidth)} |`,
      `| ${"-".repeat(width)} | ${"-".repeat(valueWidth)} |`,
      ...rows.map(([k, v]) => `| ${k.padEnd(width)} | ${v.padEnd(valueWidth)} |`),
      "",
      `Path of each event: ${path}`,
      "to the receiver on 127.0.0.1 → record the attempt. Latency is the receipt time minus the time the",
      `enqueue request was sent. Each server takes the load ${LOAD_ROUNDS} times in a row: the first round`,
      'runs on fresh isolates ("cold": code not yet optimised by V8, caches cold); the figures without a label are the median of the',
      "later rounds (the steady state of a gateway that has been serving). Two servers, the same state and",
      "load: npm start's stack (every app in",
      "`wrangler dev` behind the dev router) and the gateway served by workerd alone (Miniflare, the",
      "library wrangler runs workerd through, without wrangler's proxy Worker, its DevTools inspector",
      "session, which makes each console.log cost milliseconds, or its per-request log line; see",
      "tools/dev/src/workerd-alone.ts). CPU per delivery is the server tree's CPU time from /proc",
      "(utime + stime) over the loaded run divided by deliveries; it includes the local runtime's own work",
      "(queue broker, D1/SQLite), so it is an upper bound on the Worker's billed CPU time. Cheap requests:",
      "the hello-world Worker (tools/dev/src/bench/hello-worker) and the gateway each served by workerd",
      "alone the same way and measured in turns; workerd CPU per request (/proc/<pid>/task/*/schedstat, ns) is",
      `the median of ${CHEAP_ROUNDS} rounds; differences to the hello world cancel the local runtime's own cost, absolute numbers do not.`,
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
