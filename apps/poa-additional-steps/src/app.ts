import { newApp } from "@edgekyc/platform";
import type { PoaEnv } from "./app-env.ts";
import { idenfyNotFound, idenfyOnError, idenfyValidationHook } from "./idenfy-errors.ts";
import * as fileGet from "./routes/files/get.ts";
import { pages } from "./routes/pages/pages.ts";
import * as partnerDelete from "./routes/partner/delete.ts";
import * as partnerStatus from "./routes/partner/status.ts";
import * as partnerToken from "./routes/partner/token.ts";
import * as partnerUpload from "./routes/partner/upload-additional-step.ts";
import * as reviewClaim from "./routes/review/claim.ts";
import * as reviewClaimNext from "./routes/review/claim-next.ts";
import * as reviewDecide from "./routes/review/decide.ts";
import * as reviewFile from "./routes/review/get-file.ts";
import * as reviewItem from "./routes/review/get-item.ts";
import * as reviewQueue from "./routes/review/queue.ts";
import * as reviewRelease from "./routes/review/release.ts";
import * as reviewersCreate from "./routes/reviewers/create.ts";
import * as reviewersList from "./routes/reviewers/list.ts";
import * as reviewersRevoke from "./routes/reviewers/revoke.ts";
import * as sessionFinish from "./routes/session/finish.ts";
import * as sessionGet from "./routes/session/get.ts";
import * as sessionScope from "./routes/session/scope.ts";
import * as sessionUpload from "./routes/session/upload.ts";
import { poaServices } from "./services.ts";

/**
 * The largest body of any route: a partner's base64 file (20 MiB at most) plus its JSON. Every route
 * sets its own, smaller cap (JSON 256 KiB; files MAX_FILE_BYTES), checked before reading.
 */
const MAX_BODY_BYTES = Math.ceil((20 * 1024 * 1024) / 3) * 4 + 64 * 1024;

export const app = newApp<PoaEnv>({
  name: "poa-additional-steps",
  title: "EdgeKYC proof of address and additional steps (iDenfy dialect)",
  version: "1.0.0",
  description:
    "iDenfy's token, additional-step upload, status and delete calls (HTTP Basic: API key and secret), the end user's session by authToken, a review queue with reviewer keys, and the pages /poa/ and /review/. Errors are `{identifier, message}`.",
  dialect: "idenfy",
  maxBodyBytes: MAX_BODY_BYTES,
  services: poaServices,
});

// iDenfy's own identifiers (MISSING_VALUE, BAD_VALUE, TOKEN_NOT_VALID…), not the platform's codes.
app.onError(idenfyOnError);
app.notFound(idenfyNotFound);

app.route("/", pages);

app
  .openapi(partnerToken.route, partnerToken.handler, idenfyValidationHook)
  .openapi(partnerUpload.route, partnerUpload.handler, idenfyValidationHook)
  .openapi(partnerStatus.route, partnerStatus.handler, idenfyValidationHook)
  .openapi(partnerDelete.route, partnerDelete.handler, idenfyValidationHook)
  .openapi(reviewersCreate.route, reviewersCreate.handler, idenfyValidationHook)
  .openapi(reviewersList.route, reviewersList.handler, idenfyValidationHook)
  .openapi(reviewersRevoke.route, reviewersRevoke.handler, idenfyValidationHook)
  .openapi(sessionGet.route, sessionGet.handler, idenfyValidationHook)
  .openapi(sessionScope.route, sessionScope.handler, idenfyValidationHook)
  .openapi(sessionUpload.route, sessionUpload.handler, idenfyValidationHook)
  .openapi(sessionFinish.route, sessionFinish.handler, idenfyValidationHook)
  .openapi(fileGet.route, fileGet.handler, idenfyValidationHook)
  .openapi(reviewQueue.route, reviewQueue.handler, idenfyValidationHook)
  .openapi(reviewClaimNext.route, reviewClaimNext.handler, idenfyValidationHook)
  .openapi(reviewClaim.route, reviewClaim.handler, idenfyValidationHook)
  .openapi(reviewRelease.route, reviewRelease.handler, idenfyValidationHook)
  .openapi(reviewItem.route, reviewItem.handler, idenfyValidationHook)
  .openapi(reviewFile.route, reviewFile.handler, idenfyValidationHook)
  .openapi(reviewDecide.route, reviewDecide.handler, idenfyValidationHook);
