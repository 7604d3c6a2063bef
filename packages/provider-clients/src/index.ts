export {
  expectJson,
  ProviderError,
  type ProviderErrorKind,
  type ResilientFetchOptions,
  resilientFetch,
} from "./http/resilient-fetch.ts";
export {
  E164,
  EmailAddress,
  type MessageSender,
  OutgoingMessage,
  type SentMessage,
} from "./messaging/message-sender.ts";
export { type PostmarkConfig, PostmarkEmailSender } from "./messaging/postmark.ts";
export {
  MemoryOutbox,
  type RecordedMessage,
  SandboxMessageSender,
  type SandboxOutbox,
} from "./messaging/sandbox.ts";
export { type TwilioConfig, TwilioMessageSender } from "./messaging/twilio.ts";
export { selectProvider } from "./provider.ts";
