import { newApp } from "@edgekyc/platform";
import type { EkycEnv } from "./ekyc-env.ts";
import * as devBankAccounts from "./routes/dev/bank-accounts.ts";
import * as devBankPayments from "./routes/dev/bank-payments.ts";
import * as devOutbox from "./routes/dev/outbox.ts";
import * as kycSummary from "./routes/kyc/summary.ts";
import * as otpInitiate from "./routes/otp/initiate.ts";
import * as otpResend from "./routes/otp/resend.ts";
import * as otpValidate from "./routes/otp/validate.ts";
import * as pennyDropInitiate from "./routes/pennydrop/initiate.ts";
import * as pennyDropValidate from "./routes/pennydrop/validate.ts";
import { SCOPES } from "./routes/scopes.ts";
import * as subjectDelete from "./routes/subjects/delete.ts";
import * as subjectPut from "./routes/subjects/put.ts";
import { ekycServices } from "./services.ts";

/** Requests are small JSON documents; anything larger is refused before it is read. */
const MAX_BODY_BYTES = 16 * 1024;

export const app = newApp<EkycEnv>({
  name: "ekyc-otp-pennydrop",
  title: "EdgeKYC eKYC: OTP and Penny Drop",
  version: "2.0.0",
  description:
    "NDT eKYC 2.0: one-time passcodes by SMS, voice call or email, and UK bank-account Penny Drop (modulus check, Confirmation of Payee, 1p by Faster Payments with a code in the reference), with exact limits per application or account.",
  dialect: "ndt",
  maxBodyBytes: MAX_BODY_BYTES,
  services: ekycServices,
});

const builders = [
  subjectPut,
  subjectDelete,
  kycSummary,
  otpInitiate,
  otpResend,
  otpValidate,
  pennyDropInitiate,
  pennyDropValidate,
];
for (const scope of SCOPES) {
  for (const builder of builders) {
    const { route, handler } = builder.build(scope);
    app.openapi(route, handler as never);
  }
}
app.openapi(devOutbox.route, devOutbox.handler as never);
app.openapi(devBankAccounts.route, devBankAccounts.handler as never);
app.openapi(devBankPayments.route, devBankPayments.handler as never);
