export { escapeHtml, renderDocsPage } from "./app/docs-page.ts";
export { DEFAULT_MAX_BODY_BYTES, type NewAppOptions, newApp, setDialect, zodIssues } from "./app/new-app.ts";
export { registerSecuritySchemes, SECURITY_SCHEMES } from "./app/security-schemes.ts";
export type { AppEnv, AppVariables, Principal } from "./app/types.ts";
export { Cipher, DecryptionError, parseKeyRing } from "./crypto/cipher.ts";
export {
  fromBase64,
  hmacSha256,
  randomSecret,
  sha256Hex,
  timingSafeEqual,
  toBase64,
  toBase64Url,
  toHex,
  utf8,
} from "./crypto/digest.ts";
export { EncryptionKeysSpec, EnvironmentName, parseEnv } from "./env.ts";
export { ApiError, ERROR_STATUS, type ErrorCode, type FieldIssue } from "./errors/api-error.ts";
export { ConfigError } from "./errors/config-error.ts";
export { MACHINESENSE_CODES, NDT_STATUSES, renderError, SMILEID_CODES } from "./errors/render.ts";
export { newId } from "./ids.ts";
export { createLogger, type LogFields, type Logger, type LogLevel, REDACTED, redact } from "./log.ts";
export { type Page, toPage } from "./pagination.ts";
export { deletePrefix, getDecrypted, objectKey, putEncrypted } from "./storage/r2-objects.ts";
