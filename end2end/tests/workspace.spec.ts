import { test, expect, ready, signIn, dayLabel, javaScriptEnabled, seedDemo, DEMO_PASSWORD, daysAhead } from './fixtures';

// The plan workspace on the demo organisation: what is next, section links, and editing and
// removing items, with every refusal shown beside its field and every save confirmed in place.

for (const width of [1280, 360]) {
  test(`a manager edits and removes plan items in place (${width} px)`, async ({ page, server }, info) => {
    seedDemo(server);
    await page.setViewportSize({ width, height: 900 });
    await signIn(page, server, 'maya@demo.rebound', DEMO_PASSWORD);
    await page.goto(server.url + '/team');
    await page.locator('a[href^="/plans/"]:not([href*="new"])').first().click();
    await ready(page);

    // The top says what is next and offers the next action; every section has a link.
    const next = page.getByRole('region', { name: 'What is next' });
    await expect(next).toContainText('Since the event');
    await expect(next).toContainText('Next check-in');
    await expect(next.getByRole('link')).toHaveAttribute('href', /^#[a-z-]+-heading$|^#content$/);
    const sections = page.getByRole('navigation', { name: 'Sections of this plan' });
    for (const name of ['Debrief', 'Milestones', 'Check-ins', 'Close the plan']) {
      await expect(sections.getByRole('link', { name })).toBeVisible();
    }
    // One "What helps" box per section at most, and no move twice on the page.
    const hintLinks = await page.locator('.hints a').evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    expect(new Set(hintLinks).size).toBe(hintLinks.length);
    await page.screenshot({ path: info.outputPath(`top-${width}.png`) });

    // With JavaScript, every save below happens without a page load: this mark would not survive one.
    if (javaScriptEnabled()) await page.evaluate(() => ((window as unknown as { unreloaded: boolean }).unreloaded = true));

    // A refused edit: the field is marked, focused, says why, and keeps what was typed.
    const milestones = page.getByRole('region', { name: 'Milestones' });
    const fold = milestones.locator('details.edit').first();
    await fold.locator('summary').click();
    await fold.getByLabel('Milestone', { exact: true }).fill('Propose two ideas in a client meeting');
    await fold.getByLabel('Target date').fill('2001-01-01');
    await fold.getByRole('button', { name: 'Save changes' }).click();
    await ready(page);
    const target = milestones.locator('details.edit').first().getByLabel('Target date');
    await expect(target).toBeFocused();
    await expect(target).toHaveAttribute('aria-invalid', 'true');
    const problemId = await target.getAttribute('aria-describedby');
    await expect(page.locator(`#${problemId}`)).toContainText('cannot be before the event');
    await expect(milestones.locator('details.edit').first().getByLabel('Milestone', { exact: true })).toHaveValue('Propose two ideas in a client meeting');
    await expect(target).toHaveValue('2001-01-01');
    await page.screenshot({ path: info.outputPath(`refused-${width}.png`) });

    // Fixed and saved: the page lands on the section, which says what changed.
    await target.fill(daysAhead(20));
    await milestones.locator('details.edit').first().getByRole('button', { name: 'Save changes' }).click();
    await ready(page);
    await expect(page).toHaveURL(/#milestones-heading$/);
    await expect(milestones.getByRole('status')).toContainText('Saved. Milestone changed: \u201cPropose one idea in a client meeting\u201d is now \u201cPropose two ideas in a client meeting\u201d');
    await expect(milestones).toContainText(`target ${dayLabel(daysAhead(20))}`);

    // A task changes kind: only the fields of the new kind show, and the change is saved.
    const tasks = page.getByRole('region', { name: 'Development plan' });
    const pairedTask = () => tasks.locator('li', { hasText: 'Co-present the next client demo' }).locator('details.edit');
    const taskFold = pairedTask();
    await taskFold.locator('summary').click();
    await taskFold.getByLabel('Kind').selectOption('micro_experiment');
    await expect(taskFold.getByLabel('Hypothesis: what do you expect to happen?')).toBeVisible();
    await expect(taskFold.getByLabel('Colleague to pair with')).toBeHidden();
    await taskFold.getByLabel('Hypothesis: what do you expect to happen?').fill('A frozen snapshot keeps the demo steady');
    await taskFold.getByRole('button', { name: 'Save changes' }).click();
    await ready(page);
    // Refused: a micro-experiment needs its risk level, and says so beside that field.
    const risk = pairedTask().getByLabel('Risk level');
    await expect(risk).toBeFocused();
    await expect(page.locator(`#${await risk.getAttribute('aria-describedby')}`)).toContainText('risk level');
    await risk.selectOption('low');
    await pairedTask().getByRole('button', { name: 'Save changes' }).click();
    await ready(page);
    await expect(tasks.getByRole('status')).toContainText('Saved. Task changed');
    await expect(tasks).toContainText('hypothesis: A frozen snapshot keeps the demo steady; risk low');

    // Removing asks for the tick first, then the task is gone and the timeline names it.
    const removeFold = tasks.locator('li', { hasText: 'Dry-run the demo' }).locator('details.edit');
    await removeFold.locator('summary').click();
    await removeFold.getByLabel('Remove this task from the plan for good').check();
    await removeFold.getByRole('button', { name: 'Remove task' }).click();
    await ready(page);
    await expect(tasks.getByRole('status')).toContainText('Saved. Task removed: Dry-run the demo with the team on a frozen data snapshot');
    await expect(tasks.locator('li', { hasText: 'Dry-run the demo' })).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Timeline' })).toContainText('Task removed: Dry-run the demo with the team on a frozen data snapshot');
    await page.screenshot({ path: info.outputPath(`saved-${width}.png`) });
    if (javaScriptEnabled()) {
      expect(await page.evaluate(() => (window as unknown as { unreloaded?: boolean }).unreloaded)).toBe(true);
      // The swapped-in page is live too: the wording advice answers while typing.
      await page.locator('summary', { hasText: 'Record a check-in' }).click();
      await page.getByLabel('Shared summary (they see this)').fill('They were careless again.');
      await expect(page.locator('#checkin-summary-wording')).toContainText('\u201ccareless\u201d');
    }

    // A guidance link leads to the playbook and back to the plan.
    const planPath = new URL(page.url()).pathname;
    await page.locator('.hints a:visible').first().click();
    await ready(page);
    await page.getByRole('link', { name: '← Back to the plan' }).click();
    await expect(page).toHaveURL(new RegExp(`${planPath}$`));
  });
}
