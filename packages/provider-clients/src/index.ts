export { expectJson, ProviderError, type ProviderErrorKind, resilientFetch, type ResilientFetchOptions } from "./http/resilient-fetch.ts";
export { E164, EmailAddress, type MessageSender, OutgoingMessage, type SentMessage } from "./messaging/message-sender.ts";
export { type PostmarkConfig, PostmarkEmailSender } from "./messaging/postmark.ts";
export { MemoryOutbox, type RecordedMessage, type SandboxOutbox, SandboxMessageSender } from "./messaging/sandbox.ts";
export { type TwilioConfig, TwilioMessageSender } from "./messaging/twilio.ts";
export { selectProvider } from "./provider.ts";
