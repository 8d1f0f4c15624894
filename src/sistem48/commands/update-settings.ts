/** The administrator sets the municipality boundary, the dispatcher unit, the duplicate radius, working hours and intake limits. */
import type { Actor } from '../../kernel/types.ts';
import { AppError, forbidden, invalid, invalidAs } from '../../kernel/lib/errors.ts';
import { audit } from '../../kernel/audit.ts';
import { findUnit } from '../../organisation/repositories/org-repository.ts';
import type { Ctx } from '../../kernel/context.ts';
import { canConfigureSistem48 } from '../policy.ts';
import { getSettingsRow, updateSettingsRow } from '../repositories/settings-repository.ts';
import { bboxToArea, parseArea } from '../domain/geo.ts';

export interface SettingsInput {
  boundary?: unknown | null;
  /** West, south, east, north; the request schema takes exactly four. */
  boundaryBox?: readonly number[];
  dispatcherUnitId?: string | null;
  duplicateRadiusM?: number;
  workingDays?: number[];
  workingDayStart?: string;
  workingDayEnd?: string;
  intakePerIpPerHour?: number;
  photoMaxBytes?: number;
  photoMaxDimension?: number;
  photoMaxCount?: number;
  /** Confidence (0..1] at or above which the report router categorises a catch-all report without the dispatcher. */
  autoRouteThreshold?: number;
}

const minutes = (hhmm: string, field: string) => {
  const m = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(hhmm);
  if (!m || Number(m[1]) * 60 + Number(m[2]) > 1440) throw invalidAs('detail.time_hh_mm', {}, field);
  return Number(m[1]) * 60 + Number(m[2]);
};

export async function updateSistem48Settings(ctx: Ctx, actor: Actor, input: SettingsInput) {
  if (!canConfigureSistem48(actor)) throw forbidden();
  const patch: Parameters<typeof updateSettingsRow>[1] = {};
  if (input.boundaryBox) {
    const [w, s, e, n] = input.boundaryBox;
    if (!(w < e && s < n)) throw invalidAs('detail.box_order', {}, 'boundaryBox');
    patch.boundary = bboxToArea([w, s, e, n]);
  }
  if (input.boundary !== undefined) {
    if (input.boundary === null) patch.boundary = null;
    else {
      const parsed = parseArea(input.boundary);
      if (!parsed.ok) throw invalid(parsed.reason, 'boundary');
      patch.boundary = parsed.area;
    }
  }
  if (input.duplicateRadiusM !== undefined) patch.duplicate_radius_m = input.duplicateRadiusM;
  if (input.workingDays) {
    if (!input.workingDays.every((d) => Number.isInteger(d) && d >= 1 && d <= 7)) throw invalidAs('detail.working_days', {}, 'workingDays');
    // With no working day the working-hours clock could never reach a deadline.
    if (!input.workingDays.length) throw invalidAs('detail.one_working_day', {}, 'workingDays');
    patch.working_days = [...new Set(input.workingDays)].sort();
  }
  if (input.workingDayStart) patch.working_day_start = minutes(input.workingDayStart, 'workingDayStart');
  if (input.workingDayEnd) patch.working_day_end = minutes(input.workingDayEnd, 'workingDayEnd');
  if (input.intakePerIpPerHour !== undefined) patch.intake_per_ip_per_hour = input.intakePerIpPerHour;
  if (input.photoMaxBytes !== undefined) patch.photo_max_bytes = input.photoMaxBytes;
  if (input.photoMaxDimension !== undefined) patch.photo_max_dimension = input.photoMaxDimension;
  if (input.photoMaxCount !== undefined) patch.photo_max_count = input.photoMaxCount;
  if (input.autoRouteThreshold !== undefined) {
    if (!(input.autoRouteThreshold > 0 && input.autoRouteThreshold <= 1)) throw invalidAs('detail.threshold_range', {}, 'autoRouteThreshold');
    patch.auto_route_threshold = input.autoRouteThreshold;
  }
  return ctx.db.transaction().execute(async (tx) => {
    if (input.dispatcherUnitId !== undefined) {
      if (input.dispatcherUnitId !== null) {
        const unit = await findUnit(tx, input.dispatcherUnitId);
        if (!unit || unit.kind === 'external_institution') throw new AppError('unknown_unit');
      }
      patch.dispatcher_unit_id = input.dispatcherUnitId;
    }
    const before = await getSettingsRow(tx);
    const start = patch.working_day_start ?? before.working_day_start;
    const end = patch.working_day_end ?? before.working_day_end;
    if (end <= start) throw invalidAs('detail.working_day_order', {}, 'workingDayEnd');
    const after = await updateSettingsRow(tx, patch, ctx.now());
    await audit(tx, actor, 'update', 'sistem48_settings', null, before, after);
    return after;
  });
}
