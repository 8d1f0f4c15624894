import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { t } from '../../src/i18n/index.ts';
import { axeViolations, newPage, signIn, signOut, waitForStatus } from './harness.ts';
import { startNotifyingBrowserApp, type NotifyingBrowserApp } from './notify-harness.ts';

let b: NotifyingBrowserApp;
before(async () => {
  b = await startNotifyingBrowserApp();
});
after(async () => {
  await b?.close();
});

test('Tivat flow with SMS: the registry records a case with a mobile number and SMS consent, the SMS with the case number reaches the SMS centre, and the case page shows the message delivered; asking an institution for its opinion reads as such and is told to the citizen', async () => {
  const { context, page } = await newPage(b);
  try {
    await signIn(page, b.base, 'registry');
    await page.getByRole('link', { name: 'New case' }).click();
    await page.getByLabel('Case type').selectOption({ label: 'Administrative procedure' });
    await page.getByLabel('Subject').fill('Zahtjev za izdavanje građevinske dozvole');
    await page.getByLabel('Full name or company name').fill('Marko Marković');
    await page.getByLabel('Mobile phone number').fill('067 123 456');
    await page.getByLabel('SMS messages to this mobile number').check();
    assert.deepEqual(await axeViolations(page), [], 'intake with consent');
    await page.getByRole('button', { name: 'Register the case' }).click();
    const number = (await page.getByTestId('receipt-number').textContent())!.trim();

    // The SMS centre receives the "received at the registry office" message with the case number.
    const sms = await b.smsc.waitFor((m) => m.destination === '38167123456' && m.text.includes(number), 10_000);
    assert.ok(sms.text.includes(number), sms.text);

    await page.getByRole('link', { name: 'Open the case' }).click();
    await waitForStatus(page, 'Received at the registry office');
    const messages = page.getByTestId('messages');
    const first = messages.locator('li.message').first();
    // The receipt comes back from the SMS centre; the page follows the message until it is final.
    await first.getByTestId('message-status').filter({ hasText: 'Delivered' }).waitFor({ timeout: 15_000 });
    const text = (await first.textContent())!;
    assert.match(text, /Case registered/);
    assert.match(text, /SMS/);
    assert.match(text, /\+38167123456/);
    assert.match(text, /SMS: built-in \(0\)/, 'template version');
    assert.match(text, /signed at the counter/, 'consent in force');
    assert.match(text, /delivered ·/, 'delivery receipt listed');
    await first.getByText('Text of the message').click();
    assert.ok((await first.locator('.message-body').textContent())!.includes(number));
    assert.deepEqual(await axeViolations(page), [], 'case page with its messages');

    await page.getByRole('button', { name: 'Delivered to the responsible body' }).click();
    await page.getByLabel('Deliver to the responsible body').selectOption({ label: 'Odeljenje A' });
    await page.getByRole('button', { name: 'Confirm' }).click();
    await waitForStatus(page, 'Delivered to the responsible body');
    await signOut(page);

    await signIn(page, b.base, 'clerkA');
    await page.getByRole('link', { name: 'My unit' }).click();
    await page.getByRole('link', { name: number }).click();
    await page.locator('.moves').getByRole('button', { name: 'Received by the case officer' }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await waitForStatus(page, 'Received by the case officer');
    // Asking for an opinion is a status change, offered in words that say what it does.
    await page.locator('.moves').getByRole('button', { name: 'Ask another institution for its opinion' }).click();
    assert.match((await page.locator('#opinion-hint').textContent())!, /the citizen is told which institution/);
    const institution = page.getByLabel('Institution asked for its opinion');
    assert.deepEqual(await institution.locator('optgroup').evaluateAll((els) => els.map((e) => (e as HTMLOptGroupElement).label)), [
      'Outside institutions',
      'Other units of the municipality',
    ]);
    await institution.selectOption({ label: 'Zavod za zaštitu prirode' });
    await page.getByRole('button', { name: 'Confirm' }).click();
    await waitForStatus(page, "Awaiting another institution's opinion");
    assert.equal(await page.getByTestId('awaiting-opinion').textContent(), 'The case is waiting for the opinion of Zavod za zaštitu prirode.');
    assert.equal(await page.getByTestId('case-institution').textContent(), 'Zavod za zaštitu prirode');
    assert.deepEqual(await page.locator('.moves button').allTextContents(), ['Opinion received, work continues', 'Suspended']);
    // The citizen is told, by SMS, which institution was asked.
    const opinionSms = await b.smsc.waitFor((m) => m.destination === '38167123456' && m.text.includes('Zavod za zaštitu prirode'), 10_000);
    assert.ok(opinionSms.text.includes(number), opinionSms.text);
    await messages
      .locator('li.message', { hasText: 'Opinion requested from another institution' })
      .getByTestId('message-status')
      .filter({ hasText: 'Delivered' })
      .waitFor({ timeout: 15_000 });
    assert.deepEqual(await axeViolations(page), [], 'case page waiting for an opinion');
  } finally {
    await context.close();
  }
});

test('an administrator edits an SMS template and sees the preview change in every language; Cyrillic turns it into UCS-2 with more parts; an unknown placeholder is refused beside the field, and the saved version is listed', async () => {
  const { context, page } = await newPage(b);
  try {
    await signIn(page, b.base, 'admin');
    await page.getByRole('link', { name: 'Message templates' }).click();
    await page.getByLabel('Event', { exact: true }).selectOption('registered');
    await page.getByLabel('Channel', { exact: true }).selectOption('sms');
    await page.getByLabel('Language and script of the template').selectOption('sr-Latn');
    const latin = page.locator('[data-testid="previews"] [data-locale="sr-Latn"]');
    const cyrillic = page.locator('[data-testid="previews"] [data-locale="sr-Cyrl"]');
    const before = await latin.locator('.preview-text').textContent();
    assert.match(before!, /^Predmet UP-I-PIS-042\/2026 je primljen u pisarnici/);
    assert.deepEqual(await axeViolations(page), [], 'template editor');

    const body = page.getByLabel('Template text (Srpski (latinica))');
    await body.fill('Predmet {number} je primljen {date}. Kod za pracenje: {trackingCode}. Hvala.');
    await latin.locator('.preview-text').filter({ hasText: 'Kod za pracenje: K7QX-3MPA-9RTZ' }).waitFor();
    assert.notEqual(await latin.locator('.preview-text').textContent(), before);
    assert.equal(await latin.locator('.sms-encoding').textContent(), 'GSM-7');
    assert.equal(await latin.locator('.sms-parts').textContent(), 'parts: 1');

    // The same words in Cyrillic leave the GSM alphabet: UCS-2, 70 characters a part.
    await page.getByLabel('Language and script of the template').selectOption('sr-Cyrl');
    await page.getByRole('button', { name: 'Copy from Latin (transliterated)' }).click();
    await cyrillic.locator('.preview-text').filter({ hasText: 'Предмет UP-I-PIS-042/2026 је примљен' }).waitFor();
    assert.equal(await cyrillic.locator('.sms-encoding').textContent(), 'UCS-2');
    assert.equal(await cyrillic.locator('.sms-parts').textContent(), 'parts: 2');

    // A typo in a placeholder: the server refuses to save it, and says why beside the text.
    await page.getByLabel('Language and script of the template').selectOption('sr-Latn');
    await body.fill('Predmet {numbr} je primljen.');
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes('/api/v1/notifications/templates/registered/sms/sr-Latn')),
      page.getByRole('button', { name: 'Save as a new version' }).click(),
    ]);
    assert.equal(refused.status(), 400);
    const error = page.locator('#tpl-body-error');
    await error.filter({ hasText: 'unknown placeholder {numbr}' }).waitFor();
    assert.equal(await body.getAttribute('aria-invalid'), 'true');
    assert.equal(await page.getByTestId('versions').locator('tbody tr').count(), 1, 'only the built-in version');

    await body.fill('Predmet {number} je primljen {date}. Kod: {trackingCode}');
    await latin.locator('.preview-text').filter({ hasText: 'Kod: K7QX-3MPA-9RTZ' }).waitFor();
    await page.getByRole('button', { name: 'Save as a new version' }).click();
    await page.getByTestId('template-version').filter({ hasText: 'Version 1, saved' }).waitFor();
    const versions = page.getByTestId('versions').locator('tbody tr');
    await versions.nth(1).waitFor();
    assert.match((await versions.first().textContent())!, /^1.*Predmet \{number\} je primljen \{date\}\. Kod: \{trackingCode\}/);
    assert.match((await versions.nth(1).textContent())!, /built-in \(0\)/);
    assert.deepEqual(await axeViolations(page), [], 'template editor after saving');
  } finally {
    await context.close();
  }
});

test('an administrator sets an event type to key and back; the level is kept', async () => {
  const { context, page } = await newPage(b);
  try {
    await signIn(page, b.base, 'admin');
    await page.getByRole('link', { name: 'Event notifications' }).click();
    const level = page.getByLabel('Notification level: Received by the case officer');
    assert.equal(await level.inputValue(), 'notifiable');
    await level.selectOption('key');
    await page.locator('.flash').filter({ hasText: 'Saved.' }).waitFor();
    await page.reload();
    assert.equal(await page.getByLabel('Notification level: Received by the case officer').inputValue(), 'key');
    assert.deepEqual(await axeViolations(page), [], 'event notifications');
    await page.getByLabel('Notification level: Received by the case officer').selectOption('notifiable');
    await page.locator('.flash').filter({ hasText: 'Saved.' }).waitFor();
  } finally {
    await context.close();
  }
});

test('the Serbian Cyrillic screen of the template editor is in Cyrillic', async () => {
  const { context, page } = await newPage(b);
  try {
    await signIn(page, b.base, 'admin');
    await page.getByLabel('Language').selectOption('sr-Cyrl');
    await page.goto(`${b.base}/admin/templates?kind=registered&channel=sms`);
    await page.getByRole('heading', { name: t('sr-Cyrl', 'ws.preview_all') }).waitFor();
    assert.deepEqual(await axeViolations(page), [], 'template editor in Cyrillic');
  } finally {
    await context.close();
  }
});
