import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, axeViolations } from './harness.ts';
import { sessionOf, sixDigits, startCitizenHarness, type CitizenHarness } from '../citizens/harness.ts';

// Issue 14, item 5: a citizen changes their phone in the portal; nothing is sent to the new number before it is proven.
let h: CitizenHarness;
let browser: Browser;
let c: { id: string; number: string; partyIds: string[] };
const OLD = '381695550002';
const NEW = '381695550099';

before(async () => {
  h = await startCitizenHarness({ env: { GLAS_COOKIE_SECURE: '0' } });
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const registry = await h.login('registry');
  const r = await h.call({
    method: 'POST',
    url: '/api/v1/notifications/registrations',
    as: registry,
    payload: {
      caseTypeId: h.m.caseType.id,
      subject: 'Zahtjev za upis u registar',
      channel: 'counter',
      deliverToUnitId: h.m.units.a.id,
      parties: [{ name: 'Nada Novobrojić', phone: '069 555 0002', locale: 'en', consent: { channels: ['sms'] } }],
    },
  });
  assert.equal(r.statusCode, 201, r.body);
  c = r.json();
});
after(async () => {
  await browser?.close();
  await h?.close();
});

/** Every SMS the SMS centre took for a number, oldest first. */
const smsTo = (n: string) => h.smsc.received().filter((m) => m.destination === n);

async function move(to: string) {
  const clerkA = await h.login('clerkA');
  const r = await h.call({ method: 'POST', url: `/api/v1/cases/${c.id}/transitions`, as: clerkA, payload: { to } });
  assert.equal(r.statusCode, 200, r.body);
}

/** The messages of the case written for a status, with the number each went to. */
async function messagesFor(status: string) {
  return h.ctx.db
    .selectFrom('notification_messages')
    .innerJoin('case_events', 'case_events.id', 'notification_messages.event_id')
    .select(['notification_messages.channel', 'notification_messages.recipient'])
    .where('notification_messages.case_id', '=', c.id)
    .where('case_events.data', '@>', JSON.stringify({ to: status }) as never)
    .execute();
}

test('on a phone the citizen changes their mobile number with a code sent to the new one over the real SMPP peer; until it is proven the new number gets only the code, the old consent ends and the new one is asked before anything is sent there', async () => {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 360, height: 780 } });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  try {
    await page.goto(`${h.url}/portal`);
    await page.getByLabel('Mobile phone number').fill('069 555 0002');
    await page.getByRole('button', { name: 'Send the code' }).click();
    const signIn = await h.smsc.waitFor((m) => m.destination === OLD && /sign-in code/.test(m.text), 5000);
    await page.getByLabel('Code from the SMS').fill(sixDigits(signIn.text));
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'My cases' }).waitFor();
    await page.getByRole('link', { name: 'Notifications and account' }).click();

    const contacts = page.getByTestId('contacts');
    assert.equal(await contacts.getByTestId('contact-phone').textContent(), `+${OLD}`);
    await contacts.getByRole('button', { name: 'Change your phone number' }).click();
    await contacts.getByLabel('New mobile number').fill('069 555 0099');
    await contacts.getByRole('button', { name: 'Send a code' }).click();
    await contacts
      .getByRole('status')
      .filter({ hasText: `We sent a code to +${NEW}` })
      .waitFor();
    assert.deepEqual(await axeViolations(page), [], 'the code step');
    const codeSms = await h.smsc.waitFor((m) => m.destination === NEW && /confirm your new number/.test(m.text), 5000);

    // Not proven yet: the case's next message still goes to the old number, and the new one has only the code.
    await move('accepted');
    await h.smsc.waitFor((m) => m.destination === OLD && /taken over/.test(m.text), 5000);
    assert.deepEqual(
      smsTo(NEW).map((m) => m.text),
      [codeSms.text],
    );
    assert.deepEqual(
      (await messagesFor('accepted')).map((m) => m.recipient),
      [`+${OLD}`],
    );
    assert.equal((await h.ctx.db.selectFrom('parties').select('phone').where('id', '=', c.partyIds[0]!).executeTakeFirstOrThrow()).phone, `+${OLD}`);

    // A wrong code changes nothing.
    const wrong = sixDigits(codeSms.text) === '000000' ? '111111' : '000000';
    await contacts.getByLabel('The code from the message').fill(wrong);
    await contacts.getByRole('button', { name: 'Confirm' }).click();
    await contacts.getByText('The code is wrong or has expired').waitFor();
    assert.equal(await contacts.getByTestId('contact-phone').textContent(), `+${OLD}`);

    await contacts.getByLabel('The code from the message').fill(sixDigits(codeSms.text));
    await contacts.getByRole('button', { name: 'Confirm' }).click();
    await contacts
      .getByTestId('contact-phone')
      .filter({ hasText: `+${NEW}` })
      .waitFor();
    await contacts.getByText('Consent for the old one has ended').waitFor();
    assert.deepEqual(await axeViolations(page), [], 'consent asked for the new number');

    // Proven but not consented to: nothing goes to either number.
    await move('in_progress');
    assert.deepEqual(await messagesFor('in_progress'), [], 'no consent in force for SMS after the change');

    await contacts.getByRole('button', { name: 'Yes, send my notifications to the new contact' }).click();
    await page.getByRole('button', { name: 'Withdraw consent: SMS' }).waitFor();
    await move('approved');
    const approved = await h.smsc.waitFor((m) => m.destination === NEW && m.text.includes(c.number), 5000);
    assert.ok(!smsTo(OLD).some((m) => m.text === approved.text), 'the old number is told nothing more');

    // The portal signs in with the new number; the consent history and the audit trail tell the story.
    const account = await h.ctx.db.selectFrom('users').select(['phone', 'phone_verified_at']).where('party_id', '=', c.partyIds[0]!).executeTakeFirstOrThrow();
    assert.equal(account.phone, `+${NEW}`);
    assert.ok(account.phone_verified_at);
    const consents = await h.ctx.db
      .selectFrom('notification_consents')
      .select(['action', 'address', 'method'])
      .where('party_id', '=', c.partyIds[0]!)
      .where('channel', '=', 'sms')
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    assert.deepEqual(
      consents.map((x) => `${x.action}:${x.address}`),
      [`given:+${OLD}`, `withdrawn:+${OLD}`, `given:+${NEW}`],
    );
    const audit = await h.ctx.db.selectFrom('audit_log').select(['action', 'before', 'after']).where('action', '=', 'contact_changed').execute();
    assert.ok(
      audit.some((a) => JSON.stringify(a.before).includes(OLD) && JSON.stringify(a.after).includes(NEW)),
      'audited with old and new',
    );
  } catch (e) {
    console.log('SMS at the SMS centre:', JSON.stringify(h.smsc.received().map((m) => [m.destination, m.text])));
    throw e;
  } finally {
    await context.close();
  }
});

test('the API refuses a citizen changing their own phone or e-mail without proof, and a clerk changing them at the counter is audited', async () => {
  const citizenSession = await h.call({
    method: 'POST',
    url: '/api/v1/portal/codes',
    payload: { phone: '069 555 0099' },
  });
  assert.equal(citizenSession.statusCode, 202);
  const sms = await h.smsc.waitFor((m) => m.destination === NEW && /sign-in code/.test(m.text), 5000);
  const s = await h.call({ method: 'POST', url: '/api/v1/portal/sessions', payload: { phone: '069 555 0099', code: sixDigits(sms.text) } });
  assert.equal(s.statusCode, 200, s.body);
  const as = sessionOf(s);
  for (const payload of [{ phone: '069 555 0123' }, { email: 'nada@example.org' }]) {
    const r = await h.call({ method: 'PATCH', url: '/api/v1/me/notification-settings', as, payload });
    assert.equal(r.statusCode, 400, r.body);
    assert.match(r.body, /code we send to the new one/);
  }
  assert.equal((await h.ctx.db.selectFrom('parties').select('phone').where('id', '=', c.partyIds[0]!).executeTakeFirstOrThrow()).phone, `+${NEW}`);

  const registry = await h.login('registry');
  const r = await h.call({
    method: 'PATCH',
    url: `/api/v1/parties/${c.partyIds[0]}/notification-settings`,
    as: registry,
    payload: { email: 'nada@example.org' },
  });
  assert.equal(r.statusCode, 200, r.body);
  const audit = await h.ctx.db
    .selectFrom('audit_log')
    .select(['action', 'after'])
    .where('entity_id', '=', c.partyIds[0]!)
    .where('action', '=', 'update_notification_preferences')
    .execute();
  assert.ok(audit.some((a) => JSON.stringify(a.after).includes('nada@example.org')));
});
