/**
 * A small municipality for tests: a registry office, two departments (A and B) under one
 * administration, a public enterprise and an outside institution; one user of every role; one case
 * type. Built through the real commands.
 */
import { before, after } from 'node:test';
import type { Ctx } from '../../src/kernel/context.ts';
import { createTestDatabase, type TestDb } from './db.ts';
import { createOrgUnit } from '../../src/organisation/commands/create-org-unit.ts';
import { createStaffUser } from '../../src/organisation/commands/create-staff-user.ts';
import { createCaseType } from '../../src/organisation/commands/create-case-type.ts';
import { SYSTEM_ACTOR, type Actor, type StaffRole } from '../../src/kernel/types.ts';

export const PASSWORD = 'test-password-123';

export async function seedMunicipality(ctx: Ctx) {
  const sys = SYSTEM_ACTOR;
  const admin = await createOrgUnit(ctx, sys, { kind: 'department', code: 'ADM', name: 'Uprava' });
  const units = {
    admin,
    registry: await createOrgUnit(ctx, sys, { kind: 'registry_office', code: 'PIS', name: 'Pisarnica', parentId: admin.id }),
    a: await createOrgUnit(ctx, sys, { kind: 'department', code: 'A', name: 'Odeljenje A', parentId: admin.id }),
    b: await createOrgUnit(ctx, sys, { kind: 'department', code: 'B', name: 'Odeljenje B', parentId: admin.id }),
    jkp: await createOrgUnit(ctx, sys, { kind: 'public_enterprise', code: 'JKP', name: 'JKP Vodovod' }),
    institution: await createOrgUnit(ctx, sys, { kind: 'external_institution', code: 'ZAV', name: 'Zavod za zaštitu prirode' }),
  };
  const specs: [string, StaffRole, keyof typeof units | null][] = [
    ['admin', 'admin', null],
    ['registry', 'registry_clerk', 'registry'],
    ['clerkA', 'case_officer', 'a'],
    ['clerkB', 'case_officer', 'b'],
    ['headA', 'unit_head', 'a'],
    ['headAdm', 'unit_head', 'admin'],
    ['operator', 'operator', 'registry'],
    ['leader', 'leadership', null],
  ];
  const users: Record<string, { id: string; username: string; actor: Actor }> = {};
  for (const [username, role, unitKey] of specs) {
    const unit = unitKey ? units[unitKey] : null;
    const u = await createStaffUser(ctx, sys, { username, displayName: `User ${username}`, password: PASSWORD, role, unitId: unit?.id ?? null });
    users[username] = {
      id: u.id,
      username,
      actor: { kind: 'staff', userId: u.id, name: u.display_name, role, unitId: unit?.id ?? null, unitPath: unit?.path ?? null, locale: null, scopes: null },
    };
  }
  const caseType = await createCaseType(ctx, sys, {
    code: 'UP',
    name: { en: 'Administrative procedure', 'sr-Latn': 'Upravni postupak' },
    numberPattern: 'UP-I-{unit}-{seq:3}/{yyyy}',
    resolutionDays: 30,
  });
  return { units, users, caseType };
}

export type Municipality = Awaited<ReturnType<typeof seedMunicipality>>;

/**
 * A test file's own database with the municipality seeded: made before the file's tests, dropped after them. Read
 * `ctx` and `m` inside tests (they exist once the file's `before` has run).
 */
export function seededDatabase(): { readonly ctx: Ctx; readonly m: Municipality } {
  let db: TestDb | undefined;
  let municipality: Municipality | undefined;
  before(async () => {
    db = await createTestDatabase();
    municipality = await seedMunicipality(db.ctx);
  });
  after(async () => {
    await db?.drop();
  });
  return {
    get ctx() {
      if (!db) throw new Error('seededDatabase: read ctx inside a test, after the file has started');
      return db.ctx;
    },
    get m() {
      if (!municipality) throw new Error('seededDatabase: read m inside a test, after the file has started');
      return municipality;
    },
  };
}
