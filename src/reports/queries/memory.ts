/** Report queries that sort or group a hundred thousand rows get more working memory than PostgreSQL's 4 MB default, for their own transaction only. */
import { sql } from 'kysely';
import type { Db, DbOrTx } from '../../kernel/db/database.ts';

const WORK_MEM = '64MB';

export async function withReportMemory<T>(db: DbOrTx, fn: (db: DbOrTx) => Promise<T>): Promise<T> {
  if (db.isTransaction) {
    await sql`select set_config('work_mem', ${WORK_MEM}, true)`.execute(db);
    return fn(db);
  }
  return (db as Db).transaction().execute(async (tx) => {
    await sql`select set_config('work_mem', ${WORK_MEM}, true)`.execute(tx);
    return fn(tx);
  });
}
