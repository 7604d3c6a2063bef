// @edgekyc/receipts: verification receipts as SD-JWT VCs, free of HTTP (used by the Worker and the CLI).

export { issueReceipt, RECEIPT_OWN_CLAIMS, type ReceiptContent, ReceiptContentError } from "./issue.ts";
export {
  findKey,
  generateIssuerJwk,
  type IssuerJwks,
  IssuerKeyRing,
  type IssuerPublicJwk,
  type IssuerSigningKey,
  RECEIPT_ALG,
} from "./issuer-keys.ts";
export { PresentationError, type PresentOptions, presentReceipt } from "./present.ts";
export { sha256HexOf } from "./sd-jwt-crypto.ts";
export {
  STATUS_INVALID,
  STATUS_LIST_MEDIA_TYPE,
  STATUS_LIST_SIZE,
  STATUS_VALID,
  type StatusListToken,
  signStatusList,
} from "./status-list.ts";
export {
  KB_MAX_SKEW_SECONDS,
  RECEIPT_TYP,
  ReceiptVerificationError,
  type VerifiedReceipt,
  type VerifyOptions,
  verifyReceipt,
} from "./verify.ts";
