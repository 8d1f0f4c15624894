import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createStaffUser } from '../../src/organisation/commands/create-staff-user.ts';
import { axeViolations, newPage, signIn, startBrowserApp, type BrowserApp } from './harness.ts';
import { PASSWORD } from '../helpers/fixtures.ts';

let b: BrowserApp;
before(async () => {
  b = await startBrowserApp();
});
after(async () => {
  await b?.close();
});

test('an administrator deactivates a user, whose open session is refused on the next request; reactivates them and hands over a one-time reset link that sets a new password', async () => {
  await createStaffUser(
    b.db.ctx,
    { kind: 'system', name: 'test' },
    {
      username: 'leaver',
      displayName: 'Lena Odlazi',
      password: PASSWORD,
      role: 'case_officer',
      unitId: b.m.units.a.id,
    },
  );
  const clerk = await newPage(b);
  const admin = await newPage(b);
  try {
    await signIn(clerk.page, b.base, 'leaver');
    await signIn(admin.page, b.base, 'admin');
    await admin.page.goto(`${b.base}/admin/users`);
    await admin.page.getByRole('button', { name: 'Deactivate: Lena Odlazi' }).click();
    await admin.page.getByRole('button', { name: 'Reactivate: Lena Odlazi' }).waitFor();
    assert.deepEqual(await axeViolations(admin.page), [], 'users list');

    // The clerk's next request is refused and the app falls back to the sign-in form.
    await clerk.page.reload();
    await clerk.page.getByRole('button', { name: 'Sign in' }).waitFor();
    await clerk.page.getByLabel('Username').fill('leaver');
    await clerk.page.getByLabel('Password').fill(PASSWORD);
    await clerk.page.getByRole('button', { name: 'Sign in' }).click();
    await clerk.page.getByText('Wrong username or password.').waitFor();

    await admin.page.getByRole('button', { name: 'Reactivate: Lena Odlazi' }).click();
    await admin.page.getByRole('button', { name: 'Reset password: Lena Odlazi' }).click();
    const link = await admin.page.getByRole('textbox', { name: 'Password reset link for Lena Odlazi' }).inputValue();
    assert.match(link, /\/password-reset#[A-Za-z0-9_-]{40,}$/);
    // The link is on the municipality's public address (GLAS_PUBLIC_URL); here it is opened on the test server.
    const onTestServer = `${b.base}${new URL(link).pathname}${new URL(link).hash}`;

    const holder = await newPage(b);
    try {
      await holder.page.goto(onTestServer);
      await holder.page.getByRole('heading', { name: 'Set a new password' }).waitFor();
      await holder.page.getByLabel('New password (at least 10 characters)').fill('lena-new-pass-2026');
      await holder.page.getByRole('button', { name: 'Set a new password' }).click();
      await holder.page.getByText('Your new password is set. Sign in with it.').waitFor();
      assert.deepEqual(await axeViolations(holder.page), [], 'reset page');
      // The link works once.
      await holder.page.goto(`${b.base}/`);
      await holder.page.goto(onTestServer);
      await holder.page.getByLabel('New password (at least 10 characters)').fill('another-pass-2026');
      await holder.page.getByRole('button', { name: 'Set a new password' }).click();
      await holder.page.getByText('already used or has expired').waitFor();
    } finally {
      await holder.context.close();
    }
    await signIn(clerk.page, b.base, 'leaver', 'lena-new-pass-2026');
  } finally {
    await clerk.context.close();
    await admin.context.close();
  }
});

test('a signed-in staff user changes their own password only with the current one', async () => {
  await createStaffUser(
    b.db.ctx,
    { kind: 'system', name: 'test' },
    { username: 'changer', displayName: 'Marko Mijenja', password: PASSWORD, role: 'leadership' },
  );
  const { context, page } = await newPage(b);
  try {
    await signIn(page, b.base, 'changer');
    await page.getByRole('link', { name: 'Change password' }).click();
    await page.getByLabel('Current password').fill('not-my-password');
    await page.getByLabel('New password (at least 10 characters)').fill('marko-new-pass-1');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('The current password is not correct.').waitFor();
    await page.getByLabel('Current password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Your password was changed; your other sessions ended.').waitFor();
    assert.deepEqual(await axeViolations(page), [], 'change password');
  } finally {
    await context.close();
  }
  const again = await newPage(b);
  try {
    await signIn(again.page, b.base, 'changer', 'marko-new-pass-1');
  } finally {
    await again.context.close();
  }
});
