import { test, expect, signIn, claimInstance, ADMIN, javaScriptEnabled, seedDemo, DEMO_PASSWORD } from './fixtures';
import AxeBuilder from '@axe-core/playwright';
import { Browser, BrowserContext, Page } from '@playwright/test';

// Every page, as every role that reaches it, at desktop and phone width: axe-core finds no
// violation of WCAG 2.0/2.1/2.2 A and AA or of its best practices.
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

async function audit(page: Page, url: string): Promise<string[]> {
  await page.goto(url);
  return auditHere(page, url);
}

/** Audits the page as it stands, for pages a form post lands on. */
async function auditHere(page: Page, url = page.url()): Promise<string[]> {
  await page.waitForLoadState('load');
  if (javaScriptEnabled()) {
    await page.locator('body[data-hydrated="true"]').waitFor({ state: 'attached' });
  }
  // Open every fold, so the forms inside are checked too.
  await page.locator('details:not([open]) > summary').evaluateAll((summaries) => summaries.forEach((summary) => summary.parentElement!.setAttribute('open', '')));
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return results.violations.map((violation) => `${url}: ${violation.id} (${violation.impact}) ${violation.help} at ${violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join(' | ')}`);
}

// axe-core runs as a script in the page. Without JavaScript, the pages are audited as they
// render when the app's own scripts do not run: the browser runs axe, never Rebound's bundle.
async function auditContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ javaScriptEnabled: true });
  if (!javaScriptEnabled()) {
    await context.route(/\/pkg\/.*\.(js|wasm)$/, (route) => route.abort());
  }
  return context;
}

for (const width of [1280, 360]) {
  test(`every page has no accessibility violations, as every role (${width} px)`, async ({ browser, server }) => {
    test.setTimeout(180_000);
    const context = await auditContext(browser);
    const page = await context.newPage();
    seedDemo(server);
    await page.setViewportSize({ width, height: 900 });
    const found: string[] = [];

    for (const url of ['/login', '/playbook', '/playbook/moves', '/playbook/signs', '/playbook?q=demo', '/no-such-page', '/unsubscribe/not-a-real-token']) {
      found.push(...(await audit(page, server.url + url)));
    }

    await signIn(page, server, 'maya@demo.rebound', DEMO_PASSWORD);
    await page.goto(server.url + '/team');
    const plan = await page.locator('a[href^="/plans/"]:not([href*="new"])').first().getAttribute('href');
    const start = await page.locator('a[href^="/plans/new"]').first().getAttribute('href');
    for (const url of ['/', '/team', plan!, `${plan}?history=all`, start!, `${start}&template=public-demo-mistake`, '/my-plan', '/account', '/account/password']) {
      found.push(...(await audit(page, server.url + url)));
    }
    // The same pages in the dark colour scheme keep their contrast.
    await page.emulateMedia({ colorScheme: 'dark' });
    for (const url of ['/', '/team', plan!, start!, '/playbook/moves', '/account']) {
      found.push(...(await audit(page, server.url + url)).map((violation) => `dark: ${violation}`));
    }
    await page.emulateMedia({ colorScheme: 'light' });
    // A refused save, with its message beside the field.
    await page.goto(server.url + plan);
    await page.getByText('Add a milestone').click();
    await page.locator('#milestone-title').fill('Too early');
    await page.locator('#milestone-date').fill('2001-01-01');
    await page.getByRole('button', { name: 'Add milestone' }).click();
    await page.waitForLoadState('load');
    found.push(...(await audit(page, page.url())));

    await page.context().clearCookies();
    await signIn(page, server, 'sam@demo.rebound', DEMO_PASSWORD);
    for (const url of ['/', '/my-plan', plan!, '/my-data', '/account']) {
      found.push(...(await audit(page, server.url + url)));
    }

    // Another employee opening Sam's plan is refused, on a page of its own.
    await page.context().clearCookies();
    await signIn(page, server, 'lena@demo.rebound', DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/my-plan$/);
    found.push(...(await audit(page, server.url + plan!)));
    await expect(page.getByText('There is no such plan, or it is not yours to see.')).toBeVisible();

    await page.context().clearCookies();
    await signIn(page, server, 'hr@demo.rebound', DEMO_PASSWORD);
    found.push(...(await audit(page, server.url + '/insights')));
    await page.emulateMedia({ colorScheme: 'dark' });
    found.push(...(await audit(page, server.url + '/insights')).map((violation) => `dark: ${violation}`));
    await page.emulateMedia({ colorScheme: 'light' });

    await page.context().clearCookies();
    await signIn(page, server, 'admin@demo.rebound', DEMO_PASSWORD);
    await page.goto(server.url + '/admin/users');
    const person = await page.locator('a[href^="/admin/users/"]').first().getAttribute('href');
    for (const url of ['/', '/admin/users', person!, '/admin/org', '/admin/settings', '/admin/audit', '/setup']) {
      found.push(...(await audit(page, server.url + url)));
    }
    await context.close();
    expect(found, found.join('\n')).toEqual([]);
  });
}

for (const width of [1280, 360]) {
  test(`first-run, first sign-in, refused and missing pages have no accessibility violations (${width} px)`, async ({ browser, server, request }) => {
    test.setTimeout(120_000);
    const context = await auditContext(browser);
    const page = await context.newPage();
    await page.setViewportSize({ width, height: 900 });
    const found: string[] = [];

    // Before setup: the start page that says so, and the setup link the server printed.
    found.push(...(await audit(page, server.url + '/')));
    await expect(page.getByRole('heading', { name: 'Rebound needs setting up' })).toBeVisible();
    found.push(...(await audit(page, server.setupUrl)));
    await expect(page.getByRole('heading', { name: 'Set up Rebound' })).toBeVisible();

    // After setup, the setup page only says it is done.
    await claimInstance(request, server);
    for (const url of ['/setup', server.setupUrl.replace(server.url, '')]) {
      found.push(...(await audit(page, server.url + url)));
      await expect(page.getByRole('heading', { name: 'Rebound is already set up' })).toBeVisible();
    }

    // A CSV import: the people page with its one-time links, then the first sign-in page one opens.
    await signIn(page, server, ADMIN.email, ADMIN.password);
    await expect(page).toHaveURL(/\/admin\/users$/);
    await page.getByLabel('CSV', { exact: true }).fill('email,name,department,manager_email,roles\nlena@example.org,Lena Fischer,Analytics,,\n');
    await page.getByRole('button', { name: 'Import' }).click();
    const links = page.getByRole('table', { name: 'First sign-in links' });
    await expect(links.getByRole('row', { name: /Lena Fischer/ })).toBeVisible();
    found.push(...(await auditHere(page)));
    const link = (await links.locator('code.secret').first().textContent())!.trim();
    // Unknown addresses, signed in (signed out, every address first asks the person to sign in).
    for (const url of ['/no/such/page', '/admin/no-such-page']) {
      found.push(...(await audit(page, server.url + url)));
      await expect(page.getByRole('heading', { name: 'This page does not exist' })).toBeVisible();
    }

    await page.context().clearCookies();
    found.push(...(await audit(page, link)));
    await expect(page.getByRole('heading', { name: 'Welcome, Lena Fischer' })).toBeVisible();

    // Signed out, the team page sends the person to sign in first.
    found.push(...(await audit(page, server.url + '/team')));
    await expect(page).toHaveURL(/\/login\?next=/);
    await expect(page.getByText('Please sign in to continue.')).toBeVisible();
    await context.close();
    expect(found, found.join('\n')).toEqual([]);
  });
}
