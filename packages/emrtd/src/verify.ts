// Document verification: passive authentication (SOD signature, data-group hashes, DSC → CSCA chain,
// CRL, validity, issuing state) and Active Authentication, each reported on its own.
import { verifyActiveAuthentication } from "./active-auth.ts";
import { ParsedCertificate } from "./certificate.ts";
import type { SignerInfoParts } from "./cms.ts";
import { stateMatches } from "./countries.ts";
import { digest, equalBytes } from "./crypto/hash.ts";
import { describeScheme, signatureScheme } from "./crypto/signature.ts";
import { EmrtdError } from "./errors.ts";
import { type Dg1, parseDg1 } from "./lds/dg1.ts";
import { parseSod, type SecurityObject } from "./sod.ts";
import type { TrustStore } from "./trust-store.ts";

export type CheckStatus = "passed" | "failed" | "skipped";

export interface CheckResult {
  status: CheckStatus;
  detail: string;
}

export interface VerificationPolicy {
  /**
   * Which date the DSC's and CSCA's validity periods are checked against: "now" (the verification
   * time, ICAO 9303-12's model: a DSC's validity covers the documents it signed) or "signing-time"
   * (the SOD's signingTime attribute, else the DSC's notBefore: only that the keys were valid when the
   * document was made). Default "now".
   */
  validityAt: "now" | "signing-time";
  /** Data groups that must be present and hashed; default [1] (the MRZ). */
  requiredDataGroups: number[];
  /** Fail when DG15 is listed but no Active Authentication answer is verified. Default false. */
  requireActiveAuthentication: boolean;
  /** Fail when no CRL of the issuing CSCA is in the trust store. Default false (reported "skipped"). */
  requireCrl: boolean;
  /** Require the anchoring CSCA's country to match the issuing state. Default true. */
  requireIssuingStateMatch: boolean;
}

export const DEFAULT_POLICY: VerificationPolicy = {
  validityAt: "now",
  requiredDataGroups: [1],
  requireActiveAuthentication: false,
  requireCrl: false,
  requireIssuingStateMatch: true,
};

export interface DocumentInput {
  /** EF.SOD as read from the chip. */
  sod: Uint8Array;
  /** Data-group files as read (tag and length included), by number. */
  dataGroups?: Record<number, Uint8Array> | Map<number, Uint8Array>;
  /** The challenge the server issued for Active Authentication, and the chip's answer. */
  aaChallenge?: Uint8Array;
  aaSignature?: Uint8Array;
}

export interface VerifyOptions {
  trustStore: TrustStore;
  now?: Date;
  policy?: Partial<VerificationPolicy>;
}

export interface CertificateSummary {
  subject: string;
  issuer: string;
  country?: string;
  serial: string;
  notBefore: string;
  notAfter: string;
  key: string;
  fingerprint?: string;
}

export interface VerificationReport {
  /** True when every check passed or was legitimately skipped under the policy. */
  authentic: boolean;
  checks: {
    sodSignature: CheckResult;
    dataGroupHashes: CheckResult;
    chain: CheckResult;
    crl: CheckResult;
    validity: CheckResult;
    issuingState: CheckResult;
    activeAuthentication: CheckResult;
  };
  dataGroups: { number: number; status: "passed" | "failed" | "not-listed" | "not-read" }[];
  sod: {
    hashAlgorithm: string;
    digestAlgorithm: string;
    signatureAlgorithm: string;
    ldsVersion?: string;
    signingTime?: string;
    listedDataGroups: number[];
  };
  dsc?: CertificateSummary;
  csca?: CertificateSummary;
  /** DG1 when given and parsable. */
  mrz?: Dg1;
  /** The date the validity checks used. */
  checkedAt: string;
}

function summary(cert: ParsedCertificate, fingerprint?: string): CertificateSummary {
  let key: string;
  try {
    key = cert.key.describe();
  } catch (error) {
    key = `unusable key (${(error as Error).message})`;
  }
  return {
    subject: cert.subject,
    issuer: cert.issuer,
    country: cert.country,
    serial: cert.serial,
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
    key,
    fingerprint,
  };
}

function findDsc(sod: SecurityObject, signer: SignerInfoParts) {
  const { sid } = signer;
  const nodes = sod.signedData.certificates;
  if (nodes.length === 0)
    throw new EmrtdError("unexpected_structure", "EF.SOD: no document signer certificate in the SignedData");
  if (nodes.length === 1) return nodes[0];
  const parsed = nodes.map((n, i) => ({
    node: n,
    cert: ParsedCertificate.fromNode(n, `EF.SOD certificate ${i + 1}`),
  }));
  const match =
    sid.kind === "subjectKeyIdentifier"
      ? parsed.find((p) => p.cert.subjectKeyId === sid.keyId)
      : (parsed.find((p) => p.cert.serial === sid.serial && equalBytes(p.cert.issuerDer, sid.issuerDer)) ??
        parsed.find((p) => p.cert.serial === sid.serial));
  if (!match)
    throw new EmrtdError("unexpected_structure", "EF.SOD: no certificate matches the signerInfo's sid");
  return match.node;
}

/** Verifies a document. Throws EmrtdError only when EF.SOD itself cannot be read; otherwise reports. */
export async function verifyDocument(
  input: DocumentInput,
  options: VerifyOptions,
): Promise<VerificationReport> {
  const policy = { ...DEFAULT_POLICY, ...options.policy };
  const now = options.now ?? new Date();
  const sod = parseSod(input.sod);
  const signer = sod.signer;
  const dscNode = findDsc(sod, signer);
  if (!dscNode) throw new EmrtdError("unexpected_structure", "EF.SOD: no document signer certificate");
  const dscDer = new Uint8Array(dscNode.valueBeforeDecodeView);
  const { dsc, fingerprint } = await options.trustStore.dscFor(dscDer, () =>
    ParsedCertificate.fromNode(dscNode, "document signer certificate"),
  );
  const groups =
    input.dataGroups instanceof Map
      ? input.dataGroups
      : new Map(Object.entries(input.dataGroups ?? {}).map(([k, v]) => [Number(k), v]));

  // 1. The SOD signature: contentType and messageDigest attributes, then the signature itself.
  const scheme = (() => {
    try {
      return signatureScheme(
        signer.signatureAlgorithm.oid,
        signer.signatureAlgorithm.params,
        signer.digestHash,
      );
    } catch (error) {
      if (error instanceof EmrtdError) return error;
      throw error;
    }
  })();
  let sodSignature: CheckResult;
  if (scheme instanceof EmrtdError) sodSignature = { status: "failed", detail: scheme.message };
  else if (!signer.signedAttrs || !signer.messageDigest)
    sodSignature = { status: "failed", detail: "no signed attributes with a messageDigest" };
  else if (signer.contentType !== sod.signedData.eContentType) {
    sodSignature = {
      status: "failed",
      detail: `contentType attribute ${signer.contentType} differs from eContentType ${sod.signedData.eContentType}`,
    };
  } else if (!equalBytes(signer.messageDigest, await digest(signer.digestHash, sod.signedData.eContent))) {
    sodSignature = {
      status: "failed",
      detail: `messageDigest is not the ${signer.digestHash} of the LDS security object (altered SOD)`,
    };
  } else {
    let valid = false;
    let problem = "";
    try {
      valid = await dsc.key.verify(scheme, signer.signedAttrs, signer.signature);
    } catch (error) {
      if (!(error instanceof EmrtdError)) throw error;
      problem = `: ${error.message}`;
    }
    sodSignature = valid
      ? { status: "passed", detail: `${describeScheme(scheme)} by ${safeKey(dsc)}` }
      : { status: "failed", detail: `${describeScheme(scheme)} signature does not verify${problem}` };
  }

  // 2. Data-group hashes: each received file must be listed and match; required ones must be there.
  const dataGroups: VerificationReport["dataGroups"] = [];
  const problems: string[] = [];
  for (const [number, bytes] of [...groups].sort((a, b) => a[0] - b[0])) {
    const expected = sod.dataGroupHashes.get(number);
    if (!expected) {
      dataGroups.push({ number, status: "not-listed" });
      problems.push(`DG${number} is not listed in the SOD`);
    } else if (equalBytes(await digest(sod.hashAlgorithm, bytes), expected)) {
      dataGroups.push({ number, status: "passed" });
    } else {
      dataGroups.push({ number, status: "failed" });
      problems.push(`DG${number} hash mismatch`);
    }
  }
  for (const number of sod.dataGroupHashes.keys())
    if (!groups.has(number)) dataGroups.push({ number, status: "not-read" });
  dataGroups.sort((a, b) => a.number - b.number);
  for (const required of policy.requiredDataGroups)
    if (!groups.has(required)) problems.push(`DG${required} is required but was not given`);
  const dataGroupHashes: CheckResult =
    problems.length > 0
      ? { status: "failed", detail: problems.join("; ") }
      : groups.size === 0
        ? { status: "skipped", detail: "no data groups given (EF.SOD only)" }
        : { status: "passed", detail: `${groups.size} data group(s) match their ${sod.hashAlgorithm} hash` };

  // 3. Chain: the DSC's signature by a CSCA of the trust store (cached per DSC and store).
  const found = await options.trustStore.chain(dsc, fingerprint);
  const csca = found.csca;
  const chain: CheckResult = csca
    ? { status: "passed", detail: `DSC signed by CSCA ${csca.subject} (${safeKey(csca)})` }
    : { status: "failed", detail: found.reason ?? "no trusted CSCA signed the DSC" };

  // 4. Validity of DSC and CSCA at the policy's date.
  const at = policy.validityAt === "now" ? now : (signer.signingTime ?? dsc.notBefore);
  const atText = `${at.toISOString()} (${policy.validityAt === "now" ? "verification time" : signer.signingTime ? "SOD signing time" : "DSC notBefore"})`;
  const expired: string[] = [];
  if (!dsc.validAt(at)) expired.push(`DSC valid ${day(dsc.notBefore)}..${day(dsc.notAfter)}`);
  if (csca && !csca.validAt(at)) expired.push(`CSCA valid ${day(csca.notBefore)}..${day(csca.notAfter)}`);
  if (signer.signingTime && !dsc.validAt(signer.signingTime))
    expired.push(`SOD signed ${day(signer.signingTime)} outside the DSC's validity`);
  const validity: CheckResult = expired.length
    ? { status: "failed", detail: `not valid at ${atText}: ${expired.join("; ")}` }
    : { status: "passed", detail: `DSC${csca ? " and CSCA" : ""} valid at ${atText}` };

  // 5. Revocation.
  let crl: CheckResult = { status: "skipped", detail: "no anchoring CSCA" };
  if (csca) {
    crl = await options.trustStore.revocation(dsc, csca, now);
    if (crl.status === "skipped" && policy.requireCrl)
      crl = { status: "failed", detail: `${crl.detail} (the policy requires one)` };
  }

  // 6. Issuing state: DG1's issuing state (else the DSC's country) must be the CSCA's country.
  let mrz: Dg1 | undefined;
  let mrzProblem: string | undefined;
  const dg1 = groups.get(1);
  if (dg1) {
    try {
      mrz = parseDg1(dg1);
    } catch (error) {
      if (!(error instanceof EmrtdError)) throw error;
      mrzProblem = error.message;
    }
  }
  let issuingState: CheckResult;
  const state = mrz?.issuingState ?? (mrzProblem ? undefined : dsc.country);
  if (!csca) issuingState = { status: "skipped", detail: "no anchoring CSCA" };
  else if (!state)
    issuingState = {
      status: "failed",
      detail: mrzProblem ? `DG1 unreadable: ${mrzProblem}` : "no issuing state (no DG1, DSC without country)",
    };
  else if (!csca.country) issuingState = { status: "failed", detail: "the CSCA has no country" };
  else if (stateMatches(state, csca.country) && (!dsc.country || dsc.country === csca.country)) {
    issuingState = {
      status: "passed",
      detail: `issuing state ${state}${mrz ? " (DG1)" : " (DSC)"} matches CSCA country ${csca.country}`,
    };
  } else {
    issuingState = {
      status: policy.requireIssuingStateMatch ? "failed" : "skipped",
      detail: `issuing state ${state}${mrz ? " (DG1)" : " (DSC)"}, DSC country ${dsc.country ?? "?"}, CSCA country ${csca.country}: a CSCA vouches only for its own state`,
    };
  }

  // 7. Active Authentication (meaningful only with a DG15 that passed its hash check).
  const activeAuthentication = await checkActiveAuthentication(input, groups, sod, dataGroups, policy);

  const checks = { sodSignature, dataGroupHashes, chain, crl, validity, issuingState, activeAuthentication };
  const authentic =
    Object.values(checks).every((c) => c.status !== "failed") &&
    sodSignature.status === "passed" &&
    chain.status === "passed";
  return {
    authentic,
    checks,
    dataGroups,
    sod: {
      hashAlgorithm: sod.hashAlgorithm,
      digestAlgorithm: signer.digestHash,
      signatureAlgorithm:
        scheme instanceof EmrtdError ? signer.signatureAlgorithm.oid : describeScheme(scheme),
      ldsVersion: sod.ldsVersion,
      signingTime: signer.signingTime?.toISOString(),
      listedDataGroups: [...sod.dataGroupHashes.keys()].sort((a, b) => a - b),
    },
    dsc: summary(dsc, fingerprint),
    csca: csca ? summary(csca, found.cscaEntry?.fingerprint) : undefined,
    mrz,
    checkedAt: at.toISOString(),
  };
}

async function checkActiveAuthentication(
  input: DocumentInput,
  groups: Map<number, Uint8Array>,
  sod: SecurityObject,
  dataGroups: VerificationReport["dataGroups"],
  policy: VerificationPolicy,
): Promise<CheckResult> {
  const listed = sod.dataGroupHashes.has(15);
  const dg15 = groups.get(15);
  const missing = (detail: string): CheckResult => ({
    status: policy.requireActiveAuthentication && listed ? "failed" : "skipped",
    detail,
  });
  if (!listed) return { status: "skipped", detail: "the document has no DG15 (no Active Authentication)" };
  if (!dg15) return missing("DG15 is listed but was not given");
  if (dataGroups.find((g) => g.number === 15)?.status !== "passed")
    return { status: "failed", detail: "DG15 failed passive authentication" };
  if (!input.aaChallenge || !input.aaSignature) return missing("no challenge answered by the chip");
  try {
    const result = await verifyActiveAuthentication(dg15, input.aaChallenge, input.aaSignature);
    return { status: result.valid ? "passed" : "failed", detail: result.detail };
  } catch (error) {
    if (!(error instanceof EmrtdError)) throw error;
    return { status: "failed", detail: error.message };
  }
}

function safeKey(cert: ParsedCertificate): string {
  try {
    return cert.key.describe();
  } catch {
    return "unusable key";
  }
}

const day = (date: Date) => date.toISOString().slice(0, 10);
