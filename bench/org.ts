/**
 * The benchmark municipality: units, staff and case types, created through the real commands, plus
 * the shares the bulk fill spreads cases over. Every name is prefixed so the org is recognisable.
 */
import type { Ctx } from '../src/kernel/context.ts';
import { createOrgUnit } from '../src/organisation/commands/create-org-unit.ts';
import { createStaffUser } from '../src/organisation/commands/create-staff-user.ts';
import { createCaseType } from '../src/organisation/commands/create-case-type.ts';
import { SYSTEM_ACTOR, type StaffRole, type UnitKind } from '../src/kernel/types.ts';

export const BENCH_PASSWORD = 'bench-glas-2026';

/** The deciding units and their share of the cases of their group ('adm': administrative work, 'pr': communal problem reports). */
export const UNITS: { code: string; kind: UnitKind; name: string; group: 'adm' | 'pr' | null; share: number; officers: number }[] = [
  { code: 'OU', kind: 'department', name: 'Opštinska uprava', group: null, share: 0, officers: 0 },
  { code: 'PIS', kind: 'registry_office', name: 'Pisarnica (šalter sala)', group: null, share: 0, officers: 0 },
  { code: 'CC', kind: 'registry_office', name: 'Pozivni centar Sistem 48', group: null, share: 0, officers: 0 },
  { code: 'URB', kind: 'department', name: 'Odeljenje za urbanizam i građevinarstvo', group: 'adm', share: 0.3, officers: 8 },
  { code: 'IMO', kind: 'department', name: 'Odeljenje za imovinsko-pravne poslove', group: 'adm', share: 0.14, officers: 4 },
  { code: 'FIN', kind: 'department', name: 'Odeljenje za finansije i lokalnu poresku administraciju', group: 'adm', share: 0.16, officers: 5 },
  { code: 'DRU', kind: 'department', name: 'Odeljenje za društvene delatnosti', group: 'adm', share: 0.12, officers: 4 },
  { code: 'OPS', kind: 'department', name: 'Odeljenje za opštu upravu i matične knjige', group: 'adm', share: 0.14, officers: 4 },
  { code: 'PRI', kind: 'department', name: 'Odeljenje za privredu i lokalni ekonomski razvoj', group: 'adm', share: 0.07, officers: 2 },
  { code: 'ZIV', kind: 'department', name: 'Odeljenje za zaštitu životne sredine', group: 'adm', share: 0.07, officers: 2 },
  { code: 'KOM', kind: 'department', name: 'Odeljenje za komunalne poslove', group: 'pr', share: 0.4, officers: 5 },
  { code: 'JKP', kind: 'public_enterprise', name: 'JKP Komunalac', group: 'pr', share: 0.35, officers: 4 },
  { code: 'VOD', kind: 'public_enterprise', name: 'JKP Vodovod i kanalizacija', group: 'pr', share: 0.15, officers: 3 },
  { code: 'INS', kind: 'inspection', name: 'Komunalna inspekcija', group: 'pr', share: 0.1, officers: 3 },
  { code: 'ZZS', kind: 'external_institution', name: 'Zavod za zaštitu spomenika kulture', group: null, share: 0, officers: 0 },
  { code: 'RGZ', kind: 'external_institution', name: 'Republički geodetski zavod', group: null, share: 0, officers: 0 },
];

/** Case types, their share of all cases and the registry unit that takes them in. */
export const CASE_TYPES: { code: string; name: string; pattern: string; days: number | null; share: number; registry: 'PIS' | 'CC'; problemReport: boolean }[] =
  [
    { code: 'UP', name: 'Upravni postupak', pattern: 'UP-I-{unit}-{seq:3}/{yyyy}', days: 30, share: 0.42, registry: 'PIS', problemReport: false },
    { code: 'PR', name: 'Prijava komunalnog problema', pattern: 'S48-{seq:5}/{yy}', days: 7, share: 0.3, registry: 'CC', problemReport: true },
    { code: 'ZH', name: 'Pritužba', pattern: 'ZH-{unit}-{seq}/{yyyy}', days: 15, share: 0.1, registry: 'PIS', problemReport: false },
    { code: 'IN', name: 'Zahtev za informacije od javnog značaja', pattern: 'IN-{seq}/{yyyy}', days: 15, share: 0.12, registry: 'PIS', problemReport: false },
    { code: 'OS', name: 'Opšta korespondencija', pattern: 'OS-{unit}-{seq}/{yyyy}', days: null, share: 0.06, registry: 'PIS', problemReport: false },
  ];

/** The unit whose queue the queue-page benchmark reads, and the users each benchmark acts as. */
export const QUEUE_UNIT = 'URB';
export const USERNAMES = { registry: 'bench.pis1', operator: 'bench.cc1', leadership: 'bench.rukovodstvo', queueOfficer: 'bench.urb1' } as const;

const staff = (username: string, role: StaffRole, unit: string | null, name: string) => ({ username, role, unit, name });

function staffList() {
  const list = [
    staff('bench.admin', 'admin', null, 'Administrator'),
    staff(USERNAMES.leadership, 'leadership', null, 'Rukovodstvo opštine'),
    staff('bench.pis1', 'registry_clerk', 'PIS', 'Marija Pisarević'),
    staff('bench.pis2', 'registry_clerk', 'PIS', 'Jovan Šalterović'),
    staff(USERNAMES.operator, 'operator', 'CC', 'Ana Pozivić'),
  ];
  for (const u of UNITS) {
    for (let i = 1; i <= u.officers; i++) list.push(staff(`bench.${u.code.toLowerCase()}${i}`, 'case_officer', u.code, `Referent ${u.code} ${i}`));
    if (u.officers) list.push(staff(`bench.${u.code.toLowerCase()}.sef`, 'unit_head', u.code, `Šef ${u.code}`));
  }
  return list;
}

export interface BenchOrg {
  units: Record<string, { id: string; name: string; path: string }>;
  users: { id: string; username: string; role: StaffRole; unit: string | null; name: string }[];
  types: Record<string, { id: number }>;
}

/** Creates the organisation through the commands the product uses. */
export async function createBenchOrg(ctx: Ctx): Promise<BenchOrg> {
  const sys = SYSTEM_ACTOR;
  const units: BenchOrg['units'] = {};
  for (const u of UNITS) {
    const parentId = u.kind === 'external_institution' || u.kind === 'public_enterprise' || u.code === 'OU' ? null : units.OU!.id;
    const row = await createOrgUnit(ctx, sys, { kind: u.kind, code: u.code, name: u.name, parentId });
    units[u.code] = { id: row.id, name: row.name, path: row.path };
  }
  const users: BenchOrg['users'] = [];
  for (const s of staffList()) {
    const row = await createStaffUser(ctx, sys, {
      username: s.username,
      displayName: s.name,
      password: BENCH_PASSWORD,
      role: s.role,
      unitId: s.unit ? units[s.unit]!.id : null,
    });
    users.push({ id: row.id, username: s.username, role: s.role, unit: s.unit, name: s.name });
  }
  const types: BenchOrg['types'] = {};
  for (const t of CASE_TYPES) {
    const row = await createCaseType(ctx, sys, {
      code: t.code,
      name: { 'sr-Latn': t.name, en: t.name },
      numberPattern: t.pattern,
      resolutionDays: t.days,
      problemReport: t.problemReport,
    });
    types[t.code] = { id: row.id };
  }
  return { units, users, types };
}
