/**
 * Sistem 48 on top of the test municipality: a problem-report case type, categories with extra
 * fields, routing rules (an area, streets, a catch-all, a category with no rule), the registry as
 * the dispatcher, a boundary box, unit A's head, and Open311 API keys. Built through the real commands.
 */
import type { Ctx } from '../../src/kernel/context.ts';
import { createCaseType } from '../../src/organisation/commands/create-case-type.ts';
import { updateOrgUnit } from '../../src/organisation/commands/update-org-unit.ts';
import { createStaffUser } from '../../src/organisation/commands/create-staff-user.ts';
import { createApiToken } from '../../src/organisation/commands/manage-api-tokens.ts';
import { SYSTEM_ACTOR } from '../../src/kernel/types.ts';
import { createCategory } from '../../src/sistem48/commands/create-category.ts';
import { createRoutingRule } from '../../src/sistem48/commands/create-routing-rule.ts';
import { updateSistem48Settings } from '../../src/sistem48/commands/update-settings.ts';
import type { Municipality } from '../helpers/fixtures.ts';

export const CENTRE = { lat: 45.4083, lon: 19.8878 };
/** A point in the municipality but outside the centre area. */
export const OUTSKIRTS = { lat: 45.43, lon: 19.85 };
export const OUTSIDE = { lat: 44.8125, lon: 20.4612 };
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
const names = (en: string, sr: string) => ({ en, 'sr-Latn': sr, bs: sr, hr: sr, cnr: sr, sl: sr });

export async function seedSistem48(ctx: Ctx, m: Municipality) {
  const sys = SYSTEM_ACTOR;
  const type = await createCaseType(ctx, sys, {
    code: 'PR',
    name: names('Problem report', 'Prijava problema'),
    numberPattern: 'S48-{seq:5}/{yy}',
    resolutionDays: 7,
    problemReport: true,
  });
  await updateSistem48Settings(ctx, sys, { boundaryBox: [19.78, 45.34, 20.0, 45.48], dispatcherUnitId: m.units.registry.id, intakePerIpPerHour: 10_000 });
  await updateOrgUnit(ctx, sys, m.units.a.id, { headUserId: m.users.headA!.id });
  const size = {
    code: 'size',
    type: 'singlevaluelist' as const,
    required: false,
    label: names('Size', 'Veličina'),
    options: [
      { key: 'small', name: names('Small', 'Mala') },
      { key: 'large', name: names('Large', 'Velika') },
    ],
  };
  const cat = {
    pothole: await createCategory(ctx, sys, {
      code: 'pothole',
      caseTypeId: type.id,
      name: names('Pothole', 'Udarna rupa'),
      description: names('A hole in the road', 'Rupa na kolovozu'),
      fields: [size],
      keywords: ['road'],
      group: 'roads',
    }),
    light: await createCategory(ctx, sys, {
      code: 'street_light',
      caseTypeId: type.id,
      name: names('Street light out', 'Ne radi rasveta'),
      fields: [{ code: 'pole_number', type: 'string', required: true, label: names('Pole number', 'Broj stuba') }],
    }),
    garbage: await createCategory(ctx, sys, { code: 'garbage', caseTypeId: type.id, name: names('Garbage', 'Smeće'), slaHours: 24 }),
    dumping: await createCategory(ctx, sys, { code: 'dumping', caseTypeId: type.id, name: names('Illegal dumping', 'Divlja deponija'), slaClock: 'working' }),
    other: await createCategory(ctx, sys, { code: 'other', caseTypeId: type.id, name: names('Other', 'Ostalo') }),
  };
  await createRoutingRule(ctx, sys, { categoryId: cat.pothole.id, unitId: m.units.a.id, area: CENTRE_AREA, priority: 10 });
  await createRoutingRule(ctx, sys, { categoryId: cat.pothole.id, unitId: m.units.jkp.id, priority: 100 });
  await createRoutingRule(ctx, sys, { categoryId: cat.light.id, unitId: m.units.jkp.id });
  await createRoutingRule(ctx, sys, { categoryId: cat.garbage.id, unitId: m.units.b.id, streets: ['Pijačna', 'Tržni trg'], priority: 10 });
  await createRoutingRule(ctx, sys, { categoryId: cat.garbage.id, unitId: m.units.jkp.id, priority: 100 });
  await createRoutingRule(ctx, sys, { categoryId: cat.dumping.id, unitId: m.units.a.id });
  // `other` has no rule: it falls back to the dispatcher's queue.

  const client = await createStaffUser(ctx, sys, {
    username: 'open311app',
    displayName: 'Open311 app',
    password: 'open311-password-1',
    role: 'operator',
    unitId: m.units.registry.id,
  });
  const apiKey = (await createApiToken(ctx, sys, { name: 'Open311 app', userId: client.id, scopes: ['open311'] })).token;
  const wrongScopeKey = (await createApiToken(ctx, sys, { name: 'reader', userId: client.id, scopes: ['cases:read'] })).token;
  return { type, cat, apiKey, wrongScopeKey };
}

export type Sistem48Fixture = Awaited<ReturnType<typeof seedSistem48>>;

/** A multipart/form-data body for app.inject. */
export function multipart(fields: Record<string, string>, files: { name: string; filename: string; type: string; data: Buffer }[] = []) {
  const boundary = `----glas${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) {
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.name}"; filename="${f.filename}"\r\nContent-Type: ${f.type}\r\n\r\n`),
      f.data,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export function form(values: Record<string, string | number>) {
  return {
    payload: new URLSearchParams(Object.entries(values).map(([k, v]) => [k, String(v)])).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  };
}
