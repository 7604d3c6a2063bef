// Helpers of the ekyc-otp-pennydrop bench: a cheap keep-alive client, load phases with CPU accounting,
// and reading the app's local D1 after a run.
import { spawnSync } from "node:child_process";
import { Agent, request } from "node:http";
import { join } from "node:path";
import { repoRoot } from "../../apps.ts";
import { lastLines, wranglerBin } from "../../processes.ts";

export const APP_CONFIG = join(repoRoot, "apps/ekyc-otp-pennydrop/wrangler.jsonc");
/** A Worker hosting the app's Durable Object class alone (the "object alone" stage). */
export const OBJECT_WORKER_CONFIG = join(repoRoot, "apps/ekyc-otp-pennydrop/bench/object-worker.jsonc");

export interface Answer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: the bench reads answers loosely (the app validates them).
  json: any;
}

/**
 * An NDT client over one keep-alive agent (sockets reused, no per-request connection set-up), so the
 * client costs the server as little as possible and itself little CPU.
 */
export function ndtClient(origin: string, apiKey: string, merchantId: string, sockets: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
  const target = new URL(origin);
  const call = (method: string, path: string, body?: unknown): Promise<Answer> => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: target.hostname,
          port: target.port,
          method,
          path,
          agent,
          timeout: 60_000,
          headers: {
            authorization: `Bearer ${apiKey}`,
            "merchant-id": merchantId,
            ...(payload === undefined
              ? {}
              : { "content-type": "application/json", "content-length": Buffer.byteLength(payload) }),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            let json: unknown = null;
            try {
              json = text ? JSON.parse(text) : null;
            } catch {
              json = { detail: text.slice(0, 300) };
            }
            resolve({ status: res.statusCode ?? 0, json });
          });
        },
      );
      req.on("timeout", () => req.destroy(new Error(`no answer from ${path}`)));
      req.on("error", reject);
      req.end(payload);
    });
  };
  return { call, close: () => agent.destroy() };
}

export interface Phase {
  name: string;
  requests: number;
  seconds: number;
  /** CPU of the server's workerd processes, of the rest of its process tree (wrangler), and of this client. */
  workerdMs: number;
  wranglerMs: number;
  clientMs: number;
  latencies: number[];
  statuses: Record<string, number>;
}

const PHASE_BUDGET_MS = 5 * 60_000;

/** Runs `count` requests with `concurrency` callers; `send(i)` answers the eKYC status (or HTTP status). */
export async function phase(
  name: string,
  count: number,
  concurrency: number,
  cpu: () => { total: number; workerd: number },
  send: (i: number) => Promise<string>,
): Promise<Phase> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const serverBefore = cpu();
  const clientBefore = process.cpuUsage();
  const started = performance.now();
  const deadline = Date.now() + PHASE_BUDGET_MS;
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count && Date.now() < deadline) {
        const i = next++;
        const at = performance.now();
        const status = await send(i);
        latencies.push(performance.now() - at);
        statuses[status] = (statuses[status] ?? 0) + 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const serverAfter = cpu();
  const client = process.cpuUsage(clientBefore);
  return {
    name,
    requests: latencies.length,
    seconds,
    workerdMs: serverAfter.workerd - serverBefore.workerd,
    wranglerMs: serverAfter.total - serverAfter.workerd - (serverBefore.total - serverBefore.workerd),
    clientMs: (client.user + client.system) / 1000,
    latencies: latencies.sort((a, b) => a - b),
    statuses,
  };
}

/**
 * Audit rows per status in the app's local D1 for one subject, by its application id or (object alone
 * stage) its subject id; read with wrangler once the Worker stopped.
 */
export function auditCounts(
  persistTo: string,
  subject: { applicationId: string } | { subjectId: string },
): Record<string, number> {
  const where =
    "applicationId" in subject
      ? `s.external_id = '${subject.applicationId.replace(/'/g, "")}'`
      : `a.subject_id = '${subject.subjectId.replace(/'/g, "")}'`;
  const sql =
    "SELECT a.status AS status, count(*) AS n FROM audit_events a LEFT JOIN subjects s ON s.id = a.subject_id " +
    `WHERE a.action = 'validate' AND ${where} GROUP BY a.status`;
  const result = spawnSync(
    wranglerBin(),
    [
      "d1",
      "execute",
      "kyc-ekyc",
      "--local",
      "-c",
      APP_CONFIG,
      "--persist-to",
      persistTo,
      "--json",
      "--command",
      sql,
    ],
    { cwd: repoRoot, encoding: "utf8", env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false" } },
  );
  if (result.status !== 0) throw new Error(`reading the audit failed: ${lastLines(result.stderr ?? "")}`);
  const [first] = JSON.parse(result.stdout) as { results: { status: string; n: number }[] }[];
  return Object.fromEntries((first?.results ?? []).map((row) => [row.status, row.n]));
}
