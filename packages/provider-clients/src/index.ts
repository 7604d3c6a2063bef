export { EmbeddedFaceVerifier, type FaceEngineBinding } from "./face/embedded.ts";
export {
  type FaceEngineChoice,
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
