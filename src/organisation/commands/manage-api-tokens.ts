/** Issues and revokes API tokens for integrations. The token is shown once; only its hash is kept. */
import type { Actor, TokenScope } from '../../kernel/types.ts';
import { AppError, forbidden, notFound } from '../../kernel/lib/errors.ts';
import { randomToken, sha256 } from '../../kernel/lib/secrets.ts';
import { canManageOrganisation } from '../policy.ts';
import { insertApiToken, revokeApiToken } from '../../kernel/repositories/auth-repository.ts';
import { findUser } from '../repositories/org-repository.ts';
import type { Ctx } from '../../kernel/context.ts';
import { audit } from '../../kernel/audit.ts';

export async function createApiToken(ctx: Ctx, actor: Actor, input: { name: string; userId: string; scopes: TokenScope[] }) {
  if (!canManageOrganisation(actor)) throw forbidden();
  return ctx.db.transaction().execute(async (tx) => {
    const user = await findUser(tx, input.userId);
    if (!user || !user.active || user.role === 'citizen') throw new AppError('unknown_user');
    const token = `glas_${randomToken(30)}`;
    const row = await insertApiToken(tx, {
      name: input.name,
      tokenHash: sha256(token),
      userId: user.id,
      scopes: input.scopes,
      createdBy: actor.kind === 'system' ? null : actor.userId,
    });
    await audit(tx, actor, 'create', 'api_token', row.id, undefined, row);
    return { ...row, token };
  });
}

export async function revokeApiTokenCommand(ctx: Ctx, actor: Actor, id: string) {
  if (!canManageOrganisation(actor)) throw forbidden();
  return ctx.db.transaction().execute(async (tx) => {
    const row = await revokeApiToken(tx, id, ctx.now());
    if (!row) throw notFound();
    await audit(tx, actor, 'revoke', 'api_token', id, undefined, row);
    return row;
  });
}
