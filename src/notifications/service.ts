/**
 * The live side of the notification module: the channel clients (one SMPP bind, one SMTP pool, one
 * Viber client per process), and in the demo the local peers they talk to. Created by the module's
 * start() and read by the delivery tasks and the webhook routes.
 */
import type { Channel, ChannelName, Logger } from '../channels/channel.ts';
import type { ViberChannel } from '../channels/viber-channel.ts';
import type { SmppChannel } from '../channels/smpp-channel.ts';
import type { Config } from '../config.ts';
import { channelLogger } from '../kernel/log.ts';
import type { Smsc } from '../peers/smsc-server.ts';
import type { SmtpSink } from '../peers/smtp-sink.ts';
import type { ViberApiServer } from '../peers/viber-api-server.ts';
import type { MessageChannel } from './domain/recipients.ts';

export interface DemoPeers {
  smsc: Smsc;
  smtp: SmtpSink;
  viber: ViberApiServer;
}

export interface NotificationService {
  channels: Map<ChannelName, Channel>;
  sms: SmppChannel | null;
  viber: ViberChannel | null;
  peers: DemoPeers | null;
  log: Logger;
  stop(): Promise<void>;
}

let current: NotificationService | null = null;

export function currentService(): NotificationService | null {
  return current;
}

export function setCurrentService(s: NotificationService | null): void {
  current = s;
}

/**
 * Channels this installation sends on, decided from configuration alone, so that a web-only process
 * (GLAS_WORKER=0) writes exactly the messages a worker process will be able to send.
 */
export function enabledChannels(config: Config): Set<MessageChannel> {
  const out = new Set<MessageChannel>();
  if (config.smppHost || config.demo) out.add('sms');
  if (config.smtpHost || config.demo) out.add('email');
  if (config.viberToken || config.demo) out.add('viber');
  return out;
}

/** The notification module's child of the one logger (src/kernel/log.ts). */
export function moduleLogger(config: Config): Logger {
  return channelLogger(config.logLevel, 'notifications');
}
