/**
 * The demo municipality's Sistem 48: categories with their extra fields, routing rules to the
 * communal department (KOM), the public utility company (JKP) and the inspection (INS), the call
 * centre (CC) as the dispatcher's queue, a boundary box, the holidays, and a few reports on the map.
 */
import type { Ctx } from '../kernel/context.ts';
import { SYSTEM_ACTOR } from '../kernel/types.ts';
import { findCaseTypeByCode } from '../organisation/repositories/case-type-repository.ts';
import { findUnitByCode } from '../organisation/repositories/org-repository.ts';
import { createCategory } from './commands/create-category.ts';
import { createCannedResponse } from './commands/manage-canned-responses.ts';
import { createRoutingRule } from './commands/create-routing-rule.ts';
import { updateSistem48Settings } from './commands/update-settings.ts';
import { setHoliday } from './commands/manage-holidays.ts';
import { fileReport } from './commands/file-report.ts';
import type { CategoryField } from './domain/fields.ts';
import { WEB_FORM_ACTOR } from './http/routes.ts';
import { generateReportHistory } from './domain/report-history.ts';
import { importReportRows } from './commands/import-reports.ts';
import { trainRouter } from './commands/train-router.ts';

type Texts = Record<'sr-Latn' | 'bs' | 'hr' | 'cnr' | 'sl' | 'en', string>;
const tx = (en: string, sr: string, bs: string, hr: string, cnr: string, sl: string): Texts => ({ en, 'sr-Latn': sr, bs, hr, cnr, sl });

/** A box around the demo municipality ([west, south, east, north]). */
export const DEMO_BOUNDARY_BOX: [number, number, number, number] = [19.78, 45.34, 20.0, 45.48];
const CENTRE_AREA = {
  type: 'Polygon',
  coordinates: [
    [
      [19.875, 45.4],
      [19.9, 45.4],
      [19.9, 45.416],
      [19.875, 45.416],
      [19.875, 45.4],
    ],
  ],
};

const SIZE: CategoryField = {
  code: 'size',
  type: 'singlevaluelist',
  required: false,
  label: tx('Size', 'Veličina', 'Veličina', 'Veličina', 'Veličina', 'Velikost'),
  options: [
    { key: 'small', name: tx('Small (under 30 cm)', 'Mala (do 30 cm)', 'Mala (do 30 cm)', 'Mala (do 30 cm)', 'Mala (do 30 cm)', 'Majhna (do 30 cm)') },
    {
      key: 'medium',
      name: tx('Medium (30–100 cm)', 'Srednja (30–100 cm)', 'Srednja (30–100 cm)', 'Srednja (30–100 cm)', 'Srednja (30–100 cm)', 'Srednja (30–100 cm)'),
    },
    { key: 'large', name: tx('Large (over 1 m)', 'Velika (preko 1 m)', 'Velika (preko 1 m)', 'Velika (preko 1 m)', 'Velika (preko 1 m)', 'Velika (nad 1 m)') },
  ],
};

export async function seedSistem48Demo(ctx: Ctx): Promise<void> {
  const sys = SYSTEM_ACTOR;
  const type = await findCaseTypeByCode(ctx.db, 'PR');
  const unit = async (code: string) => (await findUnitByCode(ctx.db, code))?.id;
  const [kom, jkp, ins, cc] = [await unit('KOM'), await unit('JKP'), await unit('INS'), await unit('CC')];
  if (!type || !kom || !jkp || !ins) return;
  await updateSistem48Settings(ctx, sys, { boundaryBox: DEMO_BOUNDARY_BOX, dispatcherUnitId: cc ?? null, duplicateRadiusM: 50 });
  for (const [day, name] of [
    ['2026-01-01', 'Nova godina'],
    ['2026-01-02', 'Nova godina'],
    ['2026-01-07', 'Božić'],
    ['2026-02-16', 'Dan državnosti'],
    ['2026-04-10', 'Veliki petak'],
    ['2026-04-13', 'Vaskrsni ponedeljak'],
    ['2026-05-01', 'Praznik rada'],
    ['2026-11-11', 'Dan primirja'],
    ['2027-01-01', 'Nova godina'],
    ['2027-01-07', 'Božić'],
  ] as const) {
    await setHoliday(ctx, sys, { day, name });
  }

  const categories = [
    {
      code: 'street_light',
      icon: 'lightbulb',
      name: tx(
        'Street light out',
        'Ne radi ulična rasveta',
        'Ne radi ulična rasvjeta',
        'Ne radi javna rasvjeta',
        'Ne radi ulična rasvjeta',
        'Ne deluje javna razsvetljava',
      ),
      fields: [
        {
          code: 'pole_number',
          type: 'string',
          required: false,
          label: tx('Pole number', 'Broj stuba', 'Broj stuba', 'Broj stupa', 'Broj stuba', 'Številka droga'),
        } as CategoryField,
      ],
      unit: jkp,
    },
    {
      code: 'pothole',
      icon: 'road',
      name: tx(
        'Pothole or damaged road',
        'Udarna rupa ili oštećen kolovoz',
        'Udarna rupa ili oštećen kolovoz',
        'Udarna rupa ili oštećen kolnik',
        'Udarna rupa ili oštećen kolovoz',
        'Udarna jama ali poškodovano cestišče',
      ),
      fields: [SIZE],
      unit: kom,
      area: CENTRE_AREA,
    },
    {
      code: 'garbage',
      icon: 'trash',
      name: tx('Garbage not collected', 'Smeće nije odvezeno', 'Smeće nije odvezeno', 'Otpad nije odvezen', 'Smeće nije odvezeno', 'Smeti niso odpeljane'),
      fields: [],
      unit: jkp,
    },
    {
      code: 'water_leak',
      icon: 'droplet',
      name: tx(
        'Water leak',
        'Curenje vode iz vodovoda',
        'Curenje vode iz vodovoda',
        'Curenje vode iz vodovoda',
        'Curenje vode iz vodovoda',
        'Puščanje vode iz vodovoda',
      ),
      fields: [],
      unit: jkp,
      slaHours: 24,
    },
    {
      code: 'illegal_dumping',
      icon: 'dumpster',
      name: tx('Illegal dumping', 'Divlja deponija', 'Divlja deponija', 'Divlje odlagalište', 'Divlja deponija', 'Divje odlagališče'),
      fields: [SIZE],
      unit: ins,
      slaClock: 'working' as const,
    },
    {
      code: 'stray_animals',
      icon: 'paw',
      name: tx('Stray animals', 'Napuštene životinje', 'Napuštene životinje', 'Napuštene životinje', 'Napuštene životinje', 'Zapuščene živali'),
      fields: [],
      unit: ins,
    },
    {
      code: 'other',
      icon: 'question',
      name: tx(
        'Other communal problem',
        'Ostali komunalni problemi',
        'Ostali komunalni problemi',
        'Ostali komunalni problemi',
        'Ostali komunalni problemi',
        'Druge komunalne težave',
      ),
      fields: [],
      unit: null,
    },
  ];
  const ids: Record<string, number> = {};
  for (const [i, c] of categories.entries()) {
    const row = await createCategory(ctx, sys, {
      code: c.code,
      caseTypeId: type.id,
      name: c.name,
      icon: c.icon,
      fields: c.fields,
      sortOrder: i * 10,
      slaHours: c.slaHours ?? 48,
      slaClock: c.slaClock ?? 'calendar',
      resolutionDays: 7,
    });
    ids[c.code] = row.id;
    if (c.area) {
      // Potholes in the town centre are the department's; elsewhere the public utility company repairs them.
      await createRoutingRule(ctx, sys, { categoryId: row.id, unitId: c.unit!, area: c.area, priority: 10, note: 'Centar' });
      await createRoutingRule(ctx, sys, { categoryId: row.id, unitId: jkp, priority: 100 });
    } else if (c.unit) await createRoutingRule(ctx, sys, { categoryId: row.id, unitId: c.unit, priority: 100 });
  }
  // Garbage on the market streets is the inspection's first (the market's operator is fined, not the citizens).
  await createRoutingRule(ctx, sys, { categoryId: ids.garbage!, unitId: ins, streets: ['Pijačna', 'Tržni trg'], priority: 10, note: 'Pijaca' });

  // Canned responses: one for every category while the work is under way, and the public utility's for a repaired pothole.
  await createCannedResponse(ctx, sys, {
    status: 'in_progress',
    title: tx('Crew scheduled', 'Ekipa je zakazana', 'Ekipa je zakazana', 'Ekipa je zakazana', 'Ekipa je zakazana', 'Ekipa je načrtovana'),
    body: tx(
      'Thank you for your report. A crew is scheduled and will come out within the planned date.',
      'Hvala na prijavi. Ekipa je zakazana i izaći će na teren do planiranog datuma.',
      'Hvala na prijavi. Ekipa je zakazana i izaći će na teren do planiranog datuma.',
      'Hvala na prijavi. Ekipa je zakazana i izaći će na teren do planiranog datuma.',
      'Hvala na prijavi. Ekipa je zakazana i izaći će na teren do planiranog datuma.',
      'Hvala za prijavo. Ekipa je načrtovana in bo prišla na teren do načrtovanega datuma.',
    ),
  });
  await createCannedResponse(ctx, sys, {
    unitId: jkp,
    categoryId: ids.pothole!,
    status: 'resolved',
    title: tx('Pothole patched', 'Rupa je zakrpljena', 'Rupa je zakrpljena', 'Rupa je zakrpljena', 'Rupa je zakrpljena', 'Luknja je zakrpana'),
    body: tx(
      'The pothole has been patched with asphalt. Thank you for helping us keep the roads safe.',
      'Rupa je zakrpljena asfaltom. Hvala što pomažete da putevi budu bezbedni.',
      'Rupa je zakrpljena asfaltom. Hvala što pomažete da putevi budu sigurni.',
      'Rupa je zakrpana asfaltom. Hvala što pomažete da ceste budu sigurne.',
      'Rupa je zakrpljena asfaltom. Hvala što pomažete da putevi budu bezbjedni.',
      'Luknja je zakrpana z asfaltom. Hvala, ker pomagate ohranjati ceste varne.',
    ),
  });

  const samples = [
    {
      code: 'street_light',
      d: 'Ne svetli treća svetiljka od raskrsnice.',
      lat: 45.4091,
      lon: 19.8866,
      address: 'Novosadska 12',
      fields: { pole_number: 'JR-114' },
    },
    {
      code: 'pothole',
      d: 'Duboka rupa na sredini kolovoza, opasno za bicikliste.',
      lat: 45.4078,
      lon: 19.8902,
      address: 'Glavna 45',
      fields: { size: 'medium' },
    },
    { code: 'garbage', d: 'Kontejneri nisu ispražnjeni već nedelju dana.', lat: 45.4121, lon: 19.8795, address: 'Pijačna 3' },
    { code: 'water_leak', d: 'Voda izbija iz šahta na trotoaru.', lat: 45.4003, lon: 19.8951, address: 'Kralja Petra I 8' },
    { code: 'illegal_dumping', d: 'Građevinski otpad bačen pored kanala.', lat: 45.4212, lon: 19.8701, address: null, fields: { size: 'large' } },
  ];
  for (const s of samples) {
    await fileReport(ctx, WEB_FORM_ACTOR, {
      via: 'web',
      channel: 'web',
      category: { code: s.code },
      description: s.d,
      lat: s.lat,
      lon: s.lon,
      address: s.address,
      fields: s.fields ?? {},
    });
  }
  // Two years of the municipality's earlier reports, imported as a municipality moving to Glas brings
  // them (issue 16): the weekly overview and unit reports have a past, and the report router has learnt
  // from it before the first SMS arrives. Generated (seeded, so every demo is the same) and dated from the clock.
  const history = generateReportHistory({ seed: 2026, count: 3000, now: ctx.now(), categories: Object.keys(ids) });
  const imported = await importReportRows(
    ctx,
    sys,
    history.map((values, k) => ({ line: k + 2, values: { ...values } })),
    { fileName: 'demo-history.csv' },
  );
  if (!imported.ok) throw new Error(`the demo history was refused: ${JSON.stringify(imported).slice(0, 500)}`);
  await trainRouter(ctx, sys);
}
