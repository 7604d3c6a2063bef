import { appTestConfig } from "@edgekyc/accounts/vitest";

/** A test-only issuer key (the receipts it signs prove nothing). */
const TEST_SIGNING_KEYS = JSON.stringify({
  keys: [
    {
      kty: "EC",
      crv: "P-256",
      x: "WTj8XklpZEOZRcPcfI_eS-ckIUe_-xcTeYafVcULjf0",
      y: "nA0lMopdjgvHslRVAtoVQad-WyPiXGhdzSX5cEFUQZ4",
      d: "ai48I_64LJhplWsdQ5eThkj_X7YeLT0NAGi-KPc7MmE",
      kid: "test-2026-12",
    },
  ],
});

export default appTestConfig(import.meta.url, {
  migrations: { DB: "./migrations" },
  bindings: { RECEIPT_SIGNING_KEYS: TEST_SIGNING_KEYS, PUBLIC_ORIGIN: "https://kyc.test" },
});
