/** Sistem 48 settings as the commands use them, and the SLA policy of a category. */
import type { DbOrTx } from '../kernel/db/database.ts';
import type { Config } from '../config.ts';
import { getSettingsRow, holidaysFrom } from './repositories/settings-repository.ts';
import type { SettingsValues } from './repositories/filing-repository.ts';
import { parseArea, type Area } from './domain/geo.ts';
import type { SlaPolicy } from './domain/sla-clock.ts';
import { localParts } from '../kernel/time.ts';

export interface Sistem48Settings {
  boundary: Area | null;
  dispatcherUnitId: string | null;
  duplicateRadiusM: number;
  workingDays: number[];
  workingDayStart: number;
  workingDayEnd: number;
  intakePerIpPerHour: number;
  photoMaxBytes: number;
  photoMaxDimension: number;
  photoMaxCount: number;
  autoRouteThreshold: number;
}

export async function loadSettings(db: DbOrTx): Promise<Sistem48Settings> {
  return settingsFrom(await getSettingsRow(db));
}

/** The settings from their row (read on its own by loadSettings, or with a report's category by findFilingContext). */
export function settingsFrom(r: SettingsValues): Sistem48Settings {
  const parsed = r.boundary ? parseArea(r.boundary) : null;
  return {
    boundary: parsed && parsed.ok ? parsed.area : null,
    dispatcherUnitId: r.dispatcher_unit_id,
    duplicateRadiusM: r.duplicate_radius_m,
    workingDays: r.working_days,
    workingDayStart: r.working_day_start,
    workingDayEnd: r.working_day_end,
    intakePerIpPerHour: r.intake_per_ip_per_hour,
    photoMaxBytes: r.photo_max_bytes,
    photoMaxDimension: r.photo_max_dimension,
    photoMaxCount: r.photo_max_count,
    autoRouteThreshold: r.auto_route_threshold,
  };
}

/** The SLA policy for a clock starting at `from`: the municipality's working hours and the holidays from that day on. */
export async function slaPolicy(db: DbOrTx, config: Config, settings: Sistem48Settings, mode: 'calendar' | 'working', from: Date): Promise<SlaPolicy> {
  const base = { mode, timeZone: config.timezone, workingDays: settings.workingDays, dayStart: settings.workingDayStart, dayEnd: settings.workingDayEnd };
  if (mode === 'calendar') return { ...base, holidays: new Set() };
  const p = localParts(new Date(from.getTime() - 86_400_000), config.timezone);
  const day = `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
  return { ...base, holidays: new Set((await holidaysFrom(db, day)).map((h) => h.day)) };
}
