/**
 * Sistem 48's published look-up for other rooms (reports' budget lines name a category): whether a
 * problem category exists, without handing out the category repository.
 */
import type { DbOrTx } from '../../kernel/db/database.ts';
import { findCategory } from '../repositories/category-repository.ts';

export async function categoryExists(db: DbOrTx, id: number): Promise<boolean> {
  return (await findCategory(db, { id })) !== undefined;
}
