/** SQL for report photos. */
import type { DbOrTx, Tx } from '../../kernel/db/database.ts';

export interface NewPhoto {
  id: string;
  caseId: string;
  source: 'citizen' | 'field';
  contentType: 'image/jpeg' | 'image/png';
  width: number;
  height: number;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
  uploadedBy: string | null;
  approvedAt: Date | null;
  approvedBy: string | null;
}

export async function insertPhoto(tx: Tx, p: NewPhoto) {
  await tx
    .insertInto('report_photos')
    .values({
      id: p.id,
      case_id: p.caseId,
      source: p.source,
      content_type: p.contentType,
      width: p.width,
      height: p.height,
      size_bytes: p.sizeBytes,
      sha256: p.sha256,
      storage_key: p.storageKey,
      uploaded_by: p.uploadedBy,
      approved_at: p.approvedAt,
      approved_by: p.approvedBy,
    })
    .execute();
}

export async function listPhotos(db: DbOrTx, caseId: string) {
  return db.selectFrom('report_photos').selectAll().where('case_id', '=', caseId).orderBy('created_at').execute();
}

export async function findPhoto(db: DbOrTx, id: string) {
  return db.selectFrom('report_photos').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function approvePhoto(tx: Tx, id: string, by: string | null, at: Date) {
  return tx
    .updateTable('report_photos')
    .set({ approved_at: at, approved_by: by })
    .where('id', '=', id)
    .where('approved_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}
