import {
  acceptMessage,
  type MessageChannel,
  type MessageSender,
  type OutboundMessage,
  type SentMessage,
  UnsupportedChannelError,
} from "./message-sender.ts";

/**
 * One MessageSender over several providers, by channel: e.g. Twilio for sms and voice, Postmark for email.
 * Refuses at construction a route to a sender that does not deliver that channel.
 */
export class ChannelRouter implements MessageSender {
  readonly provider: string;
  readonly channels: readonly MessageChannel[];
  private readonly routes: Partial<Record<MessageChannel, MessageSender>>;

  constructor(routes: Partial<Record<MessageChannel, MessageSender>>) {
    for (const [channel, sender] of Object.entries(routes) as [MessageChannel, MessageSender][]) {
      if (!sender.channels.includes(channel)) throw new UnsupportedChannelError(sender.provider, channel);
    }
    this.routes = { ...routes };
    this.channels = (Object.keys(this.routes) as MessageChannel[]).filter((channel) => this.routes[channel]);
    this.provider = [...new Set(Object.values(this.routes).map((sender) => sender.provider))].join("+");
  }

  async send(input: OutboundMessage): Promise<SentMessage> {
    const message = acceptMessage(this, input);
    const sender = this.routes[message.channel] as MessageSender;
    return sender.send(message);
  }
}
