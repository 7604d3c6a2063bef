// `npm run kyc -- emrtd <command>`: verify e-passport chip data offline (passive and Active
// Authentication against trust anchors given on the command line), and generate synthetic documents.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import {
  type CheckResult,
  EmrtdError,
  parseTrustAnchorFile,
  type TrustAnchorEntry,
  TrustStore,
  type VerificationReport,
  verifyDocument,
} from "@edgekyc/emrtd";
import {
  createDocument,
  FIXTURE_ALGORITHMS,
  type FixtureAlgorithm,
  type Variant,
} from "@edgekyc/emrtd/testing";

const HELP = `e-passport (ICAO 9303) tools

usage:
  npm run kyc -- emrtd verify [--trust FILE]... [--pin FILE]... [--at DATE|signing] [--mrz] [--json] DOC...
  npm run kyc -- emrtd fixture --out DIR [--algorithm ALG] [--format TD1|TD3] [--variant V] [--aa rsa|ecdsa|none]

verify
  DOC...        one or more documents, each a folder with EF_SOD.bin and the files read from the chip (EF_COM.bin, DG1.bin, DG2.bin, …,
                DG15.bin; AA_CHALLENGE.bin and AA_SIGNATURE.bin for a recorded Active Authentication),
                or an EF.SOD file alone
  --trust FILE  a trust anchor, repeatable: a CSCA certificate (DER or PEM), a CRL, a CSCA master list.
                Certificates given with --trust are also accepted as the pinned root of a master list's signer
  --pin FILE    a root to pin for master-list signers without trusting it as a CSCA
  --at DATE     check validity at this date (ISO 8601) instead of now; "signing" checks it at the SOD's
                signing time (see packages/emrtd/README.md, validity policy)
  --mrz         also print the MRZ fields of DG1 (personal data: only where that is allowed)
  --json        print the full report as JSON
  exit code: 0 every DOC authentic, 1 one is not, 2 bad usage or unreadable input

fixture         writes a synthetic document (and csca.cer, csca.pem, crl.crl beside it) to --out
  --algorithm   ${FIXTURE_ALGORITHMS.join(", ")}
  --variant     valid, tampered-dg, tampered-signature, unlisted-dg, expired, revoked, wrong-anchor
  --aa          Active Authentication key in DG15 (default rsa); writes a recorded challenge and answer

examples:
  npm run kyc -- emrtd fixture --out /tmp/doc --algorithm ecdsa-brainpoolP256r1-sha256
  npm run kyc -- emrtd verify --trust /tmp/doc/csca.cer --trust /tmp/doc/crl.crl /tmp/doc
  npm run kyc -- emrtd verify --trust DE_ML.ml --trust DE_ROOT_CA_CSCA07.cer --at signing sod_FR.bin sod_DE.bin`;

class UsageError extends Error {}

/** A path from the command line: npm/pnpm run from the repo root, so relative paths use the caller's folder. */
function userPath(path: string): string {
  const base = process.env.EDGEKYC_CALLER_CWD ?? process.env.INIT_CWD ?? process.cwd();
  return isAbsolute(path) ? path : resolve(base, path);
}

function readBytes(path: string): Uint8Array {
  const full = userPath(path);
  if (!existsSync(full)) throw new UsageError(`no file ${full}`);
  return new Uint8Array(readFileSync(full));
}

interface DocumentFiles {
  sod: Uint8Array;
  dataGroups: Map<number, Uint8Array>;
  aaChallenge?: Uint8Array;
  aaSignature?: Uint8Array;
}

/** Reads DOC: a folder in the reader layout, or an EF.SOD file alone. */
function readDocument(path: string): DocumentFiles {
  const full = userPath(path);
  if (!existsSync(full)) throw new UsageError(`no document at ${full}`);
  if (!statSync(full).isDirectory())
    return { sod: new Uint8Array(readFileSync(full)), dataGroups: new Map() };
  const files = new Map(readdirSync(full).map((name) => [name.toUpperCase(), join(full, name)]));
  const file = (name: string) => {
    const found = files.get(name) ?? files.get(name.replace(/\.BIN$/, ""));
    return found ? new Uint8Array(readFileSync(found)) : undefined;
  };
  const sod = file("EF_SOD.BIN");
  if (!sod) throw new UsageError(`${full} has no EF_SOD.bin`);
  const dataGroups = new Map<number, Uint8Array>();
  for (let n = 1; n <= 16; n++) {
    const bytes = file(`DG${n}.BIN`);
    if (bytes) dataGroups.set(n, bytes);
  }
  return { sod, dataGroups, aaChallenge: file("AA_CHALLENGE.BIN"), aaSignature: file("AA_SIGNATURE.BIN") };
}

/** Trust anchors from --trust and --pin files: certificates double as pinned roots for master lists. */
async function loadTrust(trust: string[], pin: string[]): Promise<{ store: TrustStore; notes: string[] }> {
  const entries: TrustAnchorEntry[] = [];
  const masterLists: { path: string; bytes: Uint8Array }[] = [];
  const roots = pin.map(readBytes);
  const notes: string[] = [];
  for (const path of trust) {
    const bytes = readBytes(path);
    try {
      const parsed = await parseTrustAnchorFile(bytes);
      entries.push(...parsed.entries);
      for (const entry of parsed.entries) if (entry.kind === "csca") roots.push(entry.der);
      notes.push(
        `${path}: ${parsed.format}, ${parsed.entries.length} entr${parsed.entries.length === 1 ? "y" : "ies"}`,
      );
    } catch (error) {
      if (
        error instanceof EmrtdError &&
        error.code === "untrusted_master_list" &&
        /no pinned root/.test(error.message)
      ) {
        masterLists.push({ path, bytes });
      } else if (error instanceof EmrtdError) {
        throw new UsageError(`${path}: ${error.message}`);
      } else throw error;
    }
  }
  for (const { path, bytes } of masterLists) {
    if (roots.length === 0)
      throw new UsageError(`${path} is a master list: give the root its signer chains to (--trust or --pin)`);
    try {
      const parsed = await parseTrustAnchorFile(bytes, { pinnedRoots: roots });
      entries.push(...parsed.entries);
      notes.push(
        `${path}: master list, ${parsed.entries.length} CSCAs${parsed.warnings.length ? `, ${parsed.warnings.length} skipped` : ""}`,
      );
    } catch (error) {
      if (error instanceof EmrtdError) throw new UsageError(`${path}: ${error.message}`);
      throw error;
    }
  }
  return { store: TrustStore.fromEntries(entries), notes };
}

const MARK: Record<CheckResult["status"], string> = { passed: "✓", failed: "✗", skipped: "-" };

function printReport(report: VerificationReport, showMrz: boolean): void {
  const { sod, dsc, csca } = report;
  console.log(
    `EF.SOD  ${sod.signatureAlgorithm}; data-group hashes ${sod.hashAlgorithm}; lists DG${sod.listedDataGroups.join(", DG")}${sod.signingTime ? `; signed ${sod.signingTime}` : ""}`,
  );
  if (dsc)
    console.log(
      `DSC     ${dsc.subject} (${dsc.key}), serial ${dsc.serial}, valid ${dsc.notBefore.slice(0, 10)}..${dsc.notAfter.slice(0, 10)}`,
    );
  if (csca)
    console.log(
      `CSCA    ${csca.subject} (${csca.key}), valid ${csca.notBefore.slice(0, 10)}..${csca.notAfter.slice(0, 10)}`,
    );
  console.log("checks");
  for (const [name, check] of Object.entries(report.checks))
    console.log(
      `  ${MARK[check.status]} ${name.padEnd(21)} ${check.status === "passed" ? "" : `${check.status}: `}${check.detail}`,
    );
  if (report.dataGroups.length)
    console.log(`data groups  ${report.dataGroups.map((g) => `DG${g.number} ${g.status}`).join(", ")}`);
  if (report.mrz && showMrz) {
    const m = report.mrz;
    console.log(
      `MRZ (${m.format})  ${m.documentCode} ${m.issuingState} ${m.documentNumber}  ${m.lastName}, ${m.firstName}  born ${m.birthDate}  sex ${m.sex}  expires ${m.expirationDate}  check digits ${m.checkDigitsValid ? "valid" : `INVALID (${m.checkDigitErrors.join("; ")})`}`,
    );
  } else if (report.mrz) {
    console.log(
      `MRZ (${report.mrz.format})  issuing state ${report.mrz.issuingState}, check digits ${report.mrz.checkDigitsValid ? "valid" : "INVALID"} (--mrz shows the fields)`,
    );
  }
  console.log(report.authentic ? "result: AUTHENTIC" : "result: NOT AUTHENTIC");
}

async function verify(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      trust: { type: "string", multiple: true, default: [] },
      pin: { type: "string", multiple: true, default: [] },
      at: { type: "string" },
      mrz: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
    },
  });
  if (positionals.length === 0)
    throw new UsageError("give a DOC (a folder or an EF.SOD file); see `npm run kyc -- emrtd help`");
  let now = new Date();
  let validityAt: "now" | "signing-time" = "now";
  if (values.at === "signing") validityAt = "signing-time";
  else if (values.at) {
    now = new Date(values.at);
    if (Number.isNaN(now.getTime()))
      throw new UsageError(`--at takes an ISO 8601 date or "signing", not "${values.at}"`);
  }
  const docs = positionals.map((path) => ({ path, files: readDocument(path) }));
  const { store, notes } = await loadTrust(values.trust, values.pin);
  if (!values.json) for (const note of notes) console.log(`trust   ${note}`);
  if (store.size.cscas === 0) console.error("warning: no CSCA given (--trust): the chain cannot pass");
  let allAuthentic = true;
  const reports: Record<string, VerificationReport> = {};
  for (const { path, files } of docs) {
    let report: VerificationReport;
    try {
      report = await verifyDocument(
        {
          sod: files.sod,
          dataGroups: files.dataGroups,
          aaChallenge: files.aaChallenge,
          aaSignature: files.aaSignature,
        },
        // An EF.SOD alone has no data groups to require; a folder must hold DG1.
        {
          trustStore: store,
          now,
          policy: { validityAt, requiredDataGroups: files.dataGroups.size ? [1] : [] },
        },
      );
    } catch (error) {
      if (error instanceof EmrtdError)
        throw new UsageError(`${path}: the document cannot be read: ${error.message}`);
      throw error;
    }
    allAuthentic &&= report.authentic;
    reports[path] = values.mrz ? report : { ...report, mrz: undefined };
    if (!values.json) {
      if (docs.length > 1) console.log(`\n== ${path}`);
      printReport(report, values.mrz);
    }
  }
  if (values.json)
    console.log(JSON.stringify(docs.length === 1 ? Object.values(reports)[0] : reports, null, 2));
  return allAuthentic ? 0 : 1;
}

async function fixture(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      out: { type: "string" },
      algorithm: { type: "string", default: "rsa-pkcs1-sha256" },
      format: { type: "string", default: "TD3" },
      variant: { type: "string", default: "valid" },
      aa: { type: "string", default: "rsa" },
    },
  });
  if (!values.out) throw new UsageError("give --out DIR");
  if (!FIXTURE_ALGORITHMS.includes(values.algorithm as FixtureAlgorithm))
    throw new UsageError(`--algorithm: one of ${FIXTURE_ALGORITHMS.join(", ")}`);
  if (values.format !== "TD1" && values.format !== "TD3") throw new UsageError("--format: TD1 or TD3");
  const variants = [
    "valid",
    "tampered-dg",
    "tampered-signature",
    "unlisted-dg",
    "expired",
    "revoked",
    "wrong-anchor",
  ];
  if (!variants.includes(values.variant)) throw new UsageError(`--variant: one of ${variants.join(", ")}`);
  if (!["rsa", "ecdsa", "none"].includes(values.aa)) throw new UsageError("--aa: rsa, ecdsa or none");
  const doc = await createDocument({
    algorithm: values.algorithm as FixtureAlgorithm,
    format: values.format,
    variant: values.variant as Variant,
    activeAuthentication: values.aa as "rsa" | "ecdsa" | "none",
    keyOptions: { explicitCurve: values.algorithm.includes("brainpool") },
  });
  const out = userPath(values.out);
  mkdirSync(out, { recursive: true });
  const files: Record<string, Uint8Array | string> = {
    ...doc.files,
    "csca.cer": doc.csca.der,
    "csca.pem": doc.csca.pem,
    "crl.crl": doc.crl,
  };
  if (doc.activeAuthentication) {
    const challenge = crypto.getRandomValues(new Uint8Array(8));
    files["AA_CHALLENGE.bin"] = challenge;
    files["AA_SIGNATURE.bin"] = await doc.activeAuthentication.answer(challenge);
  }
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(out, name), bytes);
  console.log(`wrote ${Object.keys(files).sort().join(", ")} to ${out}`);
  console.log(
    `verify: npm run kyc -- emrtd verify --trust ${join(out, "csca.cer")} --trust ${join(out, "crl.crl")} ${out}`,
  );
  return 0;
}

export async function run(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  try {
    if (command === "verify") return await verify(rest);
    if (command === "fixture") return await fixture(rest);
    console.log(HELP);
    return command === undefined || command === "help" || command === "--help" || command === "-h" ? 0 : 2;
  } catch (error) {
    if (
      error instanceof UsageError ||
      (error as { code?: string }).code === "ERR_PARSE_ARGS_UNKNOWN_OPTION"
    ) {
      console.error(`emrtd: ${(error as Error).message}`);
      return 2;
    }
    throw error;
  }
}
