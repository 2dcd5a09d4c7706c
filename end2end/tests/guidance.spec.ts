import { test, expect, ready, signIn, createPerson, javaScriptEnabled, dayLabel } from './fixtures';

const MAYA = { email: 'maya@example.org', name: 'Maya Chen', password: 'river lantern quietly nine' };
const SAM = { email: 'sam@example.org', name: 'Sam Rivera', password: 'copper meadow fifty kites', manager: MAYA.email };

function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

test('the playbook search filters on the server and links to the full text', async ({ page, server }) => {
  createPerson(server, MAYA);
  await signIn(page, server, MAYA.email, MAYA.password);
  await expect(page).toHaveURL(/\/my-plan$/);
  await page.goto(`${server.url}/playbook`);
  await ready(page);
  await page.getByLabel('Search the playbook').fill('public blame');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/\/playbook\?q=public\+blame/);
  const results = page.getByRole('region', { name: /result\(s\) for/ });
  const link = results.locator('a[href="/playbook/moves#protect-from-public-blame"]');
  await expect(link).toBeVisible();
  await link.click();
  await expect(page).toHaveURL(/\/playbook\/moves#protect-from-public-blame/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});

test('a template pre-fills first steps, and low confidence brings up the support card', async ({ page, server, browser }) => {
  createPerson(server, MAYA);
  createPerson(server, SAM);
  await signIn(page, server, MAYA.email, MAYA.password);
  await expect(page).toHaveURL(/\/team$/);
  await ready(page);
  await page.getByRole('link', { name: 'Start a recovery plan' }).click();
  await ready(page);
  await page.getByRole('navigation', { name: 'Start from a template' }).getByRole('link').first().click();
  await expect(page).toHaveURL(/template=public-demo-mistake/);
  await ready(page);
  await expect(page.getByLabel('Paired work task')).toHaveValue(/co-present/i);
  // A suggested paired task is saved only with the colleague it pairs with.
  await page.getByLabel('Colleague to pair with').fill('Lena Fischer');
  await page.getByLabel('Short title').fill('Demo did not land');
  await page.getByLabel('When it happened').fill(daysAgo(8));
  await page.getByLabel('What happened').fill('Sam was careless with the data check.');
  if (javaScriptEnabled()) {
    // The wording island gives its advice while the manager types, before anything is saved.
    await expect(page.locator('#what_happened-wording')).toContainText(/\u201ccareless\u201d: /);
    await page.getByLabel('What happened').fill('The data check was skipped.');
    await expect(page.locator('#what_happened-wording')).toBeEmpty();
    await page.getByLabel('What happened').fill('Sam was careless with the data check.');
  }
  await page.getByRole('button', { name: 'Create draft plan' }).click();
  await expect(page.getByText('This is a draft')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Development plan' })).toContainText(/co-present/i);
  // After saving, the plan page repeats the advice for the saved text, with or without JavaScript.
  await expect(page.getByRole('note').filter({ hasText: 'Wording to reconsider' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'The event and the debrief' }).getByRole('link', { name: /debrief/i }).first()).toHaveAttribute('href', /\/playbook\/moves\?from=\/plans\/\d+#/);

  // Three check-ins at low confidence, each rated by the employee before it.
  await ready(page);
  await page.getByRole('button', { name: 'Activate and share with Sam Rivera' }).click();
  await expect(page.getByText('This is a draft')).toHaveCount(0);
  const planUrl = page.url().replace(/[?#].*$/, '');
  const samContext = await browser.newContext({ javaScriptEnabled: javaScriptEnabled() });
  const sam = await samContext.newPage();
  await signIn(sam, server, SAM.email, SAM.password);
  await expect(sam).toHaveURL(/\/my-plan$/);
  for (const [days, rating] of [[6, '2'], [4, '2'], [2, '1']] as const) {
    await sam.goto(planUrl);
    await ready(sam);
    await sam.getByText('Before our next one-on-one').click();
    await sam.getByRole('group', { name: 'My confidence (1 low, 5 high)' }).getByLabel(rating, { exact: true }).check();
    await sam.getByRole('button', { name: 'Save my rating' }).click();
    await expect(sam.getByText(new RegExp(`Your rating for the next one-on-one: ${rating} of 5`))).toBeVisible();
    await page.goto(planUrl);
    await ready(page);
    // Open the form unless a re-render kept it open.
    const form = page.locator('details', { has: page.getByText('Record a check-in') });
    if ((await form.getAttribute('open')) === null) await page.getByText('Record a check-in').click();
    await page.getByLabel('Held on').fill(daysAgo(days));
    await page.getByRole('button', { name: 'Save check-in' }).click();
    await expect(page.getByRole('heading', { name: dayLabel(daysAgo(days)), level: 3 })).toBeVisible();
  }
  await expect(page.getByRole('region', { name: 'When more help is needed' })).toContainText(/employee assistance/i);
  await samContext.close();
});
