/**
 * A history of confirmed reports for router tests: rows from the history generator, filed by the
 * operator through the real fileReport command (so they are reports a person categorised), in the
 * categories the test municipality has (the generator's illegal_dumping is its `dumping`).
 */
import type { Ctx } from '../../src/kernel/context.ts';
import type { Actor } from '../../src/kernel/types.ts';
import { fileReport } from '../../src/sistem48/commands/file-report.ts';
import { generateReportHistory } from '../../src/sistem48/domain/report-history.ts';

const TEST_CATEGORY: Record<string, string> = { street_light: 'street_light', pothole: 'pothole', garbage: 'garbage', illegal_dumping: 'dumping' };

export async function fileConfirmedHistory(ctx: Ctx, operator: Actor, o: { seed: number; count: number }) {
  const rows = generateReportHistory({ seed: o.seed, count: o.count, now: ctx.now(), categories: Object.keys(TEST_CATEGORY) });
  for (const row of rows) {
    const code = TEST_CATEGORY[row.category]!;
    await fileReport(ctx, operator, {
      via: 'staff',
      channel: 'phone',
      category: { code },
      description: row.text,
      address: row.address || 'Trg slobode 1',
      fields: code === 'street_light' ? { pole_number: '12' } : {},
    });
  }
  return rows.length;
}
