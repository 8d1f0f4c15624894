/**
 * Demo only: the citizen's phone (issue 14, item 8). Any demo citizen "writes" to Glas by SMS or Viber
 * through the demo's real local peers (the SMS centre delivers a deliver_sm over SMPP, the Viber API
 * posts a signed webhook callback), so the chatbot, status by SMS and reporting by SMS answer exactly
 * as they would a real phone; the conversation is what the citizen sent and what the peers received
 * for them. Every route is 404 outside demo mode.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Ctx } from '../../kernel/context.ts';
import { errorBody } from '../../http/errors.ts';
import { text, type RouteApp } from '../../http/schemas.ts';
import { currentService, type DemoPeers } from '../service.ts';
import { demoCitizens } from '../repositories/contact-repository.ts';

interface Sent {
  channel: 'sms' | 'viber';
  from: string;
  text: string;
  at: Date;
}
// What demo citizens sent, newest last; a demo runs in one process, and the peers keep only memory too.
const sentByCitizens: Sent[] = [];
const digits = (s: string) => s.replace(/\D/g, '');

function peersOf(ctx: Ctx, req: FastifyRequest, reply: FastifyReply): DemoPeers | null {
  const peers = ctx.config.demo ? currentService()?.peers : null;
  if (!peers) void reply.status(404).send(errorBody(req, 'not_found'));
  return peers ?? null;
}

export function demoPhoneRoutes(app: RouteApp, ctx: Ctx) {
  const tags = ['demo'];
  app.get(
    '/api/v1/demo/phone/citizens',
    { config: { auth: 'public' }, schema: { tags, summary: "Demo only: the demo citizens whose phone the citizen's phone page can use" } },
    async (req, reply) => {
      if (!peersOf(ctx, req, reply)) return reply;
      return { items: await demoCitizens(ctx.db) };
    },
  );

  app.post(
    '/api/v1/demo/phone/messages',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'Demo only: send an SMS or a Viber message to Glas as a demo citizen, through the local SMS centre or Viber API',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['channel', 'from', 'text'],
          properties: { channel: { type: 'string', enum: ['sms', 'viber'] }, from: text(100), text: text(1000), name: text(200) },
        } as const,
      },
    },
    async (req, reply) => {
      const peers = peersOf(ctx, req, reply);
      if (!peers) return reply;
      const b = req.body;
      if (b.channel === 'sms') {
        await peers.smsc.injectInbound(digits(b.from), ctx.config.smppSourceAddr, b.text);
      } else {
        await peers.viber.sendUserEvent({
          event: 'message',
          sender: { id: b.from, name: b.name ?? 'Demo', language: 'sr' },
          message: { type: 'text', text: b.text },
        });
      }
      sentByCitizens.push({ channel: b.channel, from: b.channel === 'sms' ? digits(b.from) : b.from, text: b.text, at: ctx.now() });
      if (sentByCitizens.length > 500) sentByCitizens.splice(0, sentByCitizens.length - 500);
      return reply.status(202).send({ sent: true });
    },
  );

  app.get(
    '/api/v1/demo/phone/conversation',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: "Demo only: a demo citizen's SMS and Viber conversation with Glas, oldest first",
        querystring: { type: 'object', additionalProperties: false, properties: { phone: text(30), viber: text(100) } } as const,
      },
    },
    async (req, reply) => {
      const peers = peersOf(ctx, req, reply);
      if (!peers) return reply;
      const phone = req.query.phone ? digits(req.query.phone) : null;
      const viber = req.query.viber ?? null;
      const items = [
        ...sentByCitizens.filter((s) => (s.channel === 'sms' ? s.from === phone : s.from === viber)).map((s) => ({ ...s, direction: 'in' as const })),
        ...(phone ? peers.smsc.received().filter((m) => digits(m.destination) === phone) : []).map((m) => ({
          channel: 'sms' as const,
          direction: 'out' as const,
          text: m.text,
          at: m.receivedAt,
        })),
        ...(viber ? peers.viber.received().filter((m) => m.receiver === viber) : []).map((m) => ({
          channel: 'viber' as const,
          direction: 'out' as const,
          text: m.text ?? '',
          at: m.receivedAt,
          buttons: replyButtons(m.keyboard),
        })),
      ].sort((a, b) => a.at.getTime() - b.at.getTime());
      // The buttons of the bot's keyboard come with its message, so the phone can offer them as Viber does.
      return {
        items: items.map(({ channel, direction, text: body, at, ...rest }) => ({
          channel,
          direction,
          text: body,
          at,
          ...('buttons' in rest && rest.buttons.length ? { buttons: rest.buttons } : {}),
        })),
      };
    },
  );
}

/** The reply buttons of a Viber keyboard (what each shows, and what tapping it sends back). */
function replyButtons(keyboard: unknown): { text: string; reply: string }[] {
  const buttons = (keyboard as { Buttons?: { ActionType?: string; ActionBody?: string; Text?: string }[] } | null | undefined)?.Buttons ?? [];
  return buttons.filter((b) => b.ActionType === 'reply' && b.ActionBody && b.Text).map((b) => ({ text: b.Text!, reply: b.ActionBody! }));
}
