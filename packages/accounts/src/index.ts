// @edgekyc/accounts: partner accounts in the shared `kyc-accounts` D1 database (partners, keys and
// their auth lookups, settings per capability) and the per-dialect authentication middlewares.

export { ApiKeySchema, CredentialsSchema, PartialCredentialsSchema, PartnerSchema } from "./api-schemas.ts";
export { adminAuth } from "./auth/admin.ts";
export {
  ASSURE_TOKEN_TTL_SECONDS,
  AssureTokenRequest,
  AssureTokenResponse,
  assureAuth,
  issueAssureToken,
} from "./auth/assure.ts";
export { edgekycKeyAuth } from "./auth/edgekyc.ts";
export { idenfyAuth } from "./auth/idenfy.ts";
export type { AuthBindings, KeyAuthOptions } from "./auth/key-auth.ts";
export { machineSenseAuth } from "./auth/machinesense.ts";
export { type NdtAuthEnv, ndtAuth } from "./auth/ndt.ts";
export { smileIdAuth } from "./auth/smileid.ts";
export type { Credentials, DialectCredentials } from "./credentials.ts";
export { AccountsRepository, getAccounts } from "./repository/accounts.ts";
export { type AccountsDb, accountsDb } from "./repository/accounts-db.ts";
export { type AuthKey, DEFAULT_GRACE_SECONDS, KeyRepository } from "./repository/keys.ts";
export { PartnerRepository } from "./repository/partners.ts";
export { SettingsRepository, type SettingsWriteResult } from "./repository/settings.ts";
export type { KeyView, PartnerView } from "./views.ts";
