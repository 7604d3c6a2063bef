// The DocumentVerifier over @edgekyc/emrtd: passive authentication against the trust store, Active
// Authentication against the challenge this server issued, DG1/DG11/DG12 and the DG2 portrait.
import { type CheckResult as EmrtdCheck, EmrtdError, type TrustStore, verifyDocument } from "@edgekyc/emrtd";
import type { CheckResult, ChipInput, ChipVerdict, Dg1Data, DocumentVerifier } from "../domain/document-verifier.ts";

const DG_FILE = /^DG(\d{1,2})$/;

function check(result: EmrtdCheck): CheckResult {
  return result.status === "skipped"
    ? { ran: false, passed: false, detail: result.detail }
    : { ran: true, passed: result.status === "passed", detail: result.status === "failed" ? result.detail : undefined };
}

const FAILED = (detail: string): CheckResult => ({ ran: true, passed: false, detail });
const NOT_RUN = (detail: string): CheckResult => ({ ran: false, passed: false, detail });

const SEX: Record<string, string> = { male: "M", female: "F", unspecified: "X" };

export class EmrtdVerifier implements DocumentVerifier {
  constructor(private readonly trustStore: TrustStore) {}

  async verify(input: ChipInput): Promise<ChipVerdict> {
    const sod = input.files.get("EF_SOD");
    const dataGroups = new Map<number, Uint8Array>();
    for (const [name, bytes] of input.files) {
      const match = DG_FILE.exec(name);
      if (match) dataGroups.set(Number(match[1]), bytes);
    }
    if (!sod) return unreadable("no EF.SOD in the upload");
    let report: Awaited<ReturnType<typeof verifyDocument>>;
    try {
      report = await verifyDocument(
        {
          sod,
          dataGroups,
          ...(input.activeAuthentication
            ? { aaChallenge: input.activeAuthentication.challenge, aaSignature: input.activeAuthentication.signature }
            : {}),
        },
        // A chip with DG15 must prove it is not a clone.
        { trustStore: this.trustStore, now: input.now, policy: { requireActiveAuthentication: true, requiredDataGroups: [1] } },
      );
    } catch (error) {
      if (!(error instanceof EmrtdError)) throw error;
      if (error.code === "unsupported_algorithm") return { ...unreadable(error.message), unsupported: error.message };
      return unreadable(`EF.SOD: ${error.message}`);
    }
    const { checks } = report;
    const signature = check(checks.sodSignature);
    const validity = check(checks.validity);
    const chain = check(checks.chain);
    const mrz = report.mrz;
    const dg1: Dg1Data | null = mrz
      ? {
          documentCode: mrz.documentCode,
          issuingState: mrz.issuingState,
          documentNumber: mrz.documentNumber,
          surname: mrz.lastName,
          givenNames: mrz.firstName,
          nationality: mrz.nationality,
          dateOfBirth: mrz.birthDate,
          sex: SEX[mrz.sex] ?? "X",
          dateOfExpiry: mrz.expirationDate,
          personalNumber: mrz.personalNumber ?? null,
          optionalData: mrz.optionalData ?? null,
          format: mrz.format,
        }
      : null;
    return {
      unsupported: null,
      passive: {
        signature,
        hashes: check(checks.dataGroupHashes),
        // Certificates out of their validity period break the chain of trust: reported as the chain.
        chain: chain.passed && validity.ran && !validity.passed ? { ...validity } : chain,
        noTrustAnchor: checks.chain.status === "failed" && /^no CSCA /.test(checks.chain.detail),
        crl: check(checks.crl),
        issuingState: check(checks.issuingState),
      },
      activeAuthentication: check(checks.activeAuthentication),
      dg1,
      dg11: null,
      dg12: null,
      portrait: null,
    };
  }
}

function unreadable(detail: string): ChipVerdict {
  return {
    unsupported: null,
    passive: {
      signature: FAILED(detail),
      hashes: NOT_RUN("EF.SOD unreadable"),
      chain: NOT_RUN("EF.SOD unreadable"),
      noTrustAnchor: false,
      crl: NOT_RUN("EF.SOD unreadable"),
      issuingState: NOT_RUN("EF.SOD unreadable"),
    },
    activeAuthentication: NOT_RUN("EF.SOD unreadable"),
    dg1: null,
    dg11: null,
    dg12: null,
    portrait: null,
  };
}
