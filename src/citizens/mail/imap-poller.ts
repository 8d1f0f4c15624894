/**
 * Polls an IMAP mailbox for citizens' mail, for municipalities whose mail stays with their provider.
 * Each unseen mail is handled like one from the SMTP listener and then marked seen; one too large is
 * marked seen without being read. A poll never overlaps the previous one, and a failed poll is
 * logged and tried again at the next interval.
 */
import { ImapFlow } from 'imapflow';
import type { Ctx } from '../../kernel/context.ts';
import { handleInboundMail } from '../commands/handle-inbound-mail.ts';
import { channelLogger } from '../../kernel/log.ts';

export interface ImapPoller {
  pollOnce(): Promise<number>;
  close(): Promise<void>;
}

export function startImapPoller(ctx: Ctx): ImapPoller | null {
  const c = ctx.config;
  if (!c.imapHost) return null;
  const log = channelLogger(c.logLevel, 'citizens');
  let running: Promise<number> | null = null;

  async function poll(): Promise<number> {
    const client = new ImapFlow({
      host: c.imapHost!,
      port: c.imapPort,
      secure: c.imapTls,
      auth: { user: c.imapUser ?? '', pass: c.imapPassword ?? '' },
      logger: false,
    });
    let handled = 0;
    try {
      await client.connect();
    } catch (error) {
      // A refused sign-in leaves the socket open; without this every failed poll would leak one.
      client.close();
      throw error;
    }
    try {
      const lock = await client.getMailboxLock(c.imapMailbox);
      try {
        const unseen: { uid: number; size: number }[] = [];
        for await (const m of client.fetch({ seen: false }, { uid: true, size: true })) unseen.push({ uid: m.uid, size: m.size ?? 0 });
        for (const m of unseen.slice(0, 200)) {
          if (m.size > c.mailInMaxBytes) {
            log('warn', 'mailbox message over the size limit skipped', { uid: m.uid, size: m.size });
          } else {
            const msg = await client.fetchOne(String(m.uid), { source: true }, { uid: true });
            if (msg && msg.source) {
              await handleInboundMail(ctx, { raw: msg.source, envelopeFrom: null, via: 'imap' });
              handled++;
            }
          }
          await client.messageFlagsAdd(String(m.uid), ['\\Seen'], { uid: true });
        }
      } finally {
        lock.release();
      }
    } finally {
      await client.logout().catch(() => {});
    }
    return handled;
  }

  const tick = () => {
    if (running) return;
    running = poll()
      .catch((error: unknown) => {
        log('warn', 'IMAP poll failed', { error: String(error) });
        return 0;
      })
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, c.imapPollSeconds * 1000);
  timer.unref();
  setTimeout(tick, 1000).unref();
  return {
    pollOnce: () =>
      running ??
      (running = poll().finally(() => {
        running = null;
      })),
    async close() {
      clearInterval(timer);
      await running?.catch(() => {});
    },
  };
}
