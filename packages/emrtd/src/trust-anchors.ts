// Importing trust anchors: ICAO/national CSCA master lists (CMS-signed, the signer checked against a
// root the operator pins), single CSCA certificates (DER or PEM) and CRLs. The result is a list of
// plain entries an application can store (e.g. in D1) and later load with TrustStore.fromEntries.
import { type AsnNode, children, decodeDer, tagNumber } from "./asn1.ts";
import { ParsedCertificate } from "./certificate.ts";
import { parseSignedData, type SignerInfoParts } from "./cms.ts";
import { ParsedCrl } from "./crl.ts";
import { digest, equalBytes, toHex } from "./crypto/hash.ts";
import { OID } from "./crypto/oids.ts";
import { signatureScheme } from "./crypto/signature.ts";
import { EmrtdError } from "./errors.ts";

export type TrustAnchorKind = "csca" | "crl";

/** One stored trust anchor. Plain data (strings and bytes) so that it can be kept in a database. */
export interface TrustAnchorEntry {
  kind: TrustAnchorKind;
  /** SHA-256 of `der`, lower-case hex: the entry's identity (deduplication, removal). */
  fingerprint: string;
  /** Country (ISO 3166 alpha-2 as in the certificate's C attribute) of the CSCA / CRL issuer. */
  country: string;
  /** Subject DN of a CSCA, issuer DN of a CRL. */
  subject: string;
  /** SubjectKeyIdentifier of a CSCA, AuthorityKeyIdentifier of a CRL (hex), when present. */
  skid?: string;
  /** CSCA serial number (hex). */
  serial?: string;
  /** CSCA validity; for a CRL thisUpdate and nextUpdate (nextUpdate may be absent). ISO 8601. */
  notBefore: string;
  notAfter?: string;
  /** The certificate or CRL, DER. */
  der: Uint8Array;
  /** Where it came from, e.g. "master list (signer C=DE, …)" or "certificate file". */
  source: string;
}

export interface ParseTrustAnchorOptions {
  /** Certificates (DER or PEM) that a master list's signer must chain to. Required for master lists. */
  pinnedRoots?: Uint8Array[];
  /** Used when a master list's signing time is absent (default: now). */
  now?: Date;
}

export interface ParsedTrustAnchorFile {
  format: "master-list" | "certificate" | "crl" | "pem";
  entries: TrustAnchorEntry[];
  /** Certificates that were skipped (unparsable entries inside an otherwise valid master list). */
  warnings: string[];
}

const MAX_FILE_BYTES = 16 * 1024 * 1024;
const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

/** Certificates and CRLs from PEM text, or undefined when the bytes are not PEM. */
function pemBlocks(bytes: Uint8Array): { label: string; der: Uint8Array }[] | undefined {
  const head = new TextDecoder().decode(bytes.subarray(0, 64)).trimStart();
  if (!head.startsWith("-----BEGIN")) return undefined;
  const text = new TextDecoder().decode(bytes);
  const blocks = [...text.matchAll(PEM_BLOCK)].map((m) => {
    try {
      return {
        label: m[1] as string,
        der: Uint8Array.from(atob((m[2] as string).replace(/\s+/g, "")), (c) => c.charCodeAt(0)),
      };
    } catch {
      throw new EmrtdError("unexpected_structure", `PEM block ${m[1]}: invalid base64`);
    }
  });
  if (blocks.length === 0) throw new EmrtdError("unexpected_structure", "PEM: no complete BEGIN/END block");
  return blocks;
}

/** A certificate from DER or PEM bytes. */
export function certificateFromBytes(bytes: Uint8Array, what = "certificate"): ParsedCertificate {
  const pem = pemBlocks(bytes);
  if (pem) {
    const block = pem.find((b) => b.label === "CERTIFICATE" || b.label === "X509 CERTIFICATE");
    if (!block) throw new EmrtdError("unexpected_structure", `${what}: no CERTIFICATE block in the PEM`);
    return ParsedCertificate.fromDer(block.der, what);
  }
  return ParsedCertificate.fromDer(bytes, what);
}

async function cscaEntry(cert: ParsedCertificate, source: string): Promise<TrustAnchorEntry> {
  return {
    kind: "csca",
    fingerprint: toHex(await digest("SHA-256", cert.der)),
    country: cert.country ?? "",
    subject: cert.subject,
    skid: cert.subjectKeyId,
    serial: cert.serial,
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
    der: cert.der,
    source,
  };
}

async function crlEntry(crl: ParsedCrl, source: string): Promise<TrustAnchorEntry> {
  return {
    kind: "crl",
    fingerprint: toHex(await digest("SHA-256", crl.der)),
    country: crl.country ?? "",
    subject: crl.issuer,
    skid: crl.authorityKeyId,
    notBefore: crl.thisUpdate.toISOString(),
    notAfter: crl.nextUpdate?.toISOString(),
    der: crl.der,
    source,
  };
}

/** Whether a top-level SEQUENCE looks like a CRL (TBSCertList has thisUpdate where a cert has Validity). */
function looksLikeCrl(node: AsnNode): boolean {
  const tbs = children(node)[0];
  if (!tbs) return false;
  const fields = children(tbs);
  const offset =
    fields[0] &&
    tagNumber(fields[0]) === 0x02 &&
    fields[1] &&
    tagNumber(fields[1]) === 0x30 &&
    fields[2] &&
    tagNumber(fields[2]) === 0x30 &&
    fields[3] &&
    tagNumber(fields[3]) !== 0x30
      ? 1
      : 0;
  const time = fields[offset + 2];
  return !!time && (tagNumber(time) === 0x17 || tagNumber(time) === 0x18);
}

/**
 * Parses a trust-anchor file: a CSCA master list (verified against `pinnedRoots`), a CSCA certificate
 * (DER or PEM), a CRL (DER or PEM), or a PEM bundle of those. Throws EmrtdError naming what is wrong.
 */
export async function parseTrustAnchorFile(
  bytes: Uint8Array,
  options: ParseTrustAnchorOptions = {},
): Promise<ParsedTrustAnchorFile> {
  if (bytes.byteLength > MAX_FILE_BYTES)
    throw new EmrtdError(
      "invalid_input",
      `trust-anchor file of ${bytes.byteLength} bytes (at most ${MAX_FILE_BYTES})`,
    );
  const pem = pemBlocks(bytes);
  if (pem) {
    const entries: TrustAnchorEntry[] = [];
    for (const [i, block] of pem.entries()) {
      if (block.label.includes("CRL"))
        entries.push(await crlEntry(ParsedCrl.fromDer(block.der, `PEM block ${i + 1} (CRL)`), "PEM file"));
      else if (block.label.includes("CERTIFICATE"))
        entries.push(await cscaEntry(ParsedCertificate.fromDer(block.der, `PEM block ${i + 1}`), "PEM file"));
      else
        throw new EmrtdError(
          "unexpected_structure",
          `PEM block ${i + 1}: ${block.label} is neither a certificate nor a CRL`,
        );
    }
    return { format: "pem", entries, warnings: [] };
  }
  const root = decodeDer(bytes, "trust-anchor file", { maxNodes: 2_000_000, maxDepth: 40 });
  const first = children(root)[0];
  if (tagNumber(root) === 0x30 && first && tagNumber(first) === 0x06) return parseMasterList(root, options);
  if (tagNumber(root) !== 0x30)
    throw new EmrtdError(
      "unexpected_structure",
      "trust-anchor file: neither a master list, a certificate nor a CRL",
    );
  if (looksLikeCrl(root))
    return { format: "crl", entries: [await crlEntry(ParsedCrl.fromDer(bytes), "CRL file")], warnings: [] };
  return {
    format: "certificate",
    entries: [await cscaEntry(ParsedCertificate.fromNode(root, "certificate file"), "certificate file")],
    warnings: [],
  };
}

function findSigner(certs: ParsedCertificate[], signer: SignerInfoParts): ParsedCertificate | undefined {
  const { sid } = signer;
  if (sid.kind === "subjectKeyIdentifier") return certs.find((c) => c.subjectKeyId === sid.keyId);
  return (
    certs.find((c) => c.serial === sid.serial && equalBytes(c.issuerDer, sid.issuerDer)) ??
    certs.find((c) => c.serial === sid.serial)
  );
}

async function parseMasterList(
  root: AsnNode,
  options: ParseTrustAnchorOptions,
): Promise<ParsedTrustAnchorFile> {
  const signed = parseSignedData(root, "master list");
  if (signed.eContentType !== OID.cscaMasterList) {
    throw new EmrtdError(
      "unexpected_structure",
      `master list: eContentType ${signed.eContentType} is not id-icao-cscaMasterList`,
    );
  }
  if (!options.pinnedRoots?.length) {
    throw new EmrtdError(
      "untrusted_master_list",
      "master list: no pinned root given for its signer (pass the root certificate, e.g. --trust-root / pinnedRoots)",
    );
  }
  const pinned = options.pinnedRoots.map((r, i) => certificateFromBytes(r, `pinned root ${i + 1}`));
  const embedded = signed.certificates.map((node, i) =>
    ParsedCertificate.fromNode(node, `master list signer certificate ${i + 1}`),
  );
  const signer = signed.signers[0] as SignerInfoParts;
  const signerCert = findSigner(embedded, signer);
  if (!signerCert)
    throw new EmrtdError(
      "untrusted_master_list",
      "master list: the signer's certificate is not in the SignedData",
    );
  // 1. The signature over the signed attributes, and messageDigest = H(eContent).
  if (!signer.signedAttrs || !signer.messageDigest)
    throw new EmrtdError("untrusted_master_list", "master list: no signed attributes");
  if (signer.contentType !== signed.eContentType)
    throw new EmrtdError(
      "untrusted_master_list",
      "master list: contentType attribute differs from eContentType",
    );
  if (!equalBytes(signer.messageDigest, await digest(signer.digestHash, signed.eContent))) {
    throw new EmrtdError(
      "untrusted_master_list",
      "master list: messageDigest does not match the content (altered list)",
    );
  }
  const scheme = signatureScheme(
    signer.signatureAlgorithm.oid,
    signer.signatureAlgorithm.params,
    signer.digestHash,
  );
  if (!(await signerCert.key.verify(scheme, signer.signedAttrs, signer.signature))) {
    throw new EmrtdError(
      "untrusted_master_list",
      `master list: signature of ${signerCert.subject} does not verify`,
    );
  }
  // 2. The signer chains (directly or through certificates in the SignedData) to a pinned root.
  const at = signer.signingTime ?? options.now ?? new Date();
  let current = signerCert;
  let anchored = false;
  for (let depth = 0; depth < 4 && !anchored; depth++) {
    const pinnedIssuer = await firstSigner(pinned, current);
    if (pinnedIssuer) {
      anchored = true;
      break;
    }
    const next = await firstSigner(
      embedded.filter((c) => c !== current),
      current,
    );
    if (!next) break;
    current = next;
  }
  if (!anchored)
    throw new EmrtdError(
      "untrusted_master_list",
      `master list: signer ${signerCert.subject} does not chain to a pinned root`,
    );
  if (!signerCert.validAt(at)) {
    throw new EmrtdError(
      "untrusted_master_list",
      `master list: signer certificate not valid at the signing time ${at.toISOString()}`,
    );
  }
  // 3. The list: CscaMasterList ::= SEQUENCE { version INTEGER, certList SET OF Certificate }.
  const list = decodeDer(signed.eContent, "CscaMasterList", { maxNodes: 2_000_000 });
  const certList = children(list)[1];
  if (tagNumber(list) !== 0x30 || !certList || tagNumber(certList) !== 0x31) {
    throw new EmrtdError(
      "unexpected_structure",
      "CscaMasterList: expected SEQUENCE { version, SET OF Certificate }",
    );
  }
  const source = `master list signed by ${signerCert.subject}${signer.signingTime ? ` on ${signer.signingTime.toISOString().slice(0, 10)}` : ""}`;
  const entries: TrustAnchorEntry[] = [];
  const warnings: string[] = [];
  const seen = new Set<string>();
  for (const [i, node] of children(certList).entries()) {
    try {
      const entry = await cscaEntry(
        ParsedCertificate.fromNode(node, `master list certificate ${i + 1}`),
        source,
      );
      if (!seen.has(entry.fingerprint)) entries.push(entry);
      seen.add(entry.fingerprint);
    } catch (error) {
      if (!(error instanceof EmrtdError)) throw error;
      warnings.push(error.message);
    }
  }
  if (entries.length === 0)
    throw new EmrtdError("unexpected_structure", "master list: no usable certificate");
  return { format: "master-list", entries, warnings };
}

async function firstSigner(
  candidates: ParsedCertificate[],
  cert: ParsedCertificate,
): Promise<ParsedCertificate | undefined> {
  for (const candidate of candidates) {
    if (cert.authorityKeyId && candidate.subjectKeyId && cert.authorityKeyId !== candidate.subjectKeyId)
      continue;
    if (await cert.isSignedBy(candidate)) return candidate;
  }
  return undefined;
}
