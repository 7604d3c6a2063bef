// @edgekyc/accounts/testing (runs in workerd, in an app's tests): partners with credentials for every
// dialect and the shared authentication suite. The vitest config helper is `@edgekyc/accounts/vitest`.

export {
  type DialectAuthTestOptions,
  type PrepareRequest,
  runDialectAuthTests,
} from "./dialect-auth-suite.ts";
export { assureAccessToken, type PresentedCredentials, presentCredentials } from "./present-credentials.ts";
export { createTestPartner, freshClientAddress, type TestPartner } from "./test-partner.ts";
