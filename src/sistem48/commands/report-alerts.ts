/**
 * Alerts of new public reports (issue 14, item 3): an e-mail address subscribes to a category, a
 * street or an area (west, south, east, north); a link e-mailed to it confirms (consent recorded
 * with the consent text's version), and from then on a daily digest lists the reports registered
 * the day before that match, with their public pages and a link that stops the alert. The digest is
 * sent once a day after 07:00 on the municipality's clock (an hourly task; a day with nothing new
 * sends nothing), and covers whole local days, so each report is told once.
 */
import { randomBytes } from 'node:crypto';
import type { Ctx } from '../../kernel/context.ts';
import { invalidAs, notFound } from '../../kernel/lib/errors.ts';
import { normaliseEmail } from '../../kernel/lib/phone.ts';
import { count, refuseIfLocked, type Limit } from '../../kernel/throttle.ts';
import { localDate, localParts, startOfLocalDay } from '../../kernel/time.ts';
import { DEFAULT_LOCALE, isLocale, t, type Locale } from '../../i18n/index.ts';
import { queueDirectMessage } from '../../notifications/commands/queue-direct-message.ts';
import { isValidPoint } from '../domain/geo.ts';
import { streetKey } from '../domain/streets.ts';
import { pickText } from '../domain/fields.ts';
import { findCategory } from '../repositories/category-repository.ts';
import { listPublicReports } from '../repositories/report-repository.ts';
import { confirmAlert, insertAlert, lockDueAlerts, markCovered, stopAlert } from '../repositories/alert-repository.ts';

export const ALERT_DIGEST_TASK = 'sistem48:alert_digests';
/** The local hour after which the day's digest goes out. */
const DIGEST_HOUR = 7;
const HOUR = 3_600_000;
const perAddress = (email: string): Limit => ({ key: `alert:${email}`, windowMs: HOUR, limit: 5, lockMs: HOUR });
const perIp = (ip: string): Limit => ({ key: `alert-ip:${ip}`, windowMs: HOUR, limit: 30, lockMs: HOUR });

export interface AlertRequest {
  email: string;
  category?: string[];
  street?: string;
  bbox?: number[];
  locale?: string;
  ip: string;
}

export async function subscribeAlert(ctx: Ctx, input: AlertRequest): Promise<{ sent: true }> {
  const email = normaliseEmail(input.email);
  if (!email) throw invalidAs('detail.bad_email', { value: input.email }, 'email');
  const codes = [...new Set((input.category ?? []).map((c) => c.trim()).filter(Boolean))];
  for (const code of codes) if (!(await findCategory(ctx.db, { code }))) throw invalidAs('detail.unknown_category_code', { code }, 'category');
  const street = input.street?.trim() || null;
  const key = street ? streetKey(street) : null;
  if (street && !key) throw invalidAs('detail.street_no_letters', {}, 'street');
  const bbox = input.bbox ?? null;
  if (bbox && (bbox.length !== 4 || !isValidPoint(bbox[1], bbox[0]) || !isValidPoint(bbox[3], bbox[2]) || bbox[0]! >= bbox[2]! || bbox[1]! >= bbox[3]!)) {
    throw invalidAs('detail.box_order', {}, 'bbox');
  }
  if (!codes.length && !key && !bbox) throw invalidAs('detail.alert_nothing_chosen', {}, 'category');
  const now = ctx.now();
  const limits = [perAddress(email), perIp(input.ip)];
  await refuseIfLocked(
    ctx.db,
    limits.map((l) => l.key),
    now,
  );
  await count(ctx.db, limits, now);
  const locale: Locale = isLocale(input.locale) ? input.locale : DEFAULT_LOCALE;
  const token = randomBytes(16).toString('base64url');
  await ctx.db.transaction().execute(async (tx) => {
    await insertAlert(tx, { email, locale, categoryCodes: codes.length ? codes : null, street, streetKey: key, bbox, token, createdAt: now });
    const params = { municipality: ctx.config.municipalityName, link: `${ctx.config.publicUrl}/problems/alerts#confirm=${token}` };
    await queueDirectMessage(tx, ctx, {
      purpose: 'report_alert_confirm',
      channel: 'email',
      recipient: email,
      locale,
      ttlMs: 7 * 24 * HOUR,
      subject: t(locale, 's48a.email_subject_confirm', params),
      body: t(locale, 's48a.confirm_body', params),
      redacted: t(locale, 's48a.confirm_body', { ...params, link: `${ctx.config.publicUrl}/problems/alerts#confirm=…` }),
    });
  });
  return { sent: true };
}

const tokenOk = (token: string) => /^[A-Za-z0-9_-]{22}$/.test(token);

export async function confirmAlertLink(ctx: Ctx, token: string) {
  if (!tokenOk(token)) throw notFound();
  const r = await ctx.db.transaction().execute((tx) => confirmAlert(tx, token, ctx.now(), ctx.config.consentTextVersion));
  if (!r) throw notFound();
  return { confirmed: true };
}

export async function stopAlertLink(ctx: Ctx, token: string) {
  if (!tokenOk(token)) throw notFound();
  const r = await ctx.db.transaction().execute((tx) => stopAlert(tx, token, ctx.now()));
  return { stopped: Boolean(r) };
}

/** The hourly task: after 07:00 local time, each confirmed alert gets the reports of the whole days since its last digest. */
export async function sendAlertDigests(ctx: Ctx): Promise<{ sent: number; alerts: number }> {
  const now = ctx.now();
  const tz = ctx.config.timezone;
  if (localParts(now, tz).hour < DIGEST_HOUR) return { sent: 0, alerts: 0 };
  const until = startOfLocalDay(localDate(now, tz), tz);
  let sent = 0;
  let alerts = 0;
  for (;;) {
    const done = await ctx.db.transaction().execute(async (tx) => {
      const due = await lockDueAlerts(tx, until, 50);
      for (const a of due) {
        alerts++;
        const categoryIds: number[] = [];
        for (const code of a.category_codes ?? []) {
          const c = await findCategory(tx, { code });
          if (c) categoryIds.push(c.id);
        }
        const bbox = a.bbox ? { minLon: a.bbox[0]!, minLat: a.bbox[1]!, maxLon: a.bbox[2]!, maxLat: a.bbox[3]! } : undefined;
        const rows = await listPublicReports(tx, {
          categoryIds: a.category_codes?.length ? categoryIds : undefined,
          streetKey: a.street_key ?? undefined,
          bbox,
          from: new Date(a.covered_until!),
          to: new Date(until.getTime() - 1),
          limit: 100,
          offset: 0,
        });
        if (rows.length) {
          const locale: Locale = isLocale(a.locale) ? a.locale : DEFAULT_LOCALE;
          const lines = rows
            .slice()
            .reverse()
            .map(
              (r) =>
                `- ${r.number}: ${pickText(r.category_name, locale)}${r.address ? ` — ${r.address}` : ''} (${t(locale, `status.${r.status}`)})\n  ${ctx.config.publicUrl}/problems/${r.report_no}`,
            );
          const params = {
            municipality: ctx.config.municipalityName,
            count: rows.length,
            reports: lines.join('\n'),
            stop: `${ctx.config.publicUrl}/problems/alerts#stop=${a.token}`,
          };
          await queueDirectMessage(tx, ctx, {
            purpose: 'report_alert_digest',
            channel: 'email',
            recipient: a.email,
            locale,
            subject: t(locale, 's48a.email_subject_digest', params),
            body: t(locale, 's48a.digest_body', params),
          });
          sent++;
        }
        await markCovered(tx, a.id, until);
      }
      return due.length < 50;
    });
    if (done) return { sent, alerts };
  }
}
