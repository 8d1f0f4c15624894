/**
 * Glas's own SMTP listener for citizens' mail (the municipality points an MX or a forward at it).
 * Plain SMTP: no AUTH (senders are the public), no relaying (every mail is for Glas), a size limit
 * announced in EHLO and enforced while reading, at most 5 recipients, and a few clients at once. A
 * mail is answered 250 only once handled; our own failure answers 451 so the sender's server retries.
 */
import { SMTPServer } from 'smtp-server';
import type { SMTPServerAddress, SMTPServerDataStream, SMTPServerSession } from 'smtp-server';
import type { Ctx } from '../../kernel/context.ts';
import { handleInboundMail } from '../commands/handle-inbound-mail.ts';
import { channelLogger } from '../../kernel/log.ts';

export interface MailListener {
  port: number;
  close(): Promise<void>;
}

export async function startMailListener(ctx: Ctx, where: { host: string; port: number }): Promise<MailListener> {
  const log = channelLogger(ctx.config.logLevel, 'citizens');
  const max = ctx.config.mailInMaxBytes;
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    size: max,
    maxClients: 20,
    banner: `${ctx.config.municipalityName} – Glas`,
    closeTimeout: 500,
    socketTimeout: 60_000,
    onRcptTo(_address: SMTPServerAddress, session: SMTPServerSession, callback: (err?: Error | null) => void) {
      if (session.envelope.rcptTo.length >= 5) return callback(Object.assign(new Error('Too many recipients'), { responseCode: 452 }));
      callback();
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (err?: Error | null) => void) {
      const chunks: Buffer[] = [];
      let size = 0;
      // Past the limit the rest is read and dropped, not kept: a mail bomb costs us no memory.
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= max) chunks.push(chunk);
      });
      stream.on('end', () => {
        if (stream.sizeExceeded || size > max) {
          log('warn', 'incoming e-mail over the size limit refused', { size, from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '' });
          return callback(Object.assign(new Error('Message exceeds the size limit'), { responseCode: 552 }));
        }
        const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        handleInboundMail(ctx, { raw: Buffer.concat(chunks), envelopeFrom, via: 'smtp' }).then(
          () => callback(),
          (error: unknown) => {
            log('error', 'an incoming e-mail could not be handled', { error: String(error) });
            callback(Object.assign(new Error('Temporary failure, try again later'), { responseCode: 451 }));
          },
        );
      });
    },
  });
  server.on('error', (error: Error) => log('warn', 'SMTP listener error', { error: error.message }));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(where.port, where.host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const address = server.server.address();
  const port = address && typeof address === 'object' ? address.port : 0;
  log('info', "SMTP listener for citizens' mail", { host: where.host, port });
  let closing: Promise<void> | null = null;
  return { port, close: () => (closing ??= new Promise<void>((resolve) => server.close(() => resolve()))) };
}
