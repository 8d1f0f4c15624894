/**
 * E-mail over SMTP (nodemailer). The Message-ID is ours (`<messageId@domain>`) and is also the
 * provider id, so both a citizen's reply (In-Reply-To) and a bounce (the returned headers) lead back
 * to the notification without any lookup table at the mail provider.
 */
import nodemailer from 'nodemailer';
import type { NodemailerError, SMTPPoolOptions, Transporter } from 'nodemailer';
import type { Channel, Logger, OutboundMessage, SendResult } from './channel.ts';
import { silentLogger } from './channel.ts';

export interface SmtpChannelOptions {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS is used when offered. */
  secure?: boolean;
  /** Refuse to send unless STARTTLS succeeds. */
  requireTls?: boolean;
  auth?: { user: string; pass: string };
  /** Visible sender, e.g. 'Opština Tivat <obavjestenja@tivat.me>'. */
  from: string;
  /** Right-hand side of our Message-IDs, e.g. 'glas.tivat.me'. */
  messageIdDomain: string;
  replyTo?: string;
  /** Keep connections open between messages. Default true. */
  pool?: boolean;
  maxConnections?: number;
  /** Host name announced in EHLO. */
  clientName?: string;
  connectionTimeoutMs?: number;
  socketTimeoutMs?: number;
  logger?: Logger;
}

// Deliberately loose: the SMTP server is the judge of deliverability; this only catches garbage.
const EMAIL = /^[^\s@<>()\[\],;:"]+@[^\s@<>()\[\],;:"]+\.[^\s@<>()\[\],;:"]+$/;

/** Maps a nodemailer error to a SendResult: 5xx (except 503) permanent, 4xx and transport faults retryable. */
export function classifySmtpError(error: unknown): SendResult {
  const e = (error ?? {}) as NodemailerError;
  const detail = (e.response ?? e.message ?? String(error)).trim();
  if (typeof e.responseCode === 'number') {
    const permanent = e.permanent ?? (e.responseCode >= 500 && e.responseCode < 600 && e.responseCode !== 503);
    return permanent ? { kind: 'permanent', reason: `SMTP ${detail}` } : { kind: 'retryable', reason: `SMTP ${detail}` };
  }
  // Without a reply code the message itself was refused before it reached the server (bad address
  // syntax, no recipients): sending it again cannot help. Everything else is the connection.
  if (e.code === 'EENVELOPE' || e.code === 'EMESSAGE') return { kind: 'permanent', reason: `${e.code}: ${detail}` };
  return { kind: 'retryable', reason: `${e.code ?? 'error'}: ${detail}` };
}

export class SmtpChannel implements Channel {
  readonly name = 'email' as const;
  private readonly opts: SmtpChannelOptions;
  private readonly log: Logger;
  private readonly transport: Transporter;

  constructor(options: SmtpChannelOptions) {
    this.opts = options;
    this.log = options.logger ?? silentLogger;
    // Pool options are a superset of the single-connection ones; nodemailer ignores the pool fields when pool is false.
    const transportOptions: SMTPPoolOptions = {
      host: options.host,
      port: options.port,
      secure: options.secure ?? false,
      requireTLS: options.requireTls ?? false,
      auth: options.auth,
      pool: options.pool ?? true,
      maxConnections: options.maxConnections,
      name: options.clientName,
      connectionTimeout: options.connectionTimeoutMs ?? 30_000,
      greetingTimeout: options.connectionTimeoutMs ?? 30_000,
      socketTimeout: options.socketTimeoutMs ?? 60_000,
    };
    this.transport = nodemailer.createTransport(transportOptions);
  }

  /** The Message-ID (without angle brackets) a notification is sent with. */
  messageIdFor(messageId: string): string {
    return `${messageId}@${this.opts.messageIdDomain}`;
  }

  async send(msg: OutboundMessage): Promise<SendResult> {
    if (!EMAIL.test(msg.to)) return { kind: 'permanent', reason: `"${msg.to}" is not an e-mail address` };
    const headers: Record<string, string> = {
      // RFC 3834: tells auto-responders not to answer, so vacation replies never loop back as requests.
      'Auto-Submitted': 'auto-generated',
    };
    if (msg.listUnsubscribeUrl !== undefined) {
      if (!/^(https:|http:|mailto:)[^\s<>]+$/.test(msg.listUnsubscribeUrl)) {
        return { kind: 'permanent', reason: `invalid List-Unsubscribe URL "${msg.listUnsubscribeUrl}"` };
      }
      headers['List-Unsubscribe'] = `<${msg.listUnsubscribeUrl}>`;
      // RFC 8058 one-click: mail providers POST to the URL instead of opening it in a browser.
      headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
    }
    if (msg.locale) headers['Content-Language'] = msg.locale;
    const messageId = this.messageIdFor(msg.messageId);
    try {
      await this.transport.sendMail({
        from: this.opts.from,
        to: msg.to,
        replyTo: this.opts.replyTo,
        subject: msg.subject ?? '',
        text: msg.text,
        html: msg.html,
        messageId: `<${messageId}>`,
        headers,
        // ENVID lets a DSN name our message even when the bouncing server returns no headers.
        dsn: { id: messageId, return: 'headers', notify: ['failure', 'delay'] },
      });
      this.log('debug', 'e-mail accepted by SMTP server', { messageId });
      return { kind: 'sent', providerMessageId: messageId };
    } catch (error) {
      const result = classifySmtpError(error);
      this.log(result.kind === 'permanent' ? 'info' : 'warn', 'e-mail not accepted', { messageId, result });
      return result;
    }
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}
