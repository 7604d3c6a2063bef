// @edgekyc/emrtd: e-passport (ICAO 9303) verification, free of HTTP and Worker bindings.
export { type ActiveAuthResult, parseDg15, verifyActiveAuthentication } from "./active-auth.ts";
export { ParsedCertificate } from "./certificate.ts";
export { alpha2ToMrzState, mrzStateToAlpha2, stateMatches } from "./countries.ts";
export type { HashName } from "./crypto/oids.ts";
export { type KeyDescription, VerificationKey } from "./crypto/signature.ts";
export { EmrtdError, type EmrtdErrorCode } from "./errors.ts";
export { DATA_GROUP_TAGS } from "./lds/data-group.ts";
export { type Dg1, parseDg1, parseMrz } from "./lds/dg1.ts";
export { type FaceImage, type ImageFormat, imageFormat, parseDg2, parseIso19794Face } from "./lds/dg2.ts";
export { type Dg11, type Dg12, parseDg11, parseDg12 } from "./lds/dg11-12.ts";
export { parseSod, type SecurityObject } from "./sod.ts";
export {
  certificateFromBytes,
  type ParsedTrustAnchorFile,
  type ParseTrustAnchorOptions,
  parseTrustAnchorFile,
  type TrustAnchorEntry,
  type TrustAnchorKind,
} from "./trust-anchors.ts";
export {
  type ChainResult,
  type RevocationResult,
  type StoredTrustAnchorEntry,
  TrustStore,
  TrustStoreCache,
} from "./trust-store.ts";
export {
  type CertificateSummary,
  type CheckResult,
  type CheckStatus,
  DEFAULT_POLICY,
  type DocumentInput,
  type VerificationPolicy,
  type VerificationReport,
  type VerifyOptions,
  verifyDocument,
} from "./verify.ts";
