/** SQL for case documents (the bytes live under the data folder). */
import type { DbOrTx, Tx } from '../../kernel/db/database.ts';
import type { Visibility } from '../../kernel/types.ts';

export async function insertDocument(
  tx: Tx,
  d: {
    id: string;
    caseId: string;
    filename: string;
    contentType: string;
    sizeBytes: number;
    sha256: string;
    storageKey: string;
    visibility: Visibility;
    uploadedBy: string | null;
  },
) {
  return tx
    .insertInto('documents')
    .values({
      id: d.id,
      case_id: d.caseId,
      filename: d.filename,
      content_type: d.contentType,
      size_bytes: d.sizeBytes,
      sha256: d.sha256,
      storage_key: d.storageKey,
      visibility: d.visibility,
      uploaded_by: d.uploadedBy,
    })
    .returning(['id', 'case_id', 'filename', 'content_type', 'size_bytes', 'sha256', 'visibility', 'created_at'])
    .executeTakeFirstOrThrow();
}

export async function listDocuments(db: DbOrTx, caseId: string, publicOnly: boolean) {
  let q = db
    .selectFrom('documents')
    .select(['id', 'case_id', 'filename', 'content_type', 'size_bytes', 'sha256', 'visibility', 'created_at'])
    .where('case_id', '=', caseId);
  if (publicOnly) q = q.where('visibility', '=', 'public');
  return q.orderBy('created_at').execute();
}

export async function findDocument(db: DbOrTx, caseId: string, id: string) {
  return db.selectFrom('documents').selectAll().where('case_id', '=', caseId).where('id', '=', id).executeTakeFirst();
}
