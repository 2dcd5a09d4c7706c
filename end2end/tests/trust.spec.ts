import { test, expect, ready, signIn, createPerson, javaScriptEnabled, dayLabel } from './fixtures';

const MAYA = { email: 'maya@example.org', name: 'Maya Chen', password: 'river lantern quietly nine' };
const SAM = { email: 'sam@example.org', name: 'Sam Rivera', password: 'copper meadow fifty kites', manager: MAYA.email };

// Words a manager might paste that also read as markup: each must come back as typed.
const PASTED = 'Said "</textarea><img src=x id=INJECTED>" then <!-- and &lt;b&gt; & more';

function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

test('text that looks like markup is saved, shown and edited exactly as typed', async ({ page, server }, info) => {
  createPerson(server, MAYA);
  createPerson(server, SAM);
  await signIn(page, server, MAYA.email, MAYA.password);
  await expect(page).toHaveURL(/\/team$/);
  await ready(page);
  await page.getByRole('link', { name: 'Start a recovery plan' }).click();
  await ready(page);
  await page.getByLabel('Short title').fill('Demo <b>stalled</b>');
  await page.getByLabel('When it happened').fill(daysAgo(4));
  await page.getByLabel('What happened').fill(PASTED);
  await page.getByRole('button', { name: 'Create draft plan' }).click();
  await expect(page.getByText('This is a draft: only you can see it.')).toBeVisible();
  await ready(page);

  // Shown as words, never as an element, and the editor holds exactly what was typed.
  await expect(page.locator('#INJECTED')).toHaveCount(0);
  await expect(page.locator('dd.prose', { hasText: 'Said' })).toHaveText(PASTED);
  await expect(page.getByRole('heading', { name: /Demo <b>stalled<\/b>/ })).toBeVisible();
  const editor = page.locator('details', { hasText: 'Edit the event and debrief' });
  await editor.locator('summary').click();
  await expect(editor.getByLabel('What happened')).toHaveValue(PASTED);
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: info.outputPath(`markup-as-text-${width}.png`), fullPage: false });
  }

  // Saving the form again changes nothing: no escaping is added or lost on the way round.
  await editor.getByRole('button', { name: 'Save debrief' }).click();
  await ready(page);
  await expect(page.locator('#INJECTED')).toHaveCount(0);
  await expect(page.locator('dd.prose', { hasText: 'Said' })).toHaveText(PASTED);
  const again = page.locator('details', { hasText: 'Edit the event and debrief' });
  if (!(await again.getAttribute('open'))) await again.locator('summary').click();
  await expect(again.getByLabel('What happened')).toHaveValue(PASTED);
  if (javaScriptEnabled()) {
    // The wording island still works on the restored text.
    await again.getByLabel('What happened').fill(`${PASTED} She is careless.`);
    await expect(again.locator('.wording-advice').first()).toContainText('careless');
  }
});

test('the employee sees who changed the private part of their plan, never what it was', async ({ page, server, browser }, info) => {
  createPerson(server, MAYA);
  createPerson(server, SAM);
  await signIn(page, server, MAYA.email, MAYA.password);
  await ready(page);
  await page.getByRole('link', { name: 'Start a recovery plan' }).click();
  await ready(page);
  await page.getByLabel('Short title').fill('Client demo did not land');
  await page.getByLabel('When it happened').fill(daysAgo(4));
  await page.getByRole('button', { name: 'Create draft plan' }).click();
  await expect(page.getByText('This is a draft: only you can see it.')).toBeVisible();
  await ready(page);
  // A private note while still a draft: the employee must never learn of it.
  await page.getByLabel('New private note').fill('Drafting: seemed tense.');
  await page.getByRole('button', { name: 'Add note' }).click();
  await expect(page.getByRole('region', { name: /Private notes/ })).toContainText('Drafting: seemed tense.');
  await ready(page);
  await page.getByRole('button', { name: 'Activate and share with Sam Rivera' }).click();
  await expect(page.getByText('This is a draft')).toHaveCount(0);
  await ready(page);
  await page.getByLabel('New private note').fill('After sharing: more relaxed.');
  await page.getByRole('button', { name: 'Add note' }).click();
  await expect(page.getByRole('region', { name: /Private notes/ })).toContainText('After sharing: more relaxed.');

  const samContext = await browser.newContext({ javaScriptEnabled: javaScriptEnabled() });
  const sam = await samContext.newPage();
  await signIn(sam, server, SAM.email, SAM.password);
  await expect(sam).toHaveURL(/\/my-plan$/);
  await ready(sam);
  await expect(sam.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My plans' })).toHaveAttribute('aria-current', 'page');
  const log = sam.getByRole('region', { name: 'Who opened or changed your plans' });
  // Only what happened once the plan was shared: the activation, reads, one private change.
  await expect(log.getByRole('row', { name: /Maya Chen changed the manager's private part of the plan/ })).toHaveCount(1);
  await expect(log.getByRole('row', { name: /Maya Chen changed the plan \(status\)/ })).toHaveCount(1);
  await expect(log.getByRole('row', { name: /changed/ })).toHaveCount(2);
  await expect(sam.getByText(/private note\)|created\)|seemed tense|more relaxed/)).toHaveCount(0);
  for (const width of [1280, 360]) {
    await sam.setViewportSize({ width, height: 900 });
    await sam.screenshot({ path: info.outputPath(`access-log-${width}.png`), fullPage: true });
  }
  await samContext.close();
});

test('closing a plan and marking a milestone reached ask first and preselect nothing', async ({ page, server }, info) => {
  createPerson(server, MAYA);
  createPerson(server, SAM);
  await signIn(page, server, MAYA.email, MAYA.password);
  await ready(page);
  await page.getByRole('link', { name: 'Start a recovery plan' }).click();
  await ready(page);
  await page.getByLabel('Short title').fill('Client demo did not land');
  await page.getByLabel('When it happened').fill(daysAgo(6));
  await page.getByRole('button', { name: 'Create draft plan' }).click();
  await ready(page);
  await page.getByRole('button', { name: 'Activate and share with Sam Rivera' }).click();
  await expect(page.getByText('This is a draft')).toHaveCount(0);
  await ready(page);

  // A refused milestone (dated before the event) opens its form with the message beside it.
  await page.getByText('Add a milestone').click();
  await page.getByLabel('Milestone', { exact: true }).fill('Too early');
  await page.getByLabel('Target date').fill(daysAgo(9));
  await page.getByRole('button', { name: 'Add milestone' }).click();
  await ready(page);
  const addMilestone = page.locator('details', { hasText: 'Add a milestone' });
  await expect(addMilestone).toHaveAttribute('open', '');
  await expect(addMilestone.getByRole('alert')).toContainText('cannot be before the event');
  // The field at fault takes the focus, is marked invalid and points to the message beside it.
  const targetDate = page.getByLabel('Target date');
  await expect(targetDate).toBeFocused();
  await expect(targetDate).toHaveAttribute('aria-invalid', 'true');
  await expect(targetDate).toHaveAttribute('aria-describedby', 'milestone-date-problem');
  await expect(page.locator('#milestone-date-problem')).toContainText('cannot be before the event');
  await expect(page.getByLabel('Milestone', { exact: true })).toHaveValue('Too early');
  await expect(page.getByLabel('Target date')).toHaveValue(daysAgo(9));
  await page.screenshot({ path: info.outputPath('refused-1280.png') });

  // Saved: the page lands on the section, which says what changed.
  await page.getByLabel('Milestone', { exact: true }).fill('Speak up in one client meeting');
  await page.getByLabel('Target date').fill(daysAgo(-10));
  await page.getByRole('button', { name: 'Add milestone' }).click();
  await ready(page);
  await expect(page).toHaveURL(/#milestones-heading$/);
  const milestones = page.getByRole('region', { name: 'Milestones' });
  await expect(milestones.getByRole('status')).toHaveText('Saved. Milestone added: Speak up in one client meeting.');
  await page.screenshot({ path: info.outputPath('saved-1280.png') });
  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toHaveCount(0);

  // A milestone is marked reached on a date the manager gives.
  await expect(page.getByRole('button', { name: 'Reached today' })).toHaveCount(0);
  await page.getByText('Mark as reached…').click();
  await expect(page.getByLabel('Reached on')).toHaveValue('');
  await page.getByLabel('Reached on').fill(daysAgo(1));
  await page.getByRole('button', { name: 'Mark reached' }).click();
  await expect(page.getByRole('region', { name: 'Milestones' })).toContainText(`reached ${dayLabel(daysAgo(1))}`);
  await expect(milestones.getByRole('status')).toContainText('Saved. Milestone reached on');
  await ready(page);

  // The navigation marks where the plan belongs for its manager.
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'My team' })).toHaveAttribute('aria-current', 'page');
  await expect(nav.getByRole('link', { name: 'My own plans' })).not.toHaveAttribute('aria-current', 'page');

  // Closing is the last section, behind a confirmation, with no outcome chosen.
  const sections = page.locator('main section h2');
  await expect(sections.last()).toHaveText('Close the plan');
  await page.getByText('Close this plan…').click();
  const outcomes = page.getByRole('group', { name: 'How did it end?' }).getByRole('radio');
  await expect(outcomes).toHaveCount(4);
  for (const outcome of await outcomes.all()) await expect(outcome).not.toBeChecked();
  await page.setViewportSize({ width: 360, height: 800 });
  await page.getByRole('region', { name: 'Close the plan' }).screenshot({ path: info.outputPath('close-360.png') });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByRole('group', { name: 'How did it end?' }).getByLabel('Recovered', { exact: true }).check();
  await page.getByLabel(/Close it: the plan becomes read-only/).check();
  await page.getByRole('button', { name: 'Close plan' }).click();
  await expect(page.getByText('This plan is closed and read-only.')).toBeVisible();
});
