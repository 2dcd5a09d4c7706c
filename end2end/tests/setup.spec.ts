import { test, expect, ready, signIn, claimInstance, ADMIN } from './fixtures';

async function fillSetup(page: import('@playwright/test').Page, email: string) {
  await page.getByLabel('Your name').fill('Someone');
  await page.getByLabel('Your email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill('kettle orbit paper lantern');
  await page.getByLabel('Password again').fill('kettle orbit paper lantern');
  await page.getByRole('button', { name: 'Create administrator' }).click();
}

// Every journey runs at desktop and at phone width.
for (const width of [1280, 360]) {
  test(`first-run setup creates the first admin, who then signs in (${width} px)`, async ({ page, server }) => {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(server.setupUrl);
    await ready(page);
    await expect(page.getByRole('heading', { name: 'Set up Rebound' })).toBeVisible();
    await page.getByLabel('Your name').fill('Ada Admin');
    await page.getByLabel('Your email').fill('ada@example.org');
    await page.getByLabel('Password', { exact: true }).fill('kettle orbit paper lantern');
    await page.getByLabel('Password again').fill('kettle orbit paper lantern');
    await page.getByRole('button', { name: 'Create administrator' }).click();
    await expect(page).toHaveURL(/\/login\?setup=done/);
    await expect(page.getByText('Your admin account is ready')).toBeVisible();

    await signIn(page, server, 'ada@example.org', 'kettle orbit paper lantern');
    await expect(page).toHaveURL(/\/admin\/users$/);
    await expect(page.getByRole('heading', { name: 'People', exact: true })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Ada Admin' }).first()).toBeVisible();
  });

  test(`the setup link stops working once an admin exists (${width} px)`, async ({ page, server }) => {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(server.setupUrl);
    await ready(page);
    await fillSetup(page, 'ada@example.org');
    await expect(page).toHaveURL(/\/login\?setup=done/);

    // Afterwards the setup page says so and offers no form; the start page no longer asks for setup.
    await page.goto(server.setupUrl);
    await ready(page);
    await expect(page.getByRole('heading', { name: 'Rebound is already set up' })).toBeVisible();
    await expect(page.getByLabel('Setup token')).toHaveCount(0);
    await page.context().clearCookies();
    await page.goto(server.url + '/');
    await expect(page).toHaveURL(/\/login/);
  });

  test(`before setup, the start page says setup is needed and how (${width} px)`, async ({ page, server }) => {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(server.url + '/');
    await ready(page);
    await expect(page.getByRole('heading', { name: 'Rebound needs setting up' })).toBeVisible();
    await expect(page.getByText('one-time setup link')).toBeVisible();
    // The header reads just "Rebound" until an organisation name is set.
    await expect(page.getByRole('banner').getByRole('link').first()).toHaveText('↺ Rebound');
  });

  test(`a wrong password is refused with a clear message (${width} px)`, async ({ page, server, request }) => {
    await page.setViewportSize({ width, height: 900 });
    await claimInstance(request, server);
    await signIn(page, server, ADMIN.email, 'not the right password');
    await expect(page.getByRole('alert')).toContainText('do not match');
    await expect(page).toHaveURL(/\/login/);
  });
}
