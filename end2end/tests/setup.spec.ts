import { test, expect, ready, signIn, claimInstance, expectRefused, ADMIN } from './fixtures';

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

  test(`a refused setup keeps what was typed; the admin then sees the first-run checklist tick off a step (${width} px)`, async ({ page, server }) => {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(server.setupUrl);
    await ready(page);
    const token = new URL(server.setupUrl).searchParams.get('token')!;
    const confirmation = page.getByLabel('Password again');
    await page.getByLabel('Your name').fill(ADMIN.name);
    await page.getByLabel('Your email').fill(ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await confirmation.fill('kettle orbit paper lanterns');
    await page.getByRole('button', { name: 'Create administrator' }).click();
    await ready(page);

    // Refused beside the confirmation: the name, the email and the token are kept; the two
    // password fields come back empty, as the server never hands a secret back.
    await expect(page.getByRole('heading', { name: 'Set up Rebound' })).toBeVisible();
    await expect(page).toHaveURL(/\/setup\?/);
    await expectRefused(page, confirmation, 'The password and its confirmation differ.', '');
    await expect(page.getByLabel('Your name')).toHaveValue(ADMIN.name);
    await expect(page.getByLabel('Your email')).toHaveValue(ADMIN.email);
    await expect(page.getByLabel('Setup token')).toHaveValue(token);
    await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
    await expect(confirmation).toHaveValue('');
    await expect(page.getByLabel('Password', { exact: true })).not.toHaveAttribute('aria-invalid', 'true');

    // Typed again, matching: the admin exists and signs in to the people page.
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await confirmation.fill(ADMIN.password);
    await page.getByRole('button', { name: 'Create administrator' }).click();
    await expect(page).toHaveURL(/\/login\?setup=done/);
    await expect(page.getByText('Your admin account is ready')).toBeVisible();
    await signIn(page, server, ADMIN.email, ADMIN.password);
    await expect(page).toHaveURL(/\/admin\/users$/);
    await ready(page);

    // The first-run checklist: four steps, none done yet, each linking to where it is done.
    const checklist = page.getByRole('region', { name: 'Getting started' });
    const steps = checklist.getByRole('listitem');
    const departmentsStep = steps.filter({ hasText: 'Create the departments' });
    await expect(checklist).toBeVisible();
    await expect(checklist).toContainText('0 of 4 steps done. This list goes away when all are.');
    await expect(steps).toHaveText([
      'To do Name the organisation and add the professional support contacts managers are pointed to',
      'To do Create the departments (HR statistics are grouped by them)',
      'To do Add people, one by one or from a CSV file',
      'To do Give people their managers: a manager can open plans only for their direct reports',
    ]);
    await expect(departmentsStep.getByRole('link')).toHaveAttribute('href', '/admin/org');

    // Following the departments step and adding one: confirmed beside the list, which shows it.
    await departmentsStep.getByRole('link').click();
    await expect(page).toHaveURL(/\/admin\/org$/);
    await ready(page);
    const departments = page.getByRole('region', { name: 'Departments' });
    await expect(departments).toContainText('No departments yet.');
    await departments.getByLabel('New department').fill('Engineering');
    await departments.getByRole('button', { name: 'Add' }).click();
    await ready(page);
    await expect(page).toHaveURL(/\/admin\/org#departments-heading$/);
    await expect(departments.getByRole('status')).toHaveText('Department \u201cEngineering\u201d created.');
    await expect(departments.locator('ul.plain > li')).toHaveText(['Engineering · 0 active people']);

    // Back on the people page, that step is ticked and the others still wait.
    await page.goto(`${server.url}/admin/users`);
    await ready(page);
    await expect(checklist).toContainText('1 of 4 steps done.');
    await expect(departmentsStep).toHaveText('Done Create the departments (HR statistics are grouped by them)');
    await expect(departmentsStep).toHaveClass(/\bdone\b/);
    await expect(steps.filter({ hasText: 'To do' })).toHaveCount(3);
    await expect(steps.filter({ hasText: 'Add people' })).toHaveText(/^To do /);
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
