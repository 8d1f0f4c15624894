/**
 * The notification harness (real SMS centre, mail sink and Viber API peers, worker running) with the
 * citizens module started on it and Sistem 48 seeded, so SMS and e-mail can become routed reports.
 */
import { startHarness, type Harness, type HarnessOptions } from '../notifications/harness.ts';
import { citizensModule } from '../../src/citizens/module.ts';
import { seedSistem48, type Sistem48Fixture } from '../sistem48/helpers.ts';

export interface CitizenHarness extends Harness {
  s48: Sistem48Fixture;
}

export async function startCitizenHarness(o: HarnessOptions = {}): Promise<CitizenHarness> {
  const h = await startHarness({ ...o, env: { GLAS_PORTAL_ACTIVATION_DELAY_SECONDS: '0', ...o.env } });
  const s48 = await seedSistem48(h.ctx, h.m);
  await citizensModule.start!(h.ctx);
  const close = h.close;
  return Object.assign(h, {
    s48,
    async close() {
      await citizensModule.stop!();
      await close();
    },
  });
}

/** The token of the portal link in a message (`…/portal/link#TOKEN`). */
export function linkToken(text: string): string {
  const m = /\/portal\/link#([A-Za-z0-9_-]{22})/.exec(text);
  if (!m) throw new Error(`no portal link in: ${text}`);
  return m[1]!;
}

export function sixDigits(text: string): string {
  const m = /\b(\d{6})\b/.exec(text);
  if (!m) throw new Error(`no code in: ${text}`);
  return m[1]!;
}

/** The session cookie and CSRF token from a portal sign-in answer. */
export function sessionOf(r: { cookies: { name: string; value: string }[]; json(): unknown }) {
  const cookie = r.cookies.find((c) => c.name === 'glas_session');
  if (!cookie) throw new Error('no session cookie');
  return { cookie: `glas_session=${cookie.value}`, csrf: (r.json() as { csrfToken: string }).csrfToken };
}
