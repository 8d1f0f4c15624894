/** The administrator's list of the latest imports of report history. */
import type { Actor } from '../../kernel/types.ts';
import type { Ctx } from '../../kernel/context.ts';
import { forbidden } from '../../kernel/lib/errors.ts';
import { canConfigureSistem48 } from '../policy.ts';
import { listReportImports } from '../repositories/import-repository.ts';

export async function reportImports(ctx: Ctx, actor: Actor) {
  if (!canConfigureSistem48(actor)) throw forbidden();
  return (await listReportImports(ctx.db, 50)).map((r) => ({
    id: r.id,
    fileName: r.file_name,
    importedAt: new Date(r.imported_at).toISOString(),
    importedBy: r.imported_by_name ?? null,
    rows: r.rows_total,
    created: r.created,
    alreadyImported: r.already_imported,
    categoriesCreated: r.categories_created,
  }));
}
