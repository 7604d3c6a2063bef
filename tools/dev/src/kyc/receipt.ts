// `npm run kyc -- receipt <command>`: verify a verification receipt (SD-JWT VC) or a presentation of
// one, derive a presentation that discloses only chosen claims, and make keys.
import { readFileSync, writeFileSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { parseArgs } from "node:util";
import {
  generateIssuerJwk,
  PresentationError,
  presentReceipt,
  ReceiptVerificationError,
  type VerifiedReceipt,
  verifyReceipt,
} from "@edgekyc/receipts";

const HELP = `verification receipts (SD-JWT VC)

usage:
  npm run kyc -- receipt verify FILE [--issuer URL | --jwks FILE] [--status-list FILE]... [--aud AUD] [--nonce NONCE] [--json]
  npm run kyc -- receipt present FILE --disclose NAME,NAME [--holder-key FILE --aud AUD --nonce NONCE] [--out FILE]
  npm run kyc -- receipt keygen KID [--public]

verify          checks the issuer's signature (by kid), every disclosure against its signed digest, the key
                binding (required when the receipt names a holder key, cnf) and the status list entry; prints
                the claims. Exit 0 valid, 1 not valid (the reason is printed), 2 bad usage or unreadable input
  FILE          a receipt as fetched (issuer JWT~disclosures~) or a presentation (…~KB-JWT)
  --issuer URL  the issuer to trust (e.g. http://127.0.0.1:8787/receipts): its JWKS comes from
                /.well-known/jwt-vc-issuer/<path>, status lists are fetched. Default: the receipt's own iss
  --jwks FILE   offline: the issuer's JWKS ({"keys":[…]}) or saved issuer metadata ({"issuer","jwks"}).
                Nothing is fetched; the status is checked only against --status-list files
  --status-list FILE  a saved status list token (application/statuslist+jwt), repeatable, for offline checks
  --aud, --nonce      what the key-binding JWT must say (the verifier's own identifier and challenge)

present         writes a presentation revealing only --disclose (comma-separated claim names) to stdout or --out
  --holder-key FILE   the holder's private JWK: adds the key-binding JWT a holder-bound receipt needs

keygen          prints a new EC P-256 private JWK set: a RECEIPT_SIGNING_KEYS value (put the new key first to
                rotate, keep the old ones), or a holder key for tests. --public prints its public JWK as well

examples:
  npm run kyc -- receipt verify receipt.txt --issuer http://127.0.0.1:8787/receipts
  npm run kyc -- receipt present receipt.txt --disclose age_over_18,issuing_state --out presentation.txt
  npm run kyc -- receipt verify presentation.txt --jwks issuer-metadata.json`;

class UsageError extends Error {}

/** npm runs from the repo root; relative paths are the caller's. */
function userPath(path: string): string {
  const base = process.env.EDGEKYC_CALLER_CWD ?? process.env.INIT_CWD ?? process.cwd();
  return isAbsolute(path) ? path : resolve(base, path);
}

function readText(path: string): string {
  try {
    return readFileSync(userPath(path), "utf8").trim();
  } catch (error) {
    throw new UsageError(
      `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readText(path));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${path} is not JSON`);
  }
}

/** The metadata URL of an issuer identifier (the SD-JWT VC draft inserts the well-known segment). */
function metadataUrl(issuer: string): string {
  const url = new URL(issuer);
  const path = url.pathname.replace(/\/+$/, "");
  return `${url.origin}/.well-known/jwt-vc-issuer${path}`;
}

async function fetchText(url: string, accept: string): Promise<string> {
  const res = await fetch(url, { headers: { accept }, signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new ReceiptVerificationError(`${url} answered HTTP ${res.status}`);
  return res.text();
}

function issuerOf(receipt: string): string {
  try {
    const payload = JSON.parse(Buffer.from(receipt.split(".")[1] ?? "", "base64url").toString("utf8"));
    if (typeof payload.iss === "string") return payload.iss;
  } catch {
    // reported below
  }
  throw new UsageError("the receipt has no readable iss; pass --issuer URL or --jwks FILE");
}

function statusListSubject(token: string): string | undefined {
  try {
    return JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8")).sub;
  } catch {
    return undefined;
  }
}

async function verify(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      issuer: { type: "string" },
      jwks: { type: "string" },
      "status-list": { type: "string", multiple: true },
      aud: { type: "string" },
      nonce: { type: "string" },
      json: { type: "boolean" },
    },
  });
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new UsageError("verify takes one FILE");
  if (values.issuer && values.jwks) throw new UsageError("give --issuer or --jwks, not both");
  const receipt = readText(file);
  let jwks: { keys: [] };
  let issuer: string | undefined;
  const savedLists = (values["status-list"] ?? []).map(readText);
  let fetchStatusList: ((uri: string) => Promise<string>) | undefined;
  let statusNote = "";
  if (values.jwks) {
    const loaded = readJson(values.jwks) as { keys?: unknown; jwks?: { keys?: unknown }; issuer?: unknown };
    const keys = loaded.keys ?? loaded.jwks?.keys;
    if (!Array.isArray(keys)) throw new UsageError(`${values.jwks} holds no JWKS ({"keys":[…]})`);
    jwks = { keys: keys as [] };
    if (typeof loaded.issuer === "string") issuer = loaded.issuer;
    if (savedLists.length === 0) statusNote = " (offline: pass --status-list FILE to check it)";
  } else {
    issuer = values.issuer?.replace(/\/+$/, "") ?? issuerOf(receipt);
    const metadata = JSON.parse(await fetchText(metadataUrl(issuer), "application/json")) as {
      issuer?: string;
      jwks?: { keys: [] };
    };
    if (metadata.issuer !== issuer) {
      throw new ReceiptVerificationError(`issuer metadata names ${metadata.issuer}, not ${issuer}`);
    }
    if (!metadata.jwks) throw new ReceiptVerificationError("issuer metadata has no jwks");
    jwks = metadata.jwks;
    fetchStatusList = (uri) => fetchText(uri, "application/statuslist+jwt");
  }
  if (savedLists.length > 0) {
    fetchStatusList = async (uri) => {
      const saved = savedLists.find((token) => statusListSubject(token) === uri);
      if (!saved) throw new ReceiptVerificationError(`no --status-list file is the list ${uri}`);
      return saved;
    };
  }
  const result = await verifyReceipt(receipt, {
    jwks,
    ...(issuer ? { issuer } : {}),
    ...(fetchStatusList ? { fetchStatusList } : {}),
    ...(values.aud ? { audience: values.aud } : {}),
    ...(values.nonce ? { nonce: values.nonce } : {}),
  });
  print(result, statusNote, values.json ?? false);
  return 0;
}

const REGISTERED = new Set(["iss", "iat", "nbf", "exp", "vct", "cnf", "status", "_sd", "_sd_alg"]);

function print(result: VerifiedReceipt, statusNote: string, json: boolean): void {
  if (json) {
    console.log(JSON.stringify(result, null, 2));
    return;
  }
  const { claims } = result;
  console.log("receipt valid");
  console.log(`  issuer        ${String(claims.iss)} (key ${String(result.header.kid)})`);
  console.log(`  type          ${String(claims.vct)}`);
  console.log(`  issued        ${new Date(Number(claims.iat) * 1000).toISOString()}`);
  console.log(`  status        ${result.status}${result.status === "unchecked" ? statusNote : ""}`);
  console.log(
    `  key binding   ${result.keyBinding ? `holder-signed for ${result.keyBinding.aud}, nonce ${result.keyBinding.nonce}` : claims.cnf ? "required (missing)" : "not bound to a holder"}`,
  );
  console.log(`  disclosed     ${result.disclosed.length > 0 ? result.disclosed.join(", ") : "(none)"}`);
  console.log("claims:");
  for (const [name, value] of Object.entries(claims)) {
    if (!REGISTERED.has(name)) console.log(`  ${name}: ${JSON.stringify(value)}`);
  }
}

async function present(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      disclose: { type: "string" },
      "holder-key": { type: "string" },
      aud: { type: "string" },
      nonce: { type: "string" },
      out: { type: "string" },
    },
  });
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new UsageError("present takes one FILE");
  if (values.disclose === undefined)
    throw new UsageError("--disclose NAME,NAME is required (may be empty: --disclose '')");
  const disclose = values.disclose
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  const presentation = await presentReceipt(readText(file), {
    disclose,
    ...(values["holder-key"] ? { holderKey: readJson(values["holder-key"]) as JsonWebKey } : {}),
    ...(values.aud ? { audience: values.aud } : {}),
    ...(values.nonce ? { nonce: values.nonce } : {}),
  });
  if (values.out) writeFileSync(userPath(values.out), `${presentation}\n`);
  else console.log(presentation);
  return 0;
}

async function keygen(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { public: { type: "boolean" } },
  });
  const [kid, ...extra] = positionals;
  if (!kid || extra.length > 0 || !/^[A-Za-z0-9_.:-]{1,64}$/.test(kid)) {
    throw new UsageError("keygen takes one KID (1-64 of A-Z a-z 0-9 _ . : -)");
  }
  const jwk = await generateIssuerJwk(kid);
  console.log(JSON.stringify({ keys: [jwk] }));
  if (values.public) {
    const { d: _private, ...publicJwk } = jwk;
    console.log(JSON.stringify(publicJwk));
  }
  return 0;
}

export async function run(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  try {
    switch (command) {
      case "verify":
        return await verify(rest);
      case "present":
        return await present(rest);
      case "keygen":
        return await keygen(rest);
      case undefined:
      case "help":
      case "--help":
        console.log(HELP);
        return 0;
      default:
        throw new UsageError(`unknown command ${command}`);
    }
  } catch (error) {
    if (error instanceof ReceiptVerificationError) {
      console.error(`receipt NOT valid: ${error.message}`);
      return 1;
    }
    if (
      error instanceof UsageError ||
      error instanceof PresentationError ||
      (error as Error).name === "TypeError"
    ) {
      console.error(`${(error as Error).message}\n\nrun: npm run kyc -- receipt help`);
      return 2;
    }
    console.error(`error: ${(error as Error).message}`);
    return 2;
  }
}
