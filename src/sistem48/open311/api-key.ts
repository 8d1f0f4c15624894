/** Open311 clients authenticate with api_key: an API token of a staff user, with the open311 scope. */
import type { Ctx } from '../../kernel/context.ts';
import type { Actor, StaffRole, TokenScope } from '../../kernel/types.ts';
import { AppError } from '../../kernel/lib/errors.ts';
import { sha256 } from '../../kernel/lib/secrets.ts';
import { findApiToken, touchApiToken } from '../../kernel/repositories/auth-repository.ts';

export async function actorForApiKey(ctx: Ctx, apiKey: unknown): Promise<Actor> {
  if (typeof apiKey !== 'string' || !apiKey) throw new AppError('forbidden', {}, { reason: 'api_key is missing' });
  const row = await findApiToken(ctx.db, sha256(apiKey));
  const scopes = (row?.scopes ?? []) as TokenScope[];
  if (!row || row.revoked_at || !row.active || row.role === 'citizen' || !scopes.includes('open311')) {
    throw new AppError('forbidden', {}, { reason: 'api_key is not valid for Open311' });
  }
  await touchApiToken(ctx.db, row.id, ctx.now(), row.last_used_at);
  return {
    kind: 'staff',
    userId: row.user_id,
    name: row.display_name,
    role: row.role as StaffRole,
    unitId: row.unit_id,
    unitPath: row.unit_path,
    locale: row.locale,
    scopes,
  };
}
