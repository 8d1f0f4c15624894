/**
 * Case numbers from a per-type pattern such as `UP-I-{unit}-{seq}/{yyyy}`. The series key is the
 * pattern with everything but the sequence filled in, so each unit/year gets its own gap-free series.
 */
import { dateTimeFormat } from '../../kernel/time.ts';
export const NUMBER_PLACEHOLDERS = ['unit', 'type', 'seq', 'yyyy', 'yy'] as const;

export interface NumberContext {
  unit: string;
  type: string;
  year: number;
}

const PLACEHOLDER = /\{(\w+)(?::(\d+))?\}/g;

/** Returns the names of unknown placeholders, or an error when {seq} is missing. */
export function validateNumberPattern(pattern: string): string | null {
  const names = [...pattern.matchAll(PLACEHOLDER)].map((m) => m[1]!);
  const unknown = names.filter((n) => !(NUMBER_PLACEHOLDERS as readonly string[]).includes(n));
  if (unknown.length) return `unknown placeholder {${unknown[0]}}`;
  if (!names.includes('seq')) return 'the pattern needs {seq}';
  if (names.filter((n) => n === 'seq').length > 1) return '{seq} may appear only once';
  if (pattern.length > 60) return 'the pattern is longer than 60 characters';
  return null;
}

function fill(pattern: string, ctx: NumberContext, seq: (pad: number) => string): string {
  return pattern.replace(PLACEHOLDER, (whole, name: string, pad?: string) => {
    switch (name) {
      case 'unit':
        return ctx.unit;
      case 'type':
        return ctx.type;
      case 'yyyy':
        return String(ctx.year);
      case 'yy':
        return String(ctx.year % 100).padStart(2, '0');
      case 'seq':
        return seq(pad ? Number(pad) : 1);
      default:
        return whole;
    }
  });
}

export function seriesKey(pattern: string, ctx: NumberContext): string {
  return fill(pattern, ctx, () => '{seq}');
}

export function formatCaseNumber(pattern: string, ctx: NumberContext, seq: number): string {
  return fill(pattern, ctx, (pad) => String(seq).padStart(pad, '0'));
}

/**
 * The number with `placeholder` where the sequence goes, and the sequence's width: registration builds
 * everything that mentions the number before taking it, and the statement that takes it puts the
 * digits in (`String(seq).padStart(pad, '0')`, as formatCaseNumber), so the series stays locked for
 * that one statement and the commit.
 */
export function numberTemplate(pattern: string, ctx: NumberContext, placeholder: string): { template: string; pad: number } {
  let width = 1;
  const template = fill(pattern, ctx, (pad) => {
    width = pad;
    return placeholder;
  });
  return { template, pad: width };
}

/** The calendar year at `at` in the municipality's time zone (a case filed at 00:30 on 1 January belongs to the new year). */
export function yearIn(at: Date, timeZone: string): number {
  return Number(dateTimeFormat('en', { timeZone, year: 'numeric' }).format(at));
}
