// `npm run bench -- nfc-session [--sessions N --concurrency C --documents M --write]`: nfc-session on the
// local platform. session_init latency and throughput, and CPU per chip verification (JWE decrypt, passive
// and Active Authentication, DG1/DG2 parsing, consent and list checks; no face match). Loopback only.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { TrustStore } from "@edgekyc/emrtd";
import { createDocument, type FixtureAlgorithm } from "@edgekyc/emrtd/testing";
import { encryptChipUpload, fromBase64, ReaderAppClient } from "@edgekyc/nfc-session/reader-app";
import { EmrtdVerifier, jweKeyRing, parseConsent, verifyChipUpload } from "@edgekyc/nfc-session/verification";
import { repoRoot } from "../apps.ts";
import { appendBenchmarkReport, clampOption } from "../bench-results.ts";
import { apiClient } from "../local-client.ts";
import { freePort } from "../ports.ts";
import { clockTicksPerSecond, percentile, treeCpuMs } from "../process-cpu.ts";
import { startPlatform } from "../start.ts";

const ALGORITHMS: FixtureAlgorithm[] = [
  "rsa-pkcs1-sha256",
  "ecdsa-p256-sha256",
  "ecdsa-brainpoolP256r1-sha256",
];
const now = () => performance.now();

/** The development chip-upload key of apps/nfc-session (a local key, never a deployed one). */
function devJweKeys(): string {
  const text = readFileSync(join(repoRoot, "apps/nfc-session/.dev.vars.example"), "utf8");
  const value = /^NFC_JWE_KEYS=(.*)$/m.exec(text)?.[1];
  if (!value) throw new Error("apps/nfc-session/.dev.vars.example has no NFC_JWE_KEYS");
  return value.trim();
}

/**
 * CPU per verification in this process (V8, as in workerd): JWE decrypt, passive and Active
 * Authentication, DG1/DG2 parsing and the checks, with a warm trust store; no I/O, no face match.
 */
async function inProcessVerification(
  algorithm: FixtureAlgorithm,
  count: number,
): Promise<{ cpuMs: number; wallMs: number }> {
  const spec = devJweKeys();
  const keys = await jweKeyRing(spec);
  const [jwk] = JSON.parse(spec) as { kty: string; crv: string; x: string; y: string; kid: string }[];
  const fixture = await createDocument({ algorithm });
  const verifier = new EmrtdVerifier(await TrustStore.fromFiles([fixture.csca.der]));
  const consent = parseConsent({ mrz: fixture.mrz }, { allowManual: false });
  const uploads: { jwe: string; sessionId: string; challenge: Uint8Array }[] = [];
  for (let i = 0; i <= count; i++) {
    const challenge = crypto.getRandomValues(new Uint8Array(8));
    const signature = await fixture.activeAuthentication?.answer(challenge);
    const sessionId = `nfc_bench${String(i).padStart(22, "0")}`;
    const jwe = await encryptChipUpload({
      key: { ...(jwk as NonNullable<typeof jwk>), kid: keys.currentKid },
      sessionId,
      files: fixture.files,
      challenge: Buffer.from(challenge).toString("base64"),
      ...(signature ? { aaSignature: signature } : {}),
    });
    uploads.push({ jwe, sessionId, challenge });
  }
  const lostStolen = { isListed: async () => false };
  const verify = async (u: (typeof uploads)[number]) => {
    const result = await verifyChipUpload(
      { keys, verifier, lostStolen, now: new Date() },
      { jwe: u.jwe, sessionId: u.sessionId, partnerId: "ptn_bench", consent, issuedChallenge: u.challenge },
    );
    if (result.outcome)
      throw new Error(`verification failed: ${result.outcome} ${JSON.stringify(result.checks)}`);
  };
  const [warm, ...measured] = uploads;
  await verify(warm as (typeof uploads)[number]);
  const cpu = process.cpuUsage();
  const wall = now();
  for (const upload of measured) await verify(upload);
  const used = process.cpuUsage(cpu);
  return {
    cpuMs: (used.user + used.system) / 1000 / measured.length,
    wallMs: (now() - wall) / measured.length,
  };
}

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      sessions: { type: "string", default: "200" },
      concurrency: { type: "string", default: "4" },
      documents: { type: "string", default: "20" },
      write: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(
      "usage: npm run bench -- nfc-session [--sessions N (200; 10..2000)] [--concurrency C (4; 1..16)] [--documents M per algorithm (20; 5..200)] [--write]",
    );
    return;
  }
  const sessions = clampOption(values.sessions, 10, 2000, 200);
  const concurrency = clampOption(values.concurrency, 1, 16, 4);
  const documents = clampOption(values.documents, 5, 200, 20);
  const ticks = clockTicksPerSecond();
  const scratch = mkdtempSync(join(tmpdir(), "edgekyc-bench-nfc-"));
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
    const partner = await admin("POST", "/admin/v1/partners", { name: "Bench NFC", mode: "test" });
    if (partner.status !== 201)
      throw new Error(`partner: HTTP ${partner.status} ${JSON.stringify(partner.json)}`);
    const apiKey = partner.json.credentials.machinesense.api_key as string;
    const init = async () => {
      const res = await fetch(`${origin}/nfc/v1/session_init`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ api_key: apiKey, method: "enroll" }),
      });
      const body = (await res.json()) as { data: { init_code: string } };
      if (res.status !== 200) throw new Error(`session_init: HTTP ${res.status} ${JSON.stringify(body)}`);
      return body.data.init_code;
    };

    // Warm-up, then unloaded latency (one at a time), then throughput with C concurrent callers.
    for (let i = 0; i < 5; i++) await init();
    const single: number[] = [];
    for (let i = 0; i < 20; i++) {
      const at = now();
      await init();
      single.push(now() - at);
    }
    single.sort((a, b) => a - b);
    console.error(`[bench] ${sessions} session_init, ${concurrency} concurrent…`);
    const loaded: number[] = [];
    const cpuBefore = treeCpuMs(platform.pid, ticks);
    const started = now();
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < sessions) {
          next++;
          const at = now();
          await init();
          loaded.push(now() - at);
        }
      }),
    );
    const seconds = (now() - started) / 1000;
    const cpuAfter = treeCpuMs(platform.pid, ticks);
    loaded.sort((a, b) => a - b);

    // Verification: per algorithm, M sessions prepared up to the chip step; only the uploads are measured.
    const verification: [string, string][] = [];
    for (const algorithm of ALGORITHMS) {
      console.error(`[bench] ${documents} chip uploads, ${algorithm}…`);
      const fixture = await createDocument({ algorithm });
      const csca = Buffer.from(fixture.csca.der).toString("base64");
      const imported = await admin("POST", "/nfc/admin/v1/trust/certificates", { file: csca });
      if (imported.status !== 201)
        throw new Error(`trust import: HTTP ${imported.status} ${JSON.stringify(imported.json)}`);
      const ready: { app: ReaderAppClient; jwe: string }[] = [];
      for (let i = 0; i < documents + 1; i++) {
        const app = new ReaderAppClient(origin);
        await app.redeem(await init());
        await app.consent({ mrz: fixture.mrz });
        const challenge = (await app.challenge()).data;
        const [key] = await app.keys();
        const signature = await fixture.activeAuthentication?.answer(fromBase64(challenge.challenge));
        const jwe = await encryptChipUpload({
          key: key as NonNullable<typeof key>,
          sessionId: challenge.session_id,
          files: fixture.files,
          challenge: challenge.challenge,
          ...(signature ? { aaSignature: signature } : {}),
        });
        ready.push({ app, jwe });
      }
      // The first upload warms the trust store of the isolate (parses the CSCA) and is not counted.
      const [warm, ...measured] = ready;
      const first = await warm?.app.uploadChip(warm.jwe);
      if (first?.result !== "Ok") throw new Error(`chip upload: ${JSON.stringify(first)}`);
      const latencies: number[] = [];
      const before = treeCpuMs(platform.pid, ticks);
      for (const { app, jwe } of measured) {
        const at = now();
        const answer = await app.uploadChip(jwe);
        latencies.push(now() - at);
        if (answer.result !== "Ok") throw new Error(`chip upload: ${JSON.stringify(answer)}`);
      }
      const after = treeCpuMs(platform.pid, ticks);
      latencies.sort((a, b) => a - b);
      verification.push([
        `chip upload ${algorithm}: CPU per upload (workerd) / latency p50`,
        `${((after.workerd - before.workerd) / measured.length).toFixed(1)} ms / ${percentile(latencies, 50).toFixed(0)} ms`,
      ]);
    }

    for (const algorithm of ALGORITHMS) {
      const { cpuMs, wallMs } = await inProcessVerification(algorithm, documents * 5);
      verification.push([
        `verification alone ${algorithm}: CPU / wall per document (in process)`,
        `${cpuMs.toFixed(2)} ms / ${wallMs.toFixed(2)} ms`,
      ]);
    }

    const ms = (value: number) => `${value.toFixed(0)} ms`;
    const rows: [string, string][] = [
      [
        "session_init latency, unloaded (20 sequential), p50 / max",
        `${ms(percentile(single, 50))} / ${ms(single.at(-1) ?? Number.NaN)}`,
      ],
      [
        `session_init latency, ${concurrency} concurrent, p50 / p95`,
        `${ms(percentile(loaded, 50))} / ${ms(percentile(loaded, 95))}`,
      ],
      ["session_init throughput", `${(loaded.length / seconds).toFixed(1)} sessions/s`],
      [
        "session_init CPU per call (workerd)",
        `${((cpuAfter.workerd - cpuBefore.workerd) / loaded.length).toFixed(1)} ms`,
      ],
      ...verification,
    ];
    const wranglerVersion = JSON.parse(
      readFileSync(join(repoRoot, "tools/dev/node_modules/wrangler/package.json"), "utf8"),
    ).version;
    const width = Math.max(...rows.map(([k]) => k.length));
    const valueWidth = Math.max(...rows.map(([, v]) => v.length));
    const command = `npm run bench -- nfc-session --sessions ${sessions} --concurrency ${concurrency} --documents ${documents}`;
    const report = [
      `## ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC — ${sessions} sessions, ${documents} documents per algorithm`,
      "",
      `Command: \`${command}\``,
      `Machine: ${availableParallelism()} CPUs (${cpus()[0]?.model?.trim() ?? "unknown"}), Node ${process.version}, wrangler ${wranglerVersion} (\`wrangler dev\`, local workerd)`,
      "",
      `| ${"measure".padEnd(width)} | ${"value".padEnd(valueWidth)} |`,
      `| ${"-".repeat(width)} | ${"-".repeat(valueWidth)} |`,
      ...rows.map(([k, v]) => `| ${k.padEnd(width)} | ${v.padEnd(valueWidth)} |`),
      "",
      "session_init: api_key check (D1, cached per isolate), settings (D1), init-code reservation (one Durable",
      "Object per code), session object creation and its D1 row. A chip upload: JWE decrypt (ECDH-ES P-256 +",
      "A256GCM), passive authentication (SOD signature, hashes, DSC → CSCA, CRL, issuing state) and Active",
      "Authentication with a warm trust store, DG1/DG2 parsing, consent, expiry, the lost/stolen lookup (D1), two",
      "encrypted R2 writes and the session object's transitions; no face match. CPU is workerd process time",
      "from /proc (utime + stime) around the measured requests, divided by their number: it includes the local",
      "runtime's own work (D1/SQLite, R2, Durable Objects, the dev router), so it bounds the Worker's CPU from above.",
      '"Verification alone" runs the same code (`@edgekyc/nfc-session/verification`: JWE decrypt, passive and',
      "Active Authentication, parsing, checks) in the benchmark's own V8 with a warm trust store, measured with",
      "process.cpuUsage over 5×M documents: the Worker's CPU for that part, without the platform's I/O.",
      "",
    ].join("\n");
    console.log(`\n${report}`);
    if (values.write) {
      appendBenchmarkReport("nfc-session", report);
    }
  } finally {
    await platform.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}
