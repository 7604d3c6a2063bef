// @edgekyc/nfc-session/verification: the chip verification without Worker bindings, for benchmarks.
export { EmrtdVerifier } from "./adapters/emrtd-verifier.ts";
export { jweKeyRing } from "./domain/chip-envelope.ts";
export { verifyChipUpload } from "./domain/chip-verification.ts";
export { parseConsent } from "./domain/consent.ts";
