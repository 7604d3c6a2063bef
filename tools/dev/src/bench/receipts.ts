// `npm run bench -- receipts [--count N] [--write]`: CPU time per receipt operation of @edgekyc/receipts —
// issuing (what the receipts Worker signs per final result), a selective presentation with key binding,
// verification with and without the holder's key binding, and signing one status list — with the rate
// one core sustains. Measured in Node's WebCrypto (the Worker uses workerd's; both are BoringSSL/OpenSSL
// ES256), so these are the cryptography's and the library's cost, not the Worker's D1/R2/queue I/O.
import { cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";
import {
  generateIssuerJwk,
  IssuerKeyRing,
  issueReceipt,
  presentReceipt,
  type ReceiptContent,
  STATUS_LIST_SIZE,
  signStatusList,
  verifyReceipt,
} from "@edgekyc/receipts";
import { appendBenchmarkReport } from "../bench-results.ts";

interface Row {
  operation: string;
  count: number;
  cpuMsPerOp: number;
  wallMsPerOp: number;
  perSecond: number;
}

async function measure(operation: string, count: number, op: (i: number) => Promise<unknown>): Promise<Row> {
  for (let i = 0; i < Math.min(20, count); i++) await op(i); // warm-up: JIT, key imports
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < count; i++) await op(i);
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  return {
    operation,
    count,
    cpuMsPerOp: cpuMs / count,
    wallMsPerOp: wall / count,
    perSecond: count / (cpuMs / 1000),
  };
}

/** A receipt of nfc-session's shape: DG1 fields and derived ages disclosable, the checks always shown. */
function nfcContent(i: number, holderKey: ReceiptContent["holderKey"]): ReceiptContent {
  return {
    id: `rct_bench_${i}`,
    issuer: "https://kyc.example.com/receipts",
    vct: "https://kyc.example.com/receipts/vct/nfc-session/v1",
    capability: "nfc-session",
    method: "nfc.chip.passive_active.face",
    outcome: "passed",
    verifiedAt: "2026-12-02T10:00:00Z",
    assurance: { level: "high", summary: "chip data signed by a trusted CSCA, active authentication passed" },
    partnerReference: `ref-${i}`,
    claims: {
      checks: { signature: true, hashes: true, chain: true, crl: true, active_authentication: true },
      face_match: { passed: true, confidence: 91 },
      liveness: { passed: true, confidence: 88 },
    },
    disclosable: {
      family_name: "MUSTERMANN",
      given_name: "ERIKA",
      document_number: "C01X00T47",
      nationality: "DEU",
      birth_date: "1964-08-12",
      expiry_date: "2031-10-31",
      sex: "F",
      issuing_state: "DEU",
      age_over_18: true,
      age_over_21: true,
    },
    holderKey,
    status: { idx: i % STATUS_LIST_SIZE, uri: "https://kyc.example.com/receipts/statuslists/0" },
    issuedAt: 1_796_205_600,
    decoys: 3,
  };
}

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { count: { type: "string", default: "500" }, write: { type: "boolean", default: false } },
  });
  const count = Number(values.count);
  if (!Number.isInteger(count) || count < 1) throw new Error("--count must be a positive integer");

  const ring = await IssuerKeyRing.fromJwks(JSON.stringify({ keys: [await generateIssuerJwk("bench-1")] }));
  const holder = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign"]);
  const jwkOf = async (key: CryptoKey) => {
    const { key_ops: _ops, ext: _ext, ...jwk } = await crypto.subtle.exportKey("jwk", key);
    return jwk as { kty: string; crv: string; x: string; y: string; d?: string };
  };
  const holderPublic = await jwkOf(holder.publicKey);
  const holderPrivate = await jwkOf(holder.privateKey);
  const bound = await issueReceipt(ring.signing, nfcContent(0, { ...holderPublic, kty: "EC" }));
  const unbound = await issueReceipt(ring.signing, nfcContent(1, undefined));
  const presentation = (i: number) =>
    presentReceipt(bound, {
      disclose: ["age_over_18", "issuing_state"],
      holderKey: holderPrivate,
      audience: "https://verifier.example",
      nonce: `n-${i}`,
      now: 1_796_205_700,
    });
  const presented = await presentation(0);
  const verifyOptions = { jwks: ring.jwks, audience: "https://verifier.example", now: 1_796_205_700 };
  const invalid = Array.from({ length: 1000 }, (_, i) => i * 97);

  const rows = [
    await measure("issue (10 disclosable claims, 3 decoys, cnf)", count, (i) =>
      issueReceipt(ring.signing, nfcContent(i, { ...holderPublic, kty: "EC" })),
    ),
    await measure("present 2 claims + key-binding JWT", count, presentation),
    await measure("verify a presentation (signature, digests, KB-JWT)", count, () =>
      verifyReceipt(presented, { ...verifyOptions, nonce: "n-0" }),
    ),
    await measure("verify a receipt without cnf, every disclosure", count, () =>
      verifyReceipt(unbound, { jwks: ring.jwks, now: 1_796_205_700 }),
    ),
    await measure(
      `sign a status list (${STATUS_LIST_SIZE} entries, 1000 revoked)`,
      Math.max(5, count / 50),
      () =>
        signStatusList(ring.signing, {
          uri: "https://kyc.example.com/receipts/statuslists/0",
          invalid,
          issuedAt: 1_796_205_600,
          ttlSeconds: 300,
        }),
    ),
  ];

  const command = `npm run bench -- receipts --count ${count}${values.write ? " --write" : ""}`;
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, Node ${process.version}, load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`;
  const table = [
    `### ${new Date().toISOString()}`,
    "",
    `\`${command}\` — ${machine}`,
    "",
    "| operation | ops | CPU ms/op | wall ms/op | ops/s per core |",
    "|---|---:|---:|---:|---:|",
    ...rows.map(
      (r) =>
        `| ${r.operation} | ${r.count} | ${r.cpuMsPerOp.toFixed(3)} | ${r.wallMsPerOp.toFixed(3)} | ${Math.round(r.perSecond)} |`,
    ),
    "",
  ].join("\n");
  console.log(table);
  if (values.write) appendBenchmarkReport("receipts", table);
}
