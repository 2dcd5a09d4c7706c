import { test, expect, ready, signIn, createPerson, javaScriptEnabled } from './fixtures';

const MAYA = { email: 'maya@example.org', name: 'Maya Chen', password: 'river lantern quietly nine' };
const SAM = { email: 'sam@example.org', name: 'Sam Rivera', password: 'copper meadow fifty kites', manager: MAYA.email };

function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

test('the demo scenario: a manager builds a plan, the employee works it, check-ins chart the recovery', async ({ page, server, browser }) => {
  createPerson(server, MAYA);
  createPerson(server, SAM);

  // The manager opens a plan from the team page.
  await signIn(page, server, MAYA.email, MAYA.password);
  await expect(page).toHaveURL(/\/team$/);
  await ready(page);
  await expect(page.getByRole('row', { name: /Sam Rivera/ })).toContainText('No plan');
  await page.getByRole('link', { name: 'Start a recovery plan' }).click();
  await expect(page.getByRole('heading', { name: 'New recovery plan for Sam Rivera' })).toBeVisible();
  await ready(page);
  await page.getByLabel('Short title').fill('Client demo did not land');
  await page.getByLabel('When it happened').fill(daysAgo(6));
  await page.getByLabel('What happened').fill('The live forecast failed to load the client data.');
  await page.getByLabel('One technical fix').fill('Demo from a frozen, validated data snapshot.');
  await page.getByLabel('One communication change').fill('Open with a short agenda.');
  await page.getByRole('button', { name: 'Create draft plan' }).click();
  await expect(page.getByText('This is a draft: only you can see it.')).toBeVisible();
  await ready(page);

  await page.getByRole('button', { name: 'Activate and share with Sam Rivera' }).click();
  await expect(page.getByText('This is a draft')).toHaveCount(0);
  await ready(page);
  await page.getByLabel('A visible task they can own and finish within days').fill('Send the client a follow-up note');
  await page.getByRole('button', { name: 'Set small win' }).click();
  await expect(page.getByRole('region', { name: 'One small, visible win' })).toContainText('Send the client a follow-up note');
  await ready(page);
  await page.getByText('Add a task').click();
  await page.getByLabel('Kind', { exact: true }).selectOption('paired_work');
  await page.getByLabel('Task', { exact: true }).fill('Co-present the next demo');
  await page.getByLabel('Colleague to pair with').fill('Lena Fischer');
  await page.getByRole('button', { name: 'Add task' }).click();
  await expect(page.getByRole('region', { name: 'Development plan' })).toContainText('Co-present the next demo');
  const planUrl = page.url().replace(/[?#].*$/, '');

  // The employee marks the small win done and rates their confidence.
  const samContext = await browser.newContext({ javaScriptEnabled: javaScriptEnabled() });
  const sam = await samContext.newPage();
  await signIn(sam, server, SAM.email, SAM.password);
  await expect(sam).toHaveURL(/\/my-plan$/);
  await expect(sam.getByText('Maya Chen (your current manager)')).toBeVisible();
  await sam.getByRole('link', { name: 'Client demo did not land' }).click();
  await expect(sam.getByRole('heading', { name: 'My plan: Client demo did not land' })).toBeVisible();
  await ready(sam);
  await sam.getByLabel('In the team').check();
  await sam.getByRole('button', { name: 'Mark my small win done' }).click();
  await expect(sam.getByRole('region', { name: 'One small, visible win' })).toContainText('recognised in the team');
  await ready(sam);
  await sam.getByText('Before our next one-on-one').click();
  await sam.getByRole('group', { name: 'My confidence (1 low, 5 high)' }).getByLabel('2', { exact: true }).check();
  await sam.getByLabel('My reflection').fill('Nervous about the next demo.');
  await sam.getByRole('button', { name: 'Save my rating' }).click();
  // Kept for the next one-on-one, not a check-in of its own.
  await expect(sam.getByText(/Your rating for the next one-on-one: 2 of 5/)).toBeVisible();
  await expect(sam.getByText('No check-ins yet.')).toBeVisible();
  await samContext.close();

  // The manager records a check-in; the chart shows self-ratings against observed readiness.
  await page.goto(planUrl);
  await ready(page);
  await page.getByText('Record a check-in').click();
  // The manager sees the employee's own rating and gives only what they observed.
  await expect(page.getByText(/Sam rated their own confidence 2 of 5 before this one-on-one/)).toBeVisible();
  await expect(page.getByRole('group', { name: 'Their self-rated confidence' })).toHaveCount(0);
  await page.getByRole('group', { name: 'Readiness you observed' }).getByLabel('4', { exact: true }).check();
  await page.getByLabel('Shared summary (they see this)').fill('Good follow-up; co-presenting next.');
  await page.getByLabel('Private note (only you see this)').fill('Still a little tense.');
  await page.getByRole('button', { name: 'Save check-in' }).click();
  await expect(page.getByText('Summary: Good follow-up; co-presenting next.')).toBeVisible();
  await expect(page.getByText('Reflection: Nervous about the next demo.')).toBeVisible();
  await expect(page.getByText('Confidence (self): 2 of 5 · Readiness (observed): 4 of 5')).toBeVisible();

  const chart = page.getByRole('img', { name: 'Confidence and readiness over time' });
  await expect(chart).toBeVisible();
  // Each rating is a vertex of its line, drawn with a dot marker; a lone rating is listed twice.
  const vertices = async (series: string) =>
    ((await page.locator(`svg.chart-wide polyline.line.${series}`).getAttribute('points')) ?? '').trim().split(/\s+/);
  expect(await vertices('confidence')).toHaveLength(2);
  expect(new Set(await vertices('confidence')).size).toBe(1);
  expect(new Set(await vertices('readiness')).size).toBe(1);
  await expect(page.locator('svg.chart-wide polyline.line.confidence')).toHaveAttribute('marker-mid', 'url(#dot-confidence-wide)');
  await expect(page.locator('svg marker#dot-readiness-wide circle.dot.readiness')).toHaveCount(1);
  // The small win sits on the events lane, below the rating scale, in both sizes of the chart.
  await expect(page.locator('svg.chart-wide .win-mark')).toHaveCount(1);
  await expect(page.locator('svg.chart-narrow .win-mark')).toHaveCount(1);
  await page.getByText('Show the numbers as a table').click();
  await expect(page.getByRole('table', { name: 'Progress by date' })).toContainText('4 of 5');
});
