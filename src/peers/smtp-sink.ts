/**
 * A local SMTP server that accepts mail and keeps it, parsed, for tests, the demo mode and
 * benchmarks. Plain SMTP on loopback: no AUTH, no STARTTLS. Chosen recipients can be refused with
 * a reply code (550 for permanent failures, 4xx for greylisting-like temporary ones).
 */
import { SMTPServer } from 'smtp-server';
import type { SMTPServerAddress, SMTPServerDataStream, SMTPServerSession } from 'smtp-server';
import { simpleParser } from 'mailparser';
import type { Logger } from '../channels/channel.ts';
import { silentLogger } from '../channels/channel.ts';
import { Recorder } from './recorder.ts';

export interface RecipientRejection {
  code: number;
  message?: string;
}

export interface SmtpSinkOptions {
  /** 0 or absent: a port chosen by the OS. */
  port?: number;
  host?: string;
  /** Refuse RCPT TO for some addresses; true means 550. */
  rejectRecipient?: (address: string) => boolean | RecipientRejection | null | undefined;
  /** Largest message accepted, in bytes. Default 25 MB. */
  maxSize?: number;
  logger?: Logger;
}

export interface SinkMail {
  envelopeFrom: string;
  envelopeTo: string[];
  from?: string;
  to: string[];
  subject?: string;
  text?: string;
  html?: string;
  /** Raw header values as sent (unfolded), names lower-cased; the first occurrence wins. */
  headers: Record<string, string>;
  /** Message-ID without angle brackets, as the e-mail channel reports it. */
  messageId?: string;
  attachments: { filename?: string; contentType: string; size: number; content: Buffer }[];
  raw: Buffer;
  receivedAt: Date;
}

export interface SmtpSink {
  readonly port: number;
  readonly host: string;
  received(): SinkMail[];
  waitFor(predicate?: (m: SinkMail) => boolean, timeoutMs?: number): Promise<SinkMail>;
  clear(): void;
  close(): Promise<void>;
}

function addresses(field: { value: { address?: string }[] } | { value: { address?: string }[] }[] | undefined): string[] {
  if (!field) return [];
  return (Array.isArray(field) ? field : [field]).flatMap((f) => f.value.map((v) => v.address ?? '')).filter(Boolean);
}

function rawHeaders(lines: { key: string; line: string }[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const { key, line } of lines) {
    if (key in headers) continue;
    const colon = line.indexOf(':');
    headers[key] = line
      .slice(colon + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
  }
  return headers;
}

/** Starts the sink; `port` 0 or absent lets the OS choose (read it back from `.port`). */
export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const log = options.logger ?? silentLogger;
  const host = options.host ?? '127.0.0.1';
  const mails = new Recorder<SinkMail>('an e-mail at the SMTP sink');

  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    size: options.maxSize ?? 25 * 1024 * 1024,
    // Pooled clients may keep a connection open; on close they are cut after this grace period.
    closeTimeout: 200,
    onRcptTo(address: SMTPServerAddress, _session: SMTPServerSession, callback: (err?: Error | null) => void) {
      const verdict = options.rejectRecipient?.(address.address);
      if (!verdict) return callback();
      const rejection: RecipientRejection = verdict === true ? { code: 550 } : verdict;
      const error = Object.assign(new Error(rejection.message ?? `Mailbox unavailable: ${address.address}`), { responseCode: rejection.code });
      callback(error);
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (err?: Error | null) => void) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (stream.sizeExceeded) {
          return callback(Object.assign(new Error('Message exceeds the size limit'), { responseCode: 552 }));
        }
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (parsed) => {
            mails.push({
              envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              envelopeTo: session.envelope.rcptTo.map((r) => r.address),
              from: addresses(parsed.from)[0],
              to: addresses(parsed.to),
              subject: parsed.subject,
              text: parsed.text,
              html: parsed.html === false ? undefined : parsed.html,
              headers: rawHeaders(parsed.headerLines),
              messageId: parsed.messageId?.replace(/^<|>$/g, ''),
              attachments: parsed.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, size: a.size, content: a.content })),
              raw,
              receivedAt: new Date(),
            });
            callback();
          },
          (error: unknown) => {
            log('warn', 'SMTP sink could not parse a message', { error: String(error) });
            callback(Object.assign(new Error('Message could not be parsed'), { responseCode: 554 }));
          },
        );
      });
    },
  });
  server.on('error', (error: Error) => log('warn', 'SMTP sink error', { error: error.message }));

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const address = server.server.address();
  const port = address && typeof address === 'object' ? address.port : 0;
  let closing: Promise<void> | null = null;

  return {
    port,
    host,
    received: () => mails.all(),
    waitFor: (predicate, timeoutMs) => mails.waitFor(predicate, timeoutMs),
    clear: () => mails.clear(),
    close: () => {
      closing ??= new Promise<void>((resolve) => server.close(() => resolve())).then(() => mails.close());
      return closing;
    },
  };
}
