import { test, expect, ready, signIn, claimInstance, ADMIN, javaScriptEnabled } from './fixtures';

// Every journey runs at desktop and at phone width.
for (const width of [1280, 360]) {
  test(`an admin adds a person, who signs in with the temporary password and chooses their own (${width} px)`, async ({ page, server, request, browser }) => {
    await page.setViewportSize({ width, height: 900 });
    await claimInstance(request, server);
    await signIn(page, server, ADMIN.email, ADMIN.password);
    await expect(page).toHaveURL(/\/admin\/users$/);
    await ready(page);

    await page.getByLabel('Email', { exact: true }).fill('noor@example.org');
    await page.getByLabel('Name', { exact: true }).fill('Noor Aziz');
    await page.getByLabel("Manager's email (optional)").fill(ADMIN.email);
    await page.getByRole('button', { name: 'Add person' }).click();

    // The form posts to the server, which sends the browser to the person's page; it shows the
    // temporary password once.
    const secret = page.locator('code.secret');
    await expect(secret).toBeVisible();
    await expect(page).toHaveURL(/\/admin\/users\/\d+$/);
    await expect(page.getByText('Temporary password for')).toContainText('Noor Aziz');
    const temporary = (await secret.textContent())!.trim();
    expect(temporary).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);

    const newcomerContext = await browser.newContext({ javaScriptEnabled: javaScriptEnabled() });
    const newcomer = await newcomerContext.newPage();
    await newcomer.setViewportSize({ width, height: 900 });
    await signIn(newcomer, server, 'noor@example.org', temporary);
    await expect(newcomer).toHaveURL(/\/account\/password$/);
    await expect(newcomer.getByText('temporary password')).toBeVisible();
    await ready(newcomer);
    await newcomer.getByLabel('Current password').fill(temporary);
    await newcomer.getByLabel('New password', { exact: true }).fill('sunlit harbour seventeen');
    await newcomer.getByLabel('New password again').fill('sunlit harbour seventeen');
    await newcomer.getByRole('button', { name: 'Save new password' }).click();
    await expect(newcomer.getByRole('heading', { name: 'My recovery plans' })).toBeVisible();
    await expect(newcomer.getByText('You have no recovery plans')).toBeVisible();
    await newcomerContext.close();

    // The admin's list shows the new person with their manager.
    await page.goto(`${server.url}/admin/users?q=noor`);
    await expect(page.getByRole('row', { name: /Noor Aziz/ })).toContainText('Ada Admin');
  });

  test(`an invalid person is refused with a message and nothing is created (${width} px)`, async ({ page, server, request }) => {
    await page.setViewportSize({ width, height: 900 });
    await claimInstance(request, server);
    await signIn(page, server, ADMIN.email, ADMIN.password);
    await expect(page).toHaveURL(/\/admin\/users$/);
    await ready(page);
    await page.getByLabel('Email', { exact: true }).fill('someone@example.org');
    await page.getByLabel('Name', { exact: true }).fill('Someone');
    await page.getByLabel("Manager's email (optional)").fill('ghost@example.org');
    await page.getByRole('button', { name: 'Add person' }).click();
    await expect(page.getByRole('alert')).toContainText('No person has the email ghost@example.org');
    // The manager's email is the field at fault: it is focused, marked, and says why beside it;
    // what was typed stays.
    const manager = page.getByLabel("Manager's email (optional)");
    await expect(manager).toBeFocused();
    await expect(manager).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#new-manager-problem')).toContainText('No person has the email ghost@example.org');
    await expect(manager).toHaveValue('ghost@example.org');
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Someone');
    await page.goto(`${server.url}/admin/users?q=someone`);
    await expect(page.getByText('Nobody matches.')).toBeVisible();
  });

  test(`a CSV import lists every bad line, keeps the file, then hands out one-time sign-in links (${width} px)`, async ({ page, server, request, browser }, info) => {
    await page.setViewportSize({ width, height: 900 });
    await claimInstance(request, server);
    await signIn(page, server, ADMIN.email, ADMIN.password);
    await ready(page);
    const csv = page.getByLabel('CSV', { exact: true });
    const bad = 'email,name,department,manager_email,roles\nlena@example.org,Lena Fischer,Analytics,,\nnot-an-email,Broken,,,\n';
    await csv.fill(bad);
    await page.getByRole('button', { name: 'Import' }).click();
    await ready(page);
    const importSection = page.getByRole('region', { name: 'Import people from CSV' });
    await expect(importSection.getByRole('alert')).toContainText('Line 3');
    await expect(page.getByLabel('CSV', { exact: true })).toHaveValue(bad);

    await page.getByLabel('CSV', { exact: true }).fill('email,name,department,manager_email,roles\nlena@example.org,Lena Fischer,Analytics,,\n');
    await page.getByRole('button', { name: 'Import' }).click();
    await ready(page);
    await expect(page).toHaveURL(/#import-heading$/);
    await expect(importSection.getByRole('status')).toContainText('Imported 1 person');
    const links = page.getByRole('table', { name: 'First sign-in links' });
    await expect(links.getByRole('row', { name: /Lena Fischer/ })).toContainText('lena@example.org');
    const link = (await links.locator('code.secret').first().textContent())!.trim();
    expect(link).toMatch(/\/welcome\?token=/);
    await page.screenshot({ path: info.outputPath(`import-links-${width}.png`), fullPage: true });
    await page.reload();
    await expect(page.getByRole('table', { name: 'First sign-in links' })).toHaveCount(0);

    // Lena opens her link, chooses her password, and signs in with it.
    const lenaContext = await browser.newContext({ javaScriptEnabled: javaScriptEnabled() });
    const lena = await lenaContext.newPage();
    await lena.setViewportSize({ width, height: 900 });
    await lena.goto(link);
    await ready(lena);
    await expect(lena.getByRole('heading', { name: 'Welcome, Lena Fischer' })).toBeVisible();
    await lena.getByLabel('Password', { exact: true }).fill('quiet orchard lamps 9');
    await lena.getByLabel('Password again').fill('quiet orchard lamps 8');
    await lena.getByRole('button', { name: 'Set my password' }).click();
    await ready(lena);
    const again = lena.getByLabel('Password again');
    await expect(again).toBeFocused();
    await expect(again).toHaveAttribute('aria-invalid', 'true');
    await lena.getByLabel('Password', { exact: true }).fill('quiet orchard lamps 9');
    await again.fill('quiet orchard lamps 9');
    await lena.getByRole('button', { name: 'Set my password' }).click();
    await expect(lena).toHaveURL(/\/login/);
    await expect(lena.getByRole('status')).toContainText('Your password is set');
    await signIn(lena, server, 'lena@example.org', 'quiet orchard lamps 9');
    await expect(lena.getByRole('heading', { name: 'My recovery plans' })).toBeVisible();
    // The link works once.
    await lena.goto(link);
    await expect(lena.getByRole('alert')).toContainText('used or has expired');
    await lenaContext.close();
  });
}
