import { newApp } from "@edgekyc/platform";
import type { ReceiptsEnv } from "./receipts-env.ts";
import * as devEnqueue from "./routes/dev/enqueue.ts";
import * as receiptFetch from "./routes/partner/fetch.ts";
import * as receiptRevoke from "./routes/partner/revoke.ts";
import * as receiptStatus from "./routes/partner/status.ts";
import * as issuerMetadata from "./routes/public/issuer-metadata.ts";
import * as statusList from "./routes/public/status-list.ts";
import * as typeMetadata from "./routes/public/type-metadata.ts";
import { receiptsServices } from "./services.ts";

export const app = newApp<ReceiptsEnv>({
  name: "receipts",
  title: "EdgeKYC verification receipts",
  version: "1.0.0",
  description:
    "Every final verification result yields a receipt: an SD-JWT VC signed by the platform that anyone can verify offline with the issuer's public keys, disclosing only the claims its holder chooses. Partners fetch each receipt once (EdgeKYC dialect keys) and can revoke it; verifiers use the issuer metadata, the type metadata and the Token Status List.",
  dialect: "edgekyc",
  // Partner routes take no body; the development route takes receipt requests (claims up to 32 KB).
  maxBodyBytes: 64 * 1024,
  services: receiptsServices,
});

app
  .openapi(receiptFetch.route, receiptFetch.handler)
  .openapi(receiptStatus.route, receiptStatus.handler)
  .openapi(receiptRevoke.route, receiptRevoke.handler)
  .openapi(issuerMetadata.route, issuerMetadata.handler)
  .openapi(statusList.route, statusList.handler)
  .openapi(typeMetadata.route, typeMetadata.handler)
  .openapi(devEnqueue.route, devEnqueue.handler);
