// @edgekyc/nfc-session/reader-app: what the MachineSense reader app does, for the simulator, tests and
// benchmarks (and as a reference for app developers).
export {
  type ChipFiles,
  encryptChipUpload,
  fromBase64,
  normaliseFileNames,
  toBase64,
} from "./chip-upload.ts";
export {
  type Fetcher,
  type MsAnswer,
  ReaderAppClient,
  type SimulatedDocument,
  type SimulationStep,
  simulateReaderApp,
} from "./reader-app-client.ts";
