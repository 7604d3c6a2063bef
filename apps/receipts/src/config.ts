import { EncryptionKeysSpec, EnvironmentName, parseEnv } from "@edgekyc/platform";
import { z } from "zod";

/** The receipts Worker's settings, validated once per isolate: a missing secret fails at first use. */
export const ReceiptsConfig = z.object({
  ENVIRONMENT: EnvironmentName,
  PUBLIC_ORIGIN: z
    .url({
      protocol: /^https?$/,
      error: "PUBLIC_ORIGIN must be the platform's origin, e.g. https://kyc.example.com",
    })
    .transform((url) => new URL(url).origin),
  RECEIPT_RETENTION_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  STATUS_LIST_TTL_SECONDS: z.coerce.number().int().min(10).max(86_400).default(300),
  ENCRYPTION_KEYS: EncryptionKeysSpec,
  RECEIPT_SIGNING_KEYS: z
    .string()
    .min(1, "RECEIPT_SIGNING_KEYS must be set (a JWK set of EC P-256 private keys)"),
});
export type ReceiptsConfig = z.output<typeof ReceiptsConfig>;

export function receiptsConfig(env: Env): ReceiptsConfig {
  return parseEnv(ReceiptsConfig, env);
}

/** Where the issuer's resources live under the public origin. */
export interface IssuerUrls {
  /** `iss` of every receipt: `<origin>/receipts`. */
  issuer: string;
  /** The SD-JWT VC draft's metadata URL, path-inserted: `<origin>/.well-known/jwt-vc-issuer/receipts`. */
  metadata: string;
  statusList(list: number): string;
  vct(capability: string): string;
  receipt(id: string): string;
}

const ISSUER_PATH = "/receipts";

export function issuerUrls(origin: string): IssuerUrls {
  const issuer = `${origin}${ISSUER_PATH}`;
  return {
    issuer,
    metadata: `${origin}/.well-known/jwt-vc-issuer${ISSUER_PATH}`,
    statusList: (list) => `${issuer}/statuslists/${list}`,
    vct: (capability) => `${issuer}/vct/${capability}/v1`,
    receipt: (id) => `${issuer}/v1/receipts/${id}`,
  };
}
