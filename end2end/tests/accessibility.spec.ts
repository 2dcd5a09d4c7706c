import { test, expect, signIn, javaScriptEnabled } from './fixtures';
import AxeBuilder from '@axe-core/playwright';
import { Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

// Every page, as every role that reaches it, at desktop and phone width: axe-core finds no
// violation of WCAG 2.0/2.1/2.2 A and AA or of its best practices.
const bin = path.resolve(__dirname, '..', process.env.REBOUND_BIN ?? '../target/debug/rebound');
const DEMO_PASSWORD = 'rebound-demo-2026';
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

async function audit(page: Page, url: string): Promise<string[]> {
  await page.goto(url);
  await page.waitForLoadState('load');
  if (javaScriptEnabled()) {
    await page.locator('body[data-hydrated="true"]').waitFor({ state: 'attached' });
  }
  // Open every fold, so the forms inside are checked too.
  await page.locator('details:not([open]) > summary').evaluateAll((summaries) => summaries.forEach((summary) => summary.parentElement!.setAttribute('open', '')));
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return results.violations.map((violation) => `${url}: ${violation.id} (${violation.impact}) ${violation.help} at ${violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join(' | ')}`);
}

for (const width of [1280, 360]) {
  test(`every page has no accessibility violations, as every role (${width} px)`, async ({ browser, server }) => {
    test.setTimeout(180_000);
    // axe-core runs as a script in the page. Without JavaScript, the pages are audited as they
    // render when the app's own scripts do not run: the browser runs axe, never Rebound's bundle.
    const context = await browser.newContext({ javaScriptEnabled: true });
    if (!javaScriptEnabled()) {
      await context.route(/\/pkg\/.*\.(js|wasm)$/, (route) => route.abort());
    }
    const page = await context.newPage();
    const seeded = spawnSync(bin, ['--database', server.databaseUrl, 'demo-seed']);
    expect(seeded.status, seeded.stderr?.toString()).toBe(0);
    await page.setViewportSize({ width, height: 900 });
    const found: string[] = [];

    for (const url of ['/login', '/playbook', '/playbook/moves', '/playbook/signs', '/playbook?q=demo', '/no-such-page']) {
      found.push(...(await audit(page, server.url + url)));
    }

    await signIn(page, server, 'maya@demo.rebound', DEMO_PASSWORD);
    await page.goto(server.url + '/team');
    const plan = await page.locator('a[href^="/plans/"]:not([href*="new"])').first().getAttribute('href');
    const start = await page.locator('a[href^="/plans/new"]').first().getAttribute('href');
    for (const url of ['/team', plan!, `${plan}?history=all`, start!, `${start}&template=public-demo-mistake`, '/my-plan', '/account/password']) {
      found.push(...(await audit(page, server.url + url)));
    }
    // The same pages in the dark colour scheme keep their contrast.
    await page.emulateMedia({ colorScheme: 'dark' });
    for (const url of ['/team', plan!, start!, '/playbook/moves']) {
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
    for (const url of ['/my-plan', plan!, '/my-data']) {
      found.push(...(await audit(page, server.url + url)));
    }

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
    for (const url of ['/admin/users', person!, '/admin/org', '/admin/settings', '/admin/audit', '/setup']) {
      found.push(...(await audit(page, server.url + url)));
    }
    await context.close();
    expect(found, found.join('\n')).toEqual([]);
  });
}
