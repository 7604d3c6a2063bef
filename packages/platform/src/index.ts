// @edgekyc/platform: Worker plumbing every app is built on.

export {
  DEFAULT_MAX_BODY_BYTES,
  DEVELOPMENT_PATH_PREFIX,
  type NewAppOptions,
  newApp,
  setDialect,
  zodIssues,
} from "./app/new-app.ts";
export type { AppEnv, AppVariables, Principal, ServicesFactory } from "./app/types.ts";
export { Cipher, DecryptionError } from "./crypto/cipher.ts";
export {
  fromBase64,
  hmacSha256,
  randomSecret,
  sha256Hex,
  smileIdSignature,
  timingSafeEqual,
  toBase64,
  toBase64Url,
  toHex,
  utf8,
} from "./crypto/digest.ts";
export { KeyedHash } from "./crypto/keyed-hash.ts";
export {
  AdminToken,
  EncryptionKeysSpec,
  EnvironmentName,
  MIN_ADMIN_TOKEN_LENGTH,
  MIN_TOKEN_SIGNING_KEY_LENGTH,
  parseEnv,
  TokenSigningKey,
} from "./env.ts";
export { ApiError, ERROR_STATUS, type ErrorCode, type FieldIssue } from "./errors/api-error.ts";
export { ConfigError } from "./errors/config-error.ts";
export {
  ERROR_BODY_SCHEMAS,
  ERROR_MEDIA_TYPES,
  type ErrorDialect,
  type ErrorStatus,
  errorResponses,
} from "./errors/error-schemas.ts";
export { OAUTH_ERRORS, type OAuthError, OAuthErrorBody } from "./errors/oauth.ts";
export { renderError } from "./errors/render.ts";
export { ID_PREFIXES, idParam, idPattern, idString, newId } from "./ids.ts";
export { createLogger, type LogFields, type Logger, type LogLevel, REDACTED, redact } from "./log.ts";
export { type Page, pageQuery, pageResponse, toPage } from "./pagination.ts";
export { receiptOrNull } from "./receipt-requests.ts";
export { deletePrefix, getDecrypted, objectKey, putEncrypted } from "./storage/r2-objects.ts";
export { isUniqueViolation } from "./storage/unique-violation.ts";
