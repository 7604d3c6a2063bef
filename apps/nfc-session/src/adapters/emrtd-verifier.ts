// The DocumentVerifier over @edgekyc/emrtd: passive authentication against the trust store, Active
// Authentication against the challenge this server issued, DG1/DG11/DG12 and the DG2 portrait.
import {
  type CheckResult as EmrtdCheck,
  EmrtdError,
  parseDg2,
  parseDg11,
  parseDg12,
  type TrustStore,
  verifyDocument,
} from "@edgekyc/emrtd";
import type {
  CheckResult,
  ChipInput,
  ChipVerdict,
  Dg1Data,
  DocumentVerifier,
} from "../domain/document-verifier.ts";

const DG_FILE = /^DG(\d{1,2})$/;

function check(result: EmrtdCheck): CheckResult {
  return result.status === "skipped"
    ? { ran: false, passed: false, detail: result.detail }
    : {
        ran: true,
        passed: result.status === "passed",
        detail: result.status === "failed" ? result.detail : undefined,
      };
}

const FAILED = (detail: string): CheckResult => ({ ran: true, passed: false, detail });
const NOT_RUN = (detail: string): CheckResult => ({ ran: false, passed: false, detail });

const SEX: Record<string, string> = { male: "M", female: "F", unspecified: "X" };

export class EmrtdVerifier implements DocumentVerifier {
  // No parameter properties: the benchmark runs this module in Node with type stripping.
  private readonly trustStore: TrustStore;
  constructor(trustStore: TrustStore) {
    this.trustStore = trustStore;
  }

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
            ? {
                aaChallenge: input.activeAuthentication.challenge,
                aaSignature: input.activeAuthentication.signature,
              }
            : {}),
        },
        // A chip with DG15 must prove it is not a clone.
        {
          trustStore: this.trustStore,
          now: input.now,
          policy: { requireActiveAuthentication: true, requiredDataGroups: [1] },
        },
      );
    } catch (error) {
      if (!(error instanceof EmrtdError)) throw error;
      if (error.code === "unsupported_algorithm")
        return { ...unreadable(error.message), unsupported: error.message };
      return unreadable(`EF.SOD: ${error.message}`);
    }
    const { checks } = report;
    // Data beyond DG1 is used only when its hash in the signed SOD matched.
    const passed = (number: number) =>
      dataGroups.has(number) &&
      report.dataGroups.some((group) => group.number === number && group.status === "passed");
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
      dg11: passed(11) ? snakeCase(optional(() => parseDg11(dataGroups.get(11) as Uint8Array))) : null,
      dg12: passed(12) ? snakeCase(optional(() => parseDg12(dataGroups.get(12) as Uint8Array))) : null,
      portrait: passed(2) ? portraitOf(dataGroups.get(2) as Uint8Array) : null,
    };
  }
}

/** The first face image of DG2; null when it holds none this app can use. */
function portraitOf(dg2: Uint8Array): ChipVerdict["portrait"] {
  const image = optional(() => parseDg2(dg2))?.[0];
  return image ? { bytes: image.bytes, mediaType: image.mimeType } : null;
}

/** A data group that is optional to the result: unreadable means absent, not a failed document. */
function optional<T>(parse: () => T): T | null {
  try {
    return parse();
  } catch (error) {
    if (error instanceof EmrtdError) return null;
    throw error;
  }
}

function snakeCase(fields: object | null): Record<string, string | string[]> | null {
  if (!fields) return null;
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === "string" || Array.isArray(value))
      out[key.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`)] = value;
  }
  return Object.keys(out).length ? out : null;
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
