// @edgekyc/emrtd/testing: the fixture factory (synthetic documents and PKI for tests, the CLI and the
// benchmark). Runs in workerd and Node; writes nothing (callers write `files` where they want).
export {
  type ActiveAuthenticationKey,
  buildDg2,
  createDocument,
  type DocumentFixture,
  type DocumentOptions,
  PLACEHOLDER_FACE,
  type Variant,
} from "./documents.ts";
export {
  FIXTURE_ALGORITHMS,
  type FixtureAlgorithm,
  type FixtureKey,
  generateKey,
  type KeyOptions,
} from "./keys.ts";
export { checkDigit, type MrzPerson, td1, td3 } from "./mrz-builder.ts";
export {
  type CertificateOptions,
  createCrl,
  createCsca,
  createDsc,
  type FixtureCertificate,
  toPem,
} from "./pki.ts";
