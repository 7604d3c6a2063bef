// @edgekyc/platform/accounts: partner accounts in the shared `kyc-accounts` D1 database and the
// per-dialect authentication middlewares built on them.

export {
  ApiKeySchema,
  CredentialsSchema,
  DialectCredentialsSchemas,
  PartialCredentialsSchema,
  PartnerSchema,
  WebhookEndpointSchema,
  WebhookEndpointWithSecretSchema,
} from "./api-schemas.ts";
export { adminAuth, MIN_ADMIN_TOKEN_LENGTH } from "./auth/admin.ts";
export {
  ASSURE_DEFAULT_SCOPE,
  ASSURE_TOKEN_TTL_SECONDS,
  AssureTokenRequest,
  AssureTokenResponse,
  assureAuth,
  issueAssureToken,
  MIN_TOKEN_SIGNING_KEY_LENGTH,
  OAuthErrorBody,
} from "./auth/assure.ts";
export { edgekycKeyAuth } from "./auth/edgekyc.ts";
export { AUTH_FAILURE_BLOCK_SECONDS, clientAddress, INVALID_CREDENTIALS } from "./auth/failures.ts";
export { idenfyAuth } from "./auth/idenfy.ts";
export type { AuthBindings, KeyAuthOptions } from "./auth/key-auth.ts";
export { machineSenseAuth } from "./auth/machinesense.ts";
export { type NdtAuthEnv, ndtAuth } from "./auth/ndt.ts";
export { SMILE_ID_TIMESTAMP_WINDOW_MS, smileIdAuth, smileIdSignature } from "./auth/smileid.ts";
export { AUTH_CACHE_TTL_MS } from "./auth-cache.ts";
export {
  type AnyDialectCredentials,
  type Credentials,
  type DialectCredentials,
  KEY_PREFIX,
} from "./credentials.ts";
export {
  AccountsRepository,
  type AuthKey,
  DEFAULT_GRACE_SECONDS,
  getAccounts,
  LAST_USED_GRANULARITY_MS,
  newWebhookSecret,
  type SettingsWriteResult,
  type SmileIdAuthKey,
  type UpsertEndpointResult,
} from "./repository.ts";
export { KeyScopes } from "./schema.ts";
export type {
  EndpointView,
  KeyStatus,
  KeyView,
  PartnerView,
  ResolvedEndpoint,
} from "./views.ts";
