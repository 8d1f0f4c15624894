/** SQL for org units and staff users. */
import { sql } from 'kysely';
import type { DbOrTx, Tx } from '../../kernel/db/database.ts';
import type { Role, UnitKind } from '../../kernel/types.ts';

export async function findUnit(db: DbOrTx, id: string) {
  return db.selectFrom('org_units').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findUnitByCode(db: DbOrTx, code: string) {
  return db.selectFrom('org_units').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function listUnits(db: DbOrTx) {
  return db.selectFrom('org_units').selectAll().orderBy('path').execute();
}

export async function insertUnit(
  tx: Tx,
  u: { kind: UnitKind; code: string; name: string; parentId: string | null; parentPath: string | null; email: string | null },
) {
  const row = await tx
    .insertInto('org_units')
    .values({ kind: u.kind, code: u.code, name: u.name, parent_id: u.parentId, path: '/', email: u.email })
    .returning('id')
    .executeTakeFirstOrThrow();
  const path = `${u.parentPath ?? '/'}${row.id}/`;
  return tx.updateTable('org_units').set({ path }).where('id', '=', row.id).returningAll().executeTakeFirstOrThrow();
}

export async function updateUnit(tx: Tx, id: string, patch: { name?: string; head_user_id?: string | null; email?: string | null; active?: boolean }) {
  if (Object.keys(patch).length === 0) return findUnit(tx, id);
  return tx.updateTable('org_units').set(patch).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function findUser(db: DbOrTx, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findUserByUsername(db: DbOrTx, username: string) {
  return db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
    .executeTakeFirst();
}

export async function listStaff(db: DbOrTx, unitId?: string) {
  let q = db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'role', 'unit_id', 'email', 'phone', 'locale', 'active', 'created_at', 'last_login_at'])
    .select((eb) =>
      eb
        .exists(eb.selectFrom('staff_second_factors as f').select('f.user_id').whereRef('f.user_id', '=', 'users.id').where('f.confirmed_at', 'is not', null))
        .as('second_factor'),
    )
    .where('role', '!=', 'citizen');
  if (unitId) q = q.where('unit_id', '=', unitId);
  return q.orderBy('display_name').execute();
}

export async function insertUser(
  tx: Tx,
  u: {
    username: string | null;
    displayName: string;
    passwordHash: string | null;
    role: Role;
    unitId: string | null;
    email?: string | null;
    phone?: string | null;
    locale?: string | null;
    partyId?: string | null;
  },
) {
  return tx
    .insertInto('users')
    .values({
      username: u.username,
      display_name: u.displayName,
      password_hash: u.passwordHash,
      role: u.role,
      unit_id: u.unitId,
      email: u.email ?? null,
      phone: u.phone ?? null,
      locale: u.locale ?? null,
      party_id: u.partyId ?? null,
    })
    .returning(['id', 'username', 'display_name', 'role', 'unit_id', 'email', 'phone', 'locale', 'active', 'created_at'])
    .executeTakeFirstOrThrow();
}

export async function countUsers(db: DbOrTx): Promise<number> {
  const r = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function touchLastLogin(db: DbOrTx, id: string, at: Date) {
  await db.updateTable('users').set({ last_login_at: at }).where('id', '=', id).execute();
}

/** Whether anyone can sign in as an administrator (an active admin with a password). */
export async function hasActiveAdministrator(db: DbOrTx): Promise<boolean> {
  const r = await db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'admin')
    .where('active', '=', true)
    .where('password_hash', 'is not', null)
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

export async function setUserActive(tx: Tx, id: string, active: boolean) {
  return tx
    .updateTable('users')
    .set({ active })
    .where('id', '=', id)
    .returning(['id', 'username', 'display_name', 'role', 'unit_id', 'active'])
    .executeTakeFirst();
}

export async function setUserLocale(tx: Tx, id: string, locale: string) {
  const before = await tx.selectFrom('users').select('locale').where('id', '=', id).forUpdate().executeTakeFirst();
  await tx.updateTable('users').set({ locale }).where('id', '=', id).execute();
  return before?.locale ?? null;
}

export async function setPasswordHash(tx: Tx, id: string, passwordHash: string) {
  await tx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', id).execute();
}

export async function updateUser(
  tx: Tx,
  id: string,
  patch: { display_name?: string; email?: string | null; role?: Role; unit_id?: string | null; locale?: string | null },
) {
  return tx
    .updateTable('users')
    .set(patch)
    .where('id', '=', id)
    .returning(['id', 'username', 'display_name', 'role', 'unit_id', 'email', 'phone', 'locale', 'active', 'created_at', 'last_login_at'])
    .executeTakeFirst();
}

/** Moves a unit under a new parent: its path and every descendant's path change with it. */
export async function moveUnit(tx: Tx, id: string, oldPath: string, parentId: string | null, parentPath: string | null) {
  const newPath = `${parentPath ?? '/'}${id}/`;
  await tx.updateTable('org_units').set({ parent_id: parentId }).where('id', '=', id).execute();
  await sql`update org_units set path = ${newPath} || substr(path, ${oldPath.length + 1}) where path like ${`${oldPath}%`}`.execute(tx);
}
