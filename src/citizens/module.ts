/**
 * Citizens' channels as a Glas module: portal accounts (made at the counter, or by signing up),
 * one-time codes and links, the Viber chatbot and SMS coming in (through the notification module's
 * channels), and e-mail coming in (Glas's own SMTP listener and a polled IMAP mailbox). Everything
 * it sends goes through the notification module's one outbox (queue-direct-message.ts).
 */
import type { GlasModule } from '../kernel/module.ts';
import type { Ctx } from '../kernel/context.ts';
import { setInboundHandlers } from '../notifications/start.ts';
import { citizenRoutes } from './http/routes.ts';
import { counterAccountOutbox } from './commands/provision-counter-account.ts';
import { SWEEP_CODES_TASK, sweepExpiredCodes } from './commands/sweep-expired-codes.ts';
import { handleViberConversation } from './commands/handle-viber-conversation.ts';
import { handleInboundSms } from './commands/handle-inbound-sms.ts';
import { startMailListener, type MailListener } from './mail/smtp-listener.ts';
import { startImapPoller, type ImapPoller } from './mail/imap-poller.ts';

/** The demo's SMTP listener port when GLAS_MAIL_IN_PORT is not set. */
export const DEMO_MAIL_IN_PORT = 2526;

let listener: MailListener | null = null;
let poller: ImapPoller | null = null;

export function mailListener(): MailListener | null {
  return listener;
}

export const citizensModule: GlasModule = {
  name: 'citizens',
  routes: [citizenRoutes],
  outbox: [counterAccountOutbox],
  tasks: (ctx: Ctx) => ({
    [SWEEP_CODES_TASK]: async () => {
      await sweepExpiredCodes(ctx);
    },
  }),
  cron: [`23 * * * * ${SWEEP_CODES_TASK}`],
  async start(ctx) {
    setInboundHandlers({
      sms: async (c, sms) => {
        await handleInboundSms(c, sms);
      },
      viber: async (c, event) => {
        await handleViberConversation(c, event);
      },
    });
    const port = ctx.config.mailInPort ?? (ctx.config.demo ? DEMO_MAIL_IN_PORT : undefined);
    if (port !== undefined) {
      try {
        listener = await startMailListener(ctx, { host: ctx.config.mailInHost, port });
      } catch (error) {
        // A second demo on the same machine: the other one takes the mail.
        if (!ctx.config.demo || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
        listener = await startMailListener(ctx, { host: ctx.config.mailInHost, port: 0 });
      }
    }
    poller = startImapPoller(ctx);
  },
  async stop() {
    setInboundHandlers({});
    await poller?.close();
    await listener?.close();
    poller = null;
    listener = null;
  },
};
