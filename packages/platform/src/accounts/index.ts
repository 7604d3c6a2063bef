export { adminAuth } from "./auth/admin.ts";
export { ASSURE_TOKEN_TTL_SECONDS, assureAuth, assureTokenHandler } from "./auth/assure.ts";
export { bearerToken, clientAddress, failAuthentication, INVALID_CREDENTIALS } from "./auth/failures.ts";
export {
  compositeKeyAuth,
  edgekycKeyAuth,
  idenfyAuth,
  machineSenseAuth,
  ndtAuth,
  verifyKey,
} from "./auth/key-auth.ts";
export { SMILE_ID_TIMESTAMP_WINDOW_MS, smileIdAuth, smileIdSignature } from "./auth/smileid.ts";
export { issueKey, KEY_PREFIX, splitCompositeKey } from "./credentials.ts";
export {
  AccountsRepository,
  type Credentials,
  type EndpointRow,
  type EndpointView,
  getAccounts,
  isKeyUsable,
  KEY_CACHE_TTL_MS,
  type KeyView,
  type PartnerView,
  toEndpointView,
  toKeyView,
  toPartnerView,
} from "./repository.ts";
export * as accountsSchema from "./schema.ts";
