/** A browser session for a citizen who proved who they are: the same cookie sessions staff have. */
import type { Tx } from '../../kernel/db/database.ts';
import type { Ctx } from '../../kernel/context.ts';
import { randomToken, sha256 } from '../../kernel/lib/secrets.ts';
import { insertSession } from '../../kernel/repositories/auth-repository.ts';
import { touchLastLogin } from '../../organisation/repositories/org-repository.ts';
import type { AccountRow } from '../repositories/account-repository.ts';

export interface CitizenSession {
  sessionId: string;
  csrfToken: string;
  expiresAt: Date;
  user: { id: string; displayName: string; role: 'citizen'; partyId: string | null; locale: string | null; hasPassword: boolean };
}

export async function openSession(tx: Tx, ctx: Ctx, account: AccountRow, client: { ip: string; userAgent: string | null }): Promise<CitizenSession> {
  const now = ctx.now();
  const sessionId = randomToken(32);
  const csrfToken = randomToken(24);
  const expiresAt = new Date(now.getTime() + ctx.config.sessionHours * 3_600_000);
  await insertSession(tx, { idHash: sha256(sessionId), userId: account.id, csrfToken, expiresAt, ip: client.ip, userAgent: client.userAgent });
  await touchLastLogin(tx, account.id, now);
  return {
    sessionId,
    csrfToken,
    expiresAt,
    user: {
      id: account.id,
      displayName: account.display_name,
      role: 'citizen',
      partyId: account.party_id,
      locale: account.locale,
      hasPassword: Boolean(account.password_hash),
    },
  };
}
