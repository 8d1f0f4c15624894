/**
 * A one-time link (and QR code) that opens the municipality's Viber bot and ties the Viber user who
 * follows it to the citizen's party: Viber passes the token back as the conversation's context.
 */
import type { Ctx } from '../../kernel/context.ts';
import type { Actor } from '../../kernel/types.ts';
import { notFound } from '../../kernel/lib/errors.ts';
import { hashLinkToken, newLinkToken } from '../domain/one-time-code.ts';
import { insertLinkToken } from '../repositories/viber-repository.ts';

export const viberChatUrl = (chatUri: string, token: string) => `viber://pa?chatURI=${encodeURIComponent(chatUri)}&context=${encodeURIComponent(token)}`;

export async function createViberLink(ctx: Ctx, actor: Actor): Promise<{ token: string; url: string; expiresAt: Date }> {
  if (actor.kind !== 'citizen' || !actor.partyId) throw notFound();
  const now = ctx.now();
  const token = newLinkToken();
  const expiresAt = new Date(now.getTime() + ctx.config.activationHours * 3_600_000);
  await insertLinkToken(ctx.db, { tokenHash: hashLinkToken(token), partyId: actor.partyId, createdBy: actor.userId, createdAt: now, expiresAt });
  return { token, url: viberChatUrl(ctx.config.viberChatUri, token), expiresAt };
}
