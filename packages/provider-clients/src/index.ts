export {
  COP_REASON_CODES,
  type ConfirmationOfPayee,
  compareAccountNames,
  PayeeCheck,
  type PayeeCheckResult,
  type PayeeMatch,
} from "./banking/confirmation-of-payee.ts";
export {
  FasterPayment,
  FasterPaymentReference,
  type FasterPaymentsSender,
  type SentPayment,
} from "./banking/faster-payments.ts";
export {
  ModulrConfig,
  type ModulrHttpOptions,
  ModulrNameCheck,
  ModulrPayments,
  modulrAuthHeaders,
  modulrPayeeMatch,
} from "./banking/modulr.ts";
export {
  MemorySandboxBankStore,
  SandboxBank,
  type SandboxBankAccount,
  type SandboxBankPayment,
  type SandboxBankStore,
} from "./banking/sandbox-bank.ts";
export { AccountHolderName, AccountType, SortCode, UkAccountNumber } from "./banking/uk-bank-account.ts";
export { EmbeddedFaceVerifier, type FaceEngineBinding } from "./face/embedded.ts";
export {
  type FaceTecServerSettings,
  faceTecProblem,
  faceTecVerifierFor,
  type SmileIdAccount,
  smileIdProblem,
  smileIdVerifierFor,
} from "./face/external-engines.ts";
export {
  type FaceEngineChoice,
  FaceEngineUnavailableError,
  FaceInputError,
  type FaceMatchInput,
  type FaceMatchOutcome,
  type FaceTecScan,
  type FaceVerifier,
  type LivenessInput as FaceLivenessInput,
  type LivenessOutcome as FaceLivenessOutcome,
  selectFaceVerifier,
} from "./face/face-verifier.ts";
export { FaceTecConfig, type FaceTecHttpOptions, FaceTecVerifier } from "./face/facetec.ts";
export { sandboxFaceTecServer } from "./face/sandbox-facetec-server.ts";
export { embeddedScorer, type SandboxFaceScorer } from "./face/sandbox-scorer.ts";
export { sandboxSmileIdApi } from "./face/sandbox-smileid-api.ts";
export { SmileIdConfig, type SmileIdHttpOptions, SmileIdVerifier } from "./face/smileid.ts";
export {
  isRetryableStatus,
  ProviderError,
  type ProviderErrorInit,
  type ProviderErrorKind,
} from "./http/provider-error.ts";
export { type ReadProviderJsonOptions, readProviderJson } from "./http/provider-response.ts";
export {
  type BackoffPolicy,
  backoffDelay,
  defaultRetryOn,
  type FetchFn,
  parseRetryAfter,
  RESILIENT_FETCH_DEFAULTS,
  type ResilientFetchOptions,
  type RetryableFailure,
  resilientFetch,
} from "./http/resilient-fetch.ts";
export type {
  IdAuthority,
  IdAuthorityPerson,
  IdLookupQuery,
  IdLookupResult,
} from "./id-authority/id-authority.ts";
export {
  MemorySandboxIdentityStore,
  SANDBOX_ID_NUMBER_RULES,
  SANDBOX_ID_TYPES,
  SandboxIdAuthority,
  type SandboxIdentity,
  type SandboxIdentityStore,
} from "./id-authority/sandbox-id-authority.ts";
export {
  type SmileIdAuthorityHttpOptions,
  SmileIdEnhancedKycAuthority,
  SmileIdEnhancedKycConfig,
} from "./id-authority/smile-id-enhanced-kyc.ts";
export { ChannelRouter } from "./messaging/channel-router.ts";
export {
  acceptMessage,
  E164PhoneNumber,
  EmailAddress,
  InvalidMessageError,
  MESSAGE_CHANNELS,
  MessageChannel,
  MessageIdempotencyKey,
  type MessageSender,
  OutboundMessage,
  parseOutboundMessage,
  type SentMessage,
  UnsupportedChannelError,
} from "./messaging/message-sender.ts";
export { PostmarkConfig, PostmarkEmailSender, type PostmarkHttpOptions } from "./messaging/postmark.ts";
export {
  MemorySandboxOutbox,
  type SandboxMessage,
  type SandboxOutbox,
  type SandboxOutboxQuery,
} from "./messaging/sandbox-outbox.ts";
export { SANDBOX_REJECTED_RECIPIENTS, SandboxMessageSender } from "./messaging/sandbox-sender.ts";
export { TwilioConfig, type TwilioHttpOptions, TwilioMessageSender } from "./messaging/twilio.ts";
export {
  type ExternalEffect,
  type ProviderMode,
  type ProviderTarget,
  providerTarget,
  selectProvider,
} from "./provider.ts";
export {
  PasscodeCall,
  type PasscodeCaller,
  parsePasscodeCall,
  passcodeScript,
  spokenDigits,
} from "./voice/passcode-caller.ts";
export { SandboxPasscodeCaller } from "./voice/sandbox-voice.ts";
export { TwilioVoiceCaller, TwilioVoiceConfig, type TwilioVoiceHttpOptions } from "./voice/twilio-voice.ts";
