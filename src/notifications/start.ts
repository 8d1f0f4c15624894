/**
 * Starts the channels from configuration: SMS over SMPP, e-mail over SMTP, Viber over its Bot API.
 * In the demo, a channel without a configured provider talks to a local peer started here (SMS
 * centre, mail sink, Viber API), so a new user sees every message arrive (GET /demo/messages).
 *
 * The SMS centre may be down at start: the SMPP channel keeps reconnecting, and messages wait as
 * retryable until it binds.
 */
import type { Channel, ChannelName, DeliveryReport, Logger } from '../channels/channel.ts';
import { SmppChannel, type InboundSms } from '../channels/smpp-channel.ts';
import { SmtpChannel } from '../channels/smtp-channel.ts';
import { VIBER_API_URL, ViberChannel, setViberWebhook } from '../channels/viber-channel.ts';
import type { ViberCallback } from '../channels/viber-callback.ts';
import type { Ctx } from '../kernel/context.ts';
import type { Config } from '../config.ts';
import { randomToken } from '../kernel/lib/secrets.ts';
import { startSmsc } from '../peers/smsc-server.ts';
import { startSmtpSink } from '../peers/smtp-sink.ts';
import { startViberApiServer } from '../peers/viber-api-server.ts';
import { applyDeliveryReports } from './commands/apply-delivery-report.ts';
import { Batcher } from './batcher.ts';
import { handleViberEvent } from './commands/handle-viber-event.ts';
import { moduleLogger, type DemoPeers, type NotificationService } from './service.ts';

export const VIBER_WEBHOOK_PATH = '/api/v1/notifications/viber/webhook';
const DEMO_SMPP = { systemId: 'glas', password: 'demo' };

/** Citizens' own SMS and Viber messages, handed on to the module that answers them (src/citizens sets these). */
export interface InboundHandlers {
  sms?: (ctx: Ctx, sms: InboundSms) => Promise<void>;
  viber?: (ctx: Ctx, event: Exclude<ViberCallback, { event: 'delivered' | 'seen' | 'failed' }>) => Promise<void>;
}
const inbound: InboundHandlers = {};
export function setInboundHandlers(h: InboundHandlers): void {
  inbound.sms = h.sms;
  inbound.viber = h.viber;
}

/** Listens on the configured port, or on any free one when it is taken (a second demo on the same machine). */
async function onPortOrAny<T>(port: number, start: (port: number) => Promise<T>, what: string, log: Logger): Promise<T> {
  try {
    return await start(port);
  } catch (error) {
    if (port === 0 || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    log('warn', `port ${port} for the demo ${what} is taken; using a free one`);
    return start(0);
  }
}

async function startDemoPeers(config: Config, viberToken: string, log: Logger): Promise<DemoPeers> {
  const smsc = await onPortOrAny(config.demoSmppPort, (port) => startSmsc({ port, ...DEMO_SMPP, receiptDelayMs: 1500 }), 'SMS centre', log);
  const smtp = await onPortOrAny(config.demoSmtpPort, (port) => startSmtpSink({ port }), 'mail sink', log);
  const viber = await onPortOrAny(
    config.demoViberPort,
    (port) => startViberApiServer({ port, authToken: viberToken, accountName: config.municipalityName, callbackDelayMs: 1000, autoSeen: true }),
    'Viber API',
    log,
  );
  log('info', 'demo peers listening', { smsc: smsc.port, smtp: smtp.port, viber: viber.port });
  return { smsc, smtp, viber };
}

/** Viber accepts a webhook only once it answers the probe, i.e. after the HTTP server listens: tried in the background a few times. */
function registerWebhookInBackground(config: Config, call: { baseUrl: string; authToken: string }, log: Logger, signal: AbortSignal): void {
  const url = `${config.publicUrl}${VIBER_WEBHOOK_PATH}`;
  let attempt = 0;
  const tryOnce = () => {
    if (signal.aborted) return;
    attempt++;
    setViberWebhook({ ...call, url }).then(
      () => log('info', 'Viber webhook registered', { url }),
      (error: unknown) => {
        if (attempt >= 10 || signal.aborted) {
          log('warn', 'Viber webhook could not be registered', { url, error: String(error) });
          return;
        }
        setTimeout(tryOnce, 2000).unref();
      },
    );
  };
  setTimeout(tryOnce, 500).unref();
}

export async function startNotificationService(ctx: Ctx): Promise<NotificationService> {
  const config = ctx.config;
  const log = moduleLogger(config);
  const abort = new AbortController();
  const demoViberToken = randomToken(24);
  const needPeers = config.demo && (!config.smppHost || !config.smtpHost || !config.viberToken);
  const peers = needPeers ? await startDemoPeers(config, demoViberToken, log) : null;
  // Receipts arriving while others are being stored go together in one transaction (see batcher.ts).
  const reports = new Batcher<DeliveryReport, 'matched' | 'early'>((batch) => applyDeliveryReports(ctx, batch), { maxItems: 200 });
  const onReport = async (report: DeliveryReport) => {
    await reports.add(report);
  };
  const channels = new Map<ChannelName, Channel>();

  let sms: SmppChannel | null = null;
  const smpp = config.smppHost
    ? { host: config.smppHost, port: config.smppPort, systemId: config.smppSystemId, password: config.smppPassword }
    : peers
      ? { host: peers.smsc.host, port: peers.smsc.port, ...DEMO_SMPP }
      : null;
  if (smpp) {
    sms = new SmppChannel({
      ...smpp,
      sourceAddr: config.smppSourceAddr,
      encodingPolicy: config.smsTextPolicy,
      ratePerSecond: config.smppRate || undefined,
      maxInFlight: config.smppWindow,
      reconnectMaxDelayMs: 10_000,
      onReport,
      logger: log,
      onInbound: async (m) => {
        if (inbound.sms) await inbound.sms(ctx, m);
        else log('warn', 'incoming SMS dropped: no handler', { from: m.from });
      },
    });
    channels.set('sms', sms);
  }

  const smtp = config.smtpHost
    ? {
        host: config.smtpHost,
        port: config.smtpPort,
        secure: config.smtpPort === 465,
        auth: config.smtpUser ? { user: config.smtpUser, pass: config.smtpPassword ?? '' } : undefined,
      }
    : peers
      ? { host: peers.smtp.host, port: peers.smtp.port, secure: false, auth: undefined }
      : null;
  if (smtp) {
    channels.set('email', new SmtpChannel({ ...smtp, from: config.smtpFrom, messageIdDomain: new URL(config.publicUrl).hostname, logger: log }));
  }

  let viber: ViberChannel | null = null;
  const viberCall = config.viberToken
    ? { authToken: config.viberToken, baseUrl: config.viberApiUrl ?? VIBER_API_URL }
    : peers
      ? { authToken: demoViberToken, baseUrl: peers.viber.url }
      : null;
  if (viberCall) {
    viber = new ViberChannel({
      ...viberCall,
      senderName: config.viberSenderName.slice(0, 28) || 'Glas',
      onReport,
      logger: log,
      onEvent: async (event) => {
        await handleViberEvent(ctx, event);
        await inbound.viber?.(ctx, event);
      },
    });
    channels.set('viber', viber);
    if (config.viberWebhook) registerWebhookInBackground(config, viberCall, log, abort.signal);
  }

  return {
    channels,
    sms,
    viber,
    peers,
    log,
    async stop() {
      abort.abort();
      for (const c of channels.values()) await c.close().catch(() => {});
      if (peers) await Promise.all([peers.smsc.close(), peers.smtp.close(), peers.viber.close()]).catch(() => {});
    },
  };
}
