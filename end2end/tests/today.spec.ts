import { test, expect, ready, signIn, dayLabel, javaScriptEnabled, Server, seedDemo, DEMO_PASSWORD, daysAhead } from './fixtures';
import { Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

// Today and the account page on the demo organisation, as a manager, an employee and HR would
// use them: what needs each of them, a calendar feed made, replaced and turned off, and email
// choices saved, with JavaScript and without, on a desktop and a phone.
const SHOTS = '/tmp/e2e-shots';

async function demoAs(page: Page, server: Server, who: string, width: number): Promise<void> {
  seedDemo(server);
  await page.setViewportSize({ width, height: 900 });
  await signIn(page, server, `${who}@demo.rebound`, DEMO_PASSWORD);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}-${test.info().project.name}.png`), fullPage: true });
}

for (const width of [1280, 360]) {
  test(`Today shows each person what needs them, and leads into the plan (${width} px)`, async ({ page, server }) => {
    await demoAs(page, server, 'maya', width);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Today/ }).click();
    await ready(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Today');
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Today/ })).toHaveAttribute('aria-current', 'page');
    await expect(page.getByRole('status').filter({ hasText: 'Nothing is overdue or due today.' })).toBeVisible();
    const week = page.getByRole('region', { name: /Later this week/ });
    const checkIn = week.getByRole('listitem').filter({ hasText: 'Check-in with Sam Rivera' });
    await expect(checkIn).toContainText(dayLabel(daysAhead(4)));
    await expect(week.getByRole('listitem').filter({ hasText: 'Task: Dry-run the demo' })).toContainText('Sam Rivera');
    await shot(page, `today-manager-${width}`);

    await checkIn.getByRole('link').click();
    await ready(page);
    await expect(page).toHaveURL(/\/plans\/\d+#checkins-heading$/);
    await expect(page.locator('#checkins-heading')).toBeInViewport();
    await expect(page.getByRole('region', { name: 'One-on-one check-ins' }).getByRole('link', { name: 'Add to my calendar' })).toBeVisible();

    // Sam sees the same dates on his own plan, with his manager.
    await page.context().clearCookies();
    await signIn(page, server, 'sam@demo.rebound', DEMO_PASSWORD);
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto(server.url + '/');
    await ready(page);
    const own = page.getByRole('region', { name: /Later this week/ });
    await expect(own.getByRole('listitem').filter({ hasText: 'Check-in with Maya Chen' })).toBeVisible();
    await expect(own.getByRole('listitem').filter({ hasText: 'Task: Dry-run the demo' })).toContainText('your plan');
    await shot(page, `today-employee-${width}`);

    // HR has no plans to follow: nothing, and no count.
    await page.context().clearCookies();
    await signIn(page, server, 'hr@demo.rebound', DEMO_PASSWORD);
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto(server.url + '/');
    await ready(page);
    await expect(page.getByRole('heading', { name: 'Nothing needs you this week' })).toBeVisible();
    await expect(page.locator('.due-count')).toHaveCount(0);
    await expect(page.locator('main')).not.toContainText('Sam Rivera');
  });

  test(`a calendar feed is made, replaced and turned off, and email choices are saved (${width} px)`, async ({ page, server }) => {
    await demoAs(page, server, 'maya', width);
    await page.getByRole('link', { name: 'Maya Chen' }).click();
    await ready(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your account');
    const calendar = page.getByRole('region', { name: 'Calendar feed' });
    await expect(calendar).toContainText('Your feed is off.');

    await calendar.getByRole('button', { name: 'Make my feed address' }).click();
    await ready(page);
    const address = page.getByLabel('Feed address');
    await expect(address).toHaveValue(/\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    await expect(calendar).toContainText('shown only this once');
    const first = await address.inputValue();
    const feed = await page.request.get(first);
    expect(feed.status()).toBe(200);
    expect(feed.headers()['content-type']).toContain('text/calendar');
    const ics = await feed.text();
    expect(ics).toContain('SUMMARY:1:1 with Sam Rivera');
    expect(ics).not.toContain('Harbour Bank');
    await shot(page, `account-feed-${width}`);

    // Shown once: a reload no longer shows it.
    await page.reload();
    await ready(page);
    await expect(page.getByLabel('Feed address')).toHaveCount(0);
    await expect(calendar).toContainText('Your feed is on');

    await calendar.getByRole('button', { name: 'Make a new address' }).click();
    await ready(page);
    const second = await page.getByLabel('Feed address').inputValue();
    expect(second).not.toBe(first);
    expect((await page.request.get(first)).status()).toBe(404);
    expect((await page.request.get(second)).status()).toBe(200);

    await calendar.getByRole('button', { name: 'Turn the feed off' }).click();
    await ready(page);
    await expect(page).toHaveURL(/#calendar$/);
    await expect(calendar.getByRole('status')).toContainText('Calendar feed turned off.');
    await expect(calendar).toContainText('Your feed is off.');
    expect((await page.request.get(second)).status()).toBe(404);

    const email = page.getByRole('region', { name: 'Email and time zone' });
    await expect(email).toContainText('sends no email yet');
    await email.getByLabel('Weekly summary').uncheck();
    await email.getByLabel('Time zone').selectOption('Europe/Berlin');
    await email.getByRole('button', { name: 'Save email choices' }).click();
    await ready(page);
    await expect(page).toHaveURL(/#email$/);
    await expect(email.getByRole('status')).toContainText('Saved. Your email choices and time zone are updated.');
    await expect(email.getByLabel('Weekly summary')).not.toBeChecked();
    await expect(email.getByLabel('Reminders')).toBeChecked();
    await expect(email.getByLabel('Time zone')).toHaveValue('Europe/Berlin');
    await shot(page, `account-email-${width}`);
    if (javaScriptEnabled()) {
      // The saved page is the server's, as it would be after a reload.
      await page.reload();
      await ready(page);
      await expect(page.getByRole('region', { name: 'Email and time zone' }).getByLabel('Time zone')).toHaveValue('Europe/Berlin');
    }
  });
}
