import { newApp, setDialect } from "@edgekyc/platform";
import type { NfcAppEnv } from "./nfc-env.ts";
import * as trustImport from "./routes/admin/trust-import.ts";
import * as trustList from "./routes/admin/trust-list.ts";
import * as trustRemove from "./routes/admin/trust-remove.ts";
import * as appChallenge from "./routes/app/challenge.ts";
import * as appChip from "./routes/app/chip.ts";
import * as appConsent from "./routes/app/consent.ts";
import * as appKeys from "./routes/app/keys.ts";
import * as appRedeem from "./routes/app/redeem.ts";
import * as appSelfie from "./routes/app/selfie.ts";
import * as appStatus from "./routes/app/status.ts";
import { APP_MAX_BODY_BYTES } from "./routes/body-limits.ts";
import * as lostStolenAdd from "./routes/lost-stolen/add.ts";
import * as lostStolenList from "./routes/lost-stolen/list.ts";
import * as lostStolenRemove from "./routes/lost-stolen/remove.ts";
import * as sessionCancel from "./routes/partner/session-cancel.ts";
import * as sessionErase from "./routes/partner/session-erase.ts";
import * as sessionInit from "./routes/partner/session-init.ts";
import * as sessionStatus from "./routes/partner/session-status.ts";
import * as webhookConfirmation from "./routes/partner/webhook-confirmation.ts";
import { nfcServices } from "./services.ts";

export const app = newApp<NfcAppEnv>({
  name: "nfc-session",
  title: "EdgeKYC nfc-session (MachineSense NFC KYC)",
  version: "1.0.0",
  description:
    'The MachineSense NFC KYC API: `session_init` and `webhook_confirmation` as the vendor documents them, status, cancellation and erasure for partners, a lost/stolen list, the reader app\'s API (init-code redemption, consent, Active Authentication challenge, JWE chip upload, selfie, status) and the trust-store admin API. Errors: `{result: "Err", code, message}`; the codes are listed in the README.',
  dialect: "machinesense",
  maxBodyBytes: APP_MAX_BODY_BYTES,
  services: nfcServices,
});

app.openAPIRegistry.registerComponent("securitySchemes", "nfcAppSession", {
  type: "http",
  scheme: "bearer",
  description: "Reader app: the session_token from /nfc/v1/app/redeem (`<session id>.<secret>`).",
});

app.use("/nfc/admin/*", setDialect("edgekyc"));

app
  .openapi(sessionInit.route, sessionInit.handler)
  .openapi(webhookConfirmation.route, webhookConfirmation.handler)
  .openapi(sessionStatus.route, sessionStatus.handler)
  .openapi(sessionCancel.route, sessionCancel.handler)
  .openapi(sessionErase.route, sessionErase.handler)
  .openapi(lostStolenAdd.route, lostStolenAdd.handler)
  .openapi(lostStolenRemove.route, lostStolenRemove.handler)
  .openapi(lostStolenList.route, lostStolenList.handler)
  .openapi(appKeys.route, appKeys.handler)
  .openapi(appRedeem.route, appRedeem.handler)
  .openapi(appStatus.route, appStatus.handler)
  .openapi(appConsent.route, appConsent.handler)
  .openapi(appChallenge.route, appChallenge.handler)
  .openapi(appChip.route, appChip.handler)
  .openapi(appSelfie.route, appSelfie.handler)
  .openapi(trustList.route, trustList.handler)
  .openapi(trustImport.route, trustImport.handler)
  .openapi(trustRemove.removeAnchorRoute, trustRemove.removeAnchor)
  .openapi(trustRemove.removeImportRoute, trustRemove.removeImport);
