import { newApp, setDialect } from "@edgekyc/platform";
import type { LivenessEnv } from "./liveness-env.ts";
import * as dossiersCreate from "./routes/assure/dossiers-create.ts";
import * as dossiersDelete from "./routes/assure/dossiers-delete.ts";
import * as dossiersGet from "./routes/assure/dossiers-get.ts";
import * as fullResult from "./routes/assure/full-result.ts";
import * as imagesGet from "./routes/assure/images-get.ts";
import * as imagesPut from "./routes/assure/images-put.ts";
import * as processesCreate from "./routes/assure/processes-create.ts";
import * as processesGet from "./routes/assure/processes-get.ts";
import { registerTokenRoute } from "./routes/assure/token.ts";
import * as verify from "./routes/assure/verify.ts";
import * as identitiesDelete from "./routes/dev/identities-delete.ts";
import * as identitiesList from "./routes/dev/identities-list.ts";
import * as identitiesPut from "./routes/dev/identities-put.ts";
import * as reviewDecide from "./routes/review/decide.ts";
import * as reviewGet from "./routes/review/get.ts";
import * as reviewList from "./routes/review/list.ts";
import * as reviewerKeysCreate from "./routes/review/reviewer-keys-create.ts";
import * as reviewerKeysRevoke from "./routes/review/reviewer-keys-revoke.ts";
import * as smileImageLink from "./routes/smile/image-link.ts";
import * as smileJobStatus from "./routes/smile/job-status.ts";
import * as smileUpload from "./routes/smile/upload.ts";
import * as smileUploadZip from "./routes/smile/upload-zip.ts";
import { livenessServices } from "./services.ts";

/** Smile ID zips and Assure data-URL images are larger than the default 1 MiB. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

export const app = newApp<LivenessEnv>({
  name: "biometric-liveness",
  title: "EdgeKYC biometric liveness",
  version: "1.0.0",
  description:
    "Face match and liveness in two vendor dialects: Signicat Assure with FaceTec (`/auth/open/connect/token`, `/assure/…`) and Smile ID Web API v1 (`/v1/upload`, `/v1/job_status`; job types 1, 2, 4). Human review of provisional Smile ID results under `/biometric-liveness/v1/reviews`.",
  dialect: "assure",
  maxBodyBytes: MAX_BODY_BYTES,
  // Once per request, from the bindings; the Durable Object's alarm builds them the same way.
  services: livenessServices,
});
app.use("/v1/*", setDialect("smileid"));
app.use("/biometric-liveness/*", setDialect("edgekyc"));
app.use("/dev/biometric-liveness/*", setDialect("edgekyc"));

registerTokenRoute(app);
app
  .openapi(dossiersCreate.route, dossiersCreate.handler)
  .openapi(dossiersGet.route, dossiersGet.handler)
  .openapi(dossiersDelete.route, dossiersDelete.handler)
  .openapi(processesCreate.route, processesCreate.handler)
  .openapi(processesGet.route, processesGet.handler)
  .openapi(imagesPut.route, imagesPut.handler)
  .openapi(imagesGet.route, imagesGet.handler)
  .openapi(verify.route, verify.handler)
  .openapi(fullResult.route, fullResult.handler)
  .openapi(smileUpload.route, smileUpload.handler)
  .openapi(smileUploadZip.route, smileUploadZip.handler)
  .openapi(smileJobStatus.route, smileJobStatus.handler)
  .openapi(smileImageLink.route, smileImageLink.handler)
  .openapi(reviewList.route, reviewList.handler)
  .openapi(reviewGet.route, reviewGet.handler)
  .openapi(reviewDecide.route, reviewDecide.handler)
  .openapi(reviewerKeysCreate.route, reviewerKeysCreate.handler)
  .openapi(reviewerKeysRevoke.route, reviewerKeysRevoke.handler)
  .openapi(identitiesPut.route, identitiesPut.handler)
  .openapi(identitiesList.route, identitiesList.handler)
  .openapi(identitiesDelete.route, identitiesDelete.handler);

app.openAPIRegistry.registerComponent("securitySchemes", "reviewerKey", {
  type: "http",
  scheme: "bearer",
  description: "A reviewer key (`rvk_…`) issued by the admin for one partner; opens the review routes only.",
});
