/**
 * The demo municipality: units of every kind, staff of every role, case types, and a few dozen
 * cases over the last six weeks in every status, created through the real commands so their
 * histories, numbers and hash chains are exactly what production would write.
 */
import type { Ctx } from '../kernel/context.ts';
import { createOrgUnit } from '../organisation/commands/create-org-unit.ts';
import { updateOrgUnit } from '../organisation/commands/update-org-unit.ts';
import { createStaffUser } from '../organisation/commands/create-staff-user.ts';
import { createCaseType } from '../organisation/commands/create-case-type.ts';
import { registerCase } from '../cases/commands/register-case.ts';
import { transitionCase } from '../cases/commands/transition-case.ts';
import { assignCase } from '../cases/commands/assign-case.ts';
import { addCaseNote } from '../cases/commands/add-case-note.ts';
import { countUsers } from '../organisation/repositories/org-repository.ts';
import { SYSTEM_ACTOR, type Actor, type CaseStatus, type StaffRole } from '../kernel/types.ts';
import { seedSistem48Demo } from '../sistem48/demo.ts';
import { grantDemoConsents } from '../notifications/demo.ts';
import { seedReportHistory } from '../sistem48/demo-history.ts';
import { publishWeeklyOverview } from '../reports/commands/publish-weekly-overview.ts';
import { addWeeks, isoWeekOf } from '../reports/domain/calendar.ts';

export const DEMO_LOGINS: { username: string; role: StaffRole; name: string; unit: string | null }[] = [
  { username: 'admin', role: 'admin', name: 'Ana Administratorka', unit: null },
  { username: 'pisarnica', role: 'registry_clerk', name: 'Marija Marković', unit: 'PIS' },
  { username: 'referent', role: 'case_officer', name: 'Petar Petrović', unit: 'URB' },
  { username: 'komunalni', role: 'case_officer', name: 'Jelena Janković', unit: 'KOM' },
  { username: 'sef', role: 'unit_head', name: 'Dragan Nikolić', unit: 'URB' },
  { username: 'operater', role: 'operator', name: 'Ivana Ilić', unit: 'CC' },
  { username: 'jkp', role: 'case_officer', name: 'Milan Stojanović', unit: 'JKP' },
  { username: 'rukovodstvo', role: 'leadership', name: 'Zoran Zorić', unit: null },
];

const CITIZENS = [
  { name: 'Đorđe Đorđević', phone: '+381641234501', email: 'djordje@example.org', locale: 'sr-Latn' },
  { name: 'Љубиша Јовановић', phone: '+381641234502', email: null, locale: 'sr-Cyrl' },
  { name: 'Milica Petrović', phone: '+381641234503', email: 'milica@example.org', locale: 'sr-Latn' },
  { name: 'Amra Hodžić', phone: '+38761234504', email: 'amra@example.org', locale: 'bs' },
  { name: 'Ivan Horvat', phone: null, email: 'ivan.horvat@example.org', locale: 'hr' },
  { name: 'Jana Novak', phone: '+38640123456', email: 'jana@example.org', locale: 'sl' },
  { name: 'Građevina d.o.o.', phone: '+381111234567', email: 'kancelarija@gradjevina.example', locale: 'sr-Latn', legal: true },
] as const;

/** Where each demo case ends up, in the order its steps are taken. */
const PATHS: CaseStatus[][] = [
  [],
  ['delivered'],
  ['delivered', 'accepted'],
  ['delivered', 'accepted', 'in_progress'],
  ['delivered', 'accepted', 'in_progress', 'awaiting_opinion'],
  ['delivered', 'accepted', 'incomplete'],
  ['delivered', 'accepted', 'in_progress', 'approved'],
  ['delivered', 'accepted', 'in_progress', 'rejected'],
  ['delivered', 'accepted', 'incomplete', 'dismissed'],
  ['delivered', 'accepted', 'in_progress', 'awaiting_opinion', 'suspended'],
  ['delivered', 'accepted', 'in_progress', 'resolved'],
  ['delivered', 'accepted', 'in_progress', 'rejected', 'appeal_received'],
  ['delivered', 'accepted', 'in_progress', 'approved', 'returned_to_registry'],
  ['delivered', 'accepted', 'in_progress', 'approved', 'returned_to_registry', 'archived'],
];

const SUBJECTS = [
  'Zahtjev za izdavanje građevinske dozvole',
  'Zahtev za legalizaciju pomoćnog objekta',
  'Prijava oštećenog kolovoza u ulici Njegoševoj',
  'Zahtjev za priključak na vodovodnu mrežu',
  'Zahtev za izdavanje uverenja o kućnoj zajednici',
  'Pritužba na rad komunalne službe',
  'Prijava divlje deponije kod mosta',
  'Zahtjev za postavljanje ležećeg policajca',
  'Захтев за издавање локацијских услова',
  'Zahtjev za informacije o urbanističkom planu',
  'Ne radi ulična rasvjeta u naselju Centar',
  'Zahtev za sufinansiranje energetske sanacije',
];

export async function seedDemoIfEmpty(ctx: Ctx): Promise<boolean> {
  if ((await countUsers(ctx.db)) > 0) return false;
  await seedDemo(ctx);
  return true;
}

export async function seedDemo(ctx: Ctx): Promise<void> {
  const sys = SYSTEM_ACTOR;
  const password = ctx.config.adminPassword ?? 'demo-glas-2026';
  const unit = async (kind: Parameters<typeof createOrgUnit>[2]['kind'], code: string, name: string, parentId?: string) =>
    createOrgUnit(ctx, sys, { kind, code, name, parentId: parentId ?? null });
  const uprava = await unit('department', 'OU', 'Opštinska uprava');
  const units: Record<string, Awaited<ReturnType<typeof unit>>> = {
    OU: uprava,
    PIS: await unit('registry_office', 'PIS', 'Pisarnica (šalter sala)', uprava.id),
    CC: await unit('registry_office', 'CC', 'Pozivni centar Sistem 48', uprava.id),
    URB: await unit('department', 'URB', 'Odeljenje za urbanizam i građevinarstvo', uprava.id),
    KOM: await unit('department', 'KOM', 'Odeljenje za komunalne poslove', uprava.id),
    JKP: await unit('public_enterprise', 'JKP', 'JKP Komunalac'),
    INS: await unit('inspection', 'INS', 'Komunalna inspekcija', uprava.id),
    ZZS: await unit('external_institution', 'ZZS', 'Zavod za zaštitu spomenika kulture'),
    RGZ: await unit('external_institution', 'RGZ', 'Republički geodetski zavod'),
  };
  const users: Record<string, Actor> = {};
  for (const l of DEMO_LOGINS) {
    // Staff have e-mail addresses so that escalations of unanswered reports show in /demo/messages.
    const u = await createStaffUser(ctx, sys, {
      username: l.username,
      displayName: l.name,
      password,
      role: l.role,
      unitId: l.unit ? units[l.unit]!.id : null,
      email: `${l.username}@opstina.example.org`,
    });
    const unitRow = l.unit ? units[l.unit]! : null;
    users[l.username] = {
      kind: 'staff',
      userId: u.id,
      name: l.name,
      role: l.role,
      unitId: unitRow?.id ?? null,
      unitPath: unitRow?.path ?? null,
      locale: null,
      scopes: null,
    };
  }
  await updateOrgUnit(ctx, sys, units.URB!.id, { headUserId: (users.sef as { userId: string }).userId });

  const names = (en: string, sr: string, bs: string, hr: string, sl: string) => ({ en, 'sr-Latn': sr, bs, hr, cnr: bs, sl });
  const types = {
    UP: await createCaseType(ctx, sys, {
      code: 'UP',
      name: names('Administrative procedure', 'Upravni postupak', 'Upravni postupak', 'Upravni postupak', 'Upravni postopek'),
      numberPattern: 'UP-I-{unit}-{seq:3}/{yyyy}',
      resolutionDays: 30,
    }),
    PR: await createCaseType(ctx, sys, {
      code: 'PR',
      name: names(
        'Communal problem report',
        'Prijava komunalnog problema',
        'Prijava komunalnog problema',
        'Prijava komunalnog problema',
        'Prijava komunalne težave',
      ),
      numberPattern: 'S48-{seq:5}/{yy}',
      resolutionDays: 7,
      problemReport: true,
    }),
    ZH: await createCaseType(ctx, sys, {
      code: 'ZH',
      name: names('Complaint', 'Pritužba', 'Pritužba', 'Pritužba', 'Pritožba'),
      numberPattern: 'ZH-{unit}-{seq}/{yyyy}',
      resolutionDays: 15,
    }),
    IN: await createCaseType(ctx, sys, {
      code: 'IN',
      name: names('Information request', 'Zahtev za informacije', 'Zahtjev za informacije', 'Zahtjev za informacije', 'Zahteva za informacije'),
      numberPattern: 'IN-{seq}/{yyyy}',
      resolutionDays: 15,
    }),
  };
  const typeOrder = [types.UP, types.UP, types.PR, types.ZH, types.IN, types.UP];

  const realNow = ctx.now;
  const DAY = 86_400_000;
  const start = realNow().getTime() - 42 * DAY;
  const total = 42;
  const partyIdByName = new Map<string, string>();
  try {
    for (let i = 0; i < total; i++) {
      const path = PATHS[i % PATHS.length]!;
      const citizen = CITIZENS[i % CITIZENS.length]!;
      const type = typeOrder[i % typeOrder.length]!;
      const deciding = type.code === 'PR' ? (i % 2 ? units.JKP! : units.KOM!) : units.URB!;
      const clerk = deciding.code === 'URB' ? users.referent! : deciding.code === 'KOM' ? users.komunalni! : users.jkp!;
      const intake = type.code === 'PR' ? users.operater! : users.pisarnica!;
      let t = start + i * DAY + (9 + (i % 6)) * 3_600_000;
      const at = () => new Date(t);
      ctx.now = at;
      const reg: Awaited<ReturnType<typeof registerCase>> = await registerCase(ctx, intake, {
        caseTypeId: type.id,
        subject: SUBJECTS[i % SUBJECTS.length]!,
        description: 'Podnosilac navodi detalje zahteva u priloženom obrascu.',
        channel: type.code === 'PR' ? (['phone', 'web', 'sms', 'email', 'viber'] as const)[i % 5]! : i % 7 === 3 ? 'post' : 'counter',
        registryUnitId: type.code === 'PR' ? units.CC!.id : units.PIS!.id,
        // Problem reports are routed straight to the body that acts, as Sistem 48 promises.
        deliverToUnitId: type.code === 'PR' && path.length ? deciding.id : null,
        // A returning citizen is picked from the party register, as a clerk would, not entered again.
        parties: [
          partyIdByName.has(citizen.name)
            ? { partyId: partyIdByName.get(citizen.name)!, role: type.code === 'PR' ? 'reporter' : 'applicant' }
            : {
                kind: 'legal' in citizen ? 'legal_entity' : 'person',
                name: citizen.name,
                phone: citizen.phone,
                email: citizen.email,
                locale: citizen.locale,
                role: type.code === 'PR' ? 'reporter' : 'applicant',
              },
        ],
      });
      partyIdByName.set(citizen.name, reg.partyIds[0]!);
      for (const step of path) {
        if (step === 'delivered' && type.code === 'PR') continue;
        t += (2 + (i % 5)) * 3_600_000 + DAY * (step === 'approved' || step === 'rejected' ? 3 : 0.5);
        if (t > realNow().getTime() - 3_600_000) t = realNow().getTime() - 3_600_000;
        const byRegistry = step === 'delivered' || step === 'archived';
        const actor = byRegistry ? intake : step === 'returned_to_registry' ? clerk : clerk;
        await transitionCase(ctx, actor, {
          caseId: reg.id,
          to: step,
          unitId: step === 'delivered' ? deciding.id : step === 'awaiting_opinion' ? (i % 2 ? units.ZZS!.id : units.RGZ!.id) : undefined,
          note:
            step === 'incomplete'
              ? 'Nedostaje kopija lične karte i dokaz o uplati takse.'
              : step === 'approved'
                ? 'Zahtev je usvojen; rešenje je poslato poštom.'
                : null,
          noteVisibility: 'public',
        });
        if (step === 'accepted' && i % 4 === 0) {
          await addCaseNote(ctx, clerk, { caseId: reg.id, text: 'Proveriti usklađenost sa planom detaljne regulacije.', visibility: 'internal' });
        }
      }
      if (path.length === 2 && i % 3 === 0 && deciding.code === 'URB') {
        await assignCase(ctx, users.sef!, {
          caseId: reg.id,
          unitId: units.URB!.id,
          clerkId: (users.sef as { userId: string }).userId,
          note: 'Preuzimam predmet.',
        });
      }
    }
  } finally {
    ctx.now = realNow;
  }
  await seedSistem48Demo(ctx);
  // Twelve weeks of answered, fixed and reopened reports, and their published weekly overviews.
  await seedReportHistory(ctx);
  for (let w = 12; w >= 1; w--) await publishWeeklyOverview(ctx, SYSTEM_ACTOR, addWeeks(isoWeekOf(ctx.now(), ctx.config.timezone), -w));
  await grantDemoConsents(ctx);
}
