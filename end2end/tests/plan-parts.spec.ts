import { test, expect, ready, signIn, dayLabel, javaScriptEnabled, expectRefused, Server, seedDemo, DEMO_PASSWORD, daysAhead } from './fixtures';
import { Locator, Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

// The manager works the parts of a plan on the demo organisation: recalibrated goals, milestones
// and private notes are added, changed and removed, each save confirmed beside its section where
// the page lands, each refusal shown beside its field with what was typed still in it.
const SHOTS = '/tmp/e2e-shots';

/** Seeds the demo, signs Maya in at `width` and opens Sam's plan; returns the event's day. */
async function openSamsPlan(page: Page, server: Server, width: number): Promise<string> {
  seedDemo(server);
  const eventDay = dayLabel(daysAhead(-16));
  await page.setViewportSize({ width, height: 900 });
  await signIn(page, server, 'maya@demo.rebound', DEMO_PASSWORD);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.goto(server.url + '/team');
  await page.locator('a[href^="/plans/"]:not([href*="new"])').first().click();
  await ready(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sam Rivera: Client demo for Harbour Bank did not land');
  // With JavaScript, every save happens without a page load: this mark would not survive one.
  if (javaScriptEnabled()) await page.evaluate(() => ((window as unknown as { unreloaded: boolean }).unreloaded = true));
  return eventDay;
}

/** With JavaScript, the saves swapped the page in place instead of loading it again. */
async function expectNoReload(page: Page): Promise<void> {
  if (javaScriptEnabled()) expect(await page.evaluate(() => (window as unknown as { unreloaded?: boolean }).unreloaded)).toBe(true);
}

/** The page landed on the section headed `anchor`: its address names it and it is in view. */
async function expectLandedOn(page: Page, anchor: string): Promise<void> {
  await expect(page).toHaveURL(new RegExp(`#${anchor}$`));
  await expect(page.locator(`#${anchor}`)).toBeInViewport();
}

/** The fold under a section that holds its add form, by its summary. */
function addFold(section: Locator, summary: string): Locator {
  return section.locator('details:not(.edit)').filter({ has: section.page().locator('summary', { hasText: summary }) });
}

for (const width of [1280, 360]) {
  test(`a manager adds, edits and removes a recalibrated goal (${width} px)`, async ({ page, server }) => {
    await openSamsPlan(page, server, width);
    const goals = page.getByRole('region', { name: 'Temporarily recalibrated goals' });
    const timeline = page.getByRole('region', { name: 'Timeline' });
    const items = goals.locator('ul.plain > li');
    await expect(goals).toContainText('No goals recalibrated.');
    await expect(items).toHaveCount(0);

    // A restore-by date in the past is refused beside that field; every typed value stays.
    const add = addFold(goals, 'Recalibrate a goal');
    await add.locator('summary').click();
    await add.getByLabel('Goal', { exact: true }).fill('Lead the weekly client demo');
    await add.getByLabel('Usual scope').fill('Leads every weekly client demo alone');
    await add.getByLabel('Temporary scope').fill('Co-leads with Lena and presents one section');
    await add.getByLabel('Restore by').fill(daysAhead(-1));
    await add.getByRole('button', { name: 'Save temporary goal' }).click();
    await ready(page);
    await expectRefused(page, add.getByLabel('Restore by'), 'The restore-by date is in the past: choose the day the usual scope returns.', daysAhead(-1));
    await expect(add.getByLabel('Goal', { exact: true })).toHaveValue('Lead the weekly client demo');
    await expect(add.getByLabel('Usual scope')).toHaveValue('Leads every weekly client demo alone');
    await expect(add.getByLabel('Temporary scope')).toHaveValue('Co-leads with Lena and presents one section');
    await expect(items).toHaveCount(0);

    // Fixed and saved: the page lands on the section, which says what was added and lists it.
    await add.getByLabel('Restore by').fill(daysAhead(30));
    await add.getByRole('button', { name: 'Save temporary goal' }).click();
    await ready(page);
    await expectLandedOn(page, 'goals-heading');
    await expect(goals.getByRole('status')).toHaveText('Saved. Goal temporarily recalibrated: Lead the weekly client demo.');
    await expect(items).toHaveCount(1);
    await expect(items.first()).toContainText('Temporary');
    await expect(items.first()).toContainText(
      `Lead the weekly client demo: usually Leads every weekly client demo alone; for now Co-leads with Lena and presents one section; restore by ${dayLabel(daysAhead(30))}`,
    );
    await expect(goals.getByText('No goals recalibrated.')).toHaveCount(0);
    await expect(add.getByLabel('Goal', { exact: true })).toHaveValue('');

    // Edited in its own fold: the confirmation names the old and the new wording.
    const fold = items.first().locator('details.edit');
    await fold.locator('summary').click();
    await fold.getByLabel('Goal', { exact: true }).fill('Co-lead the weekly client demo');
    await fold.getByLabel('Temporary scope').fill('Presents the data section only');
    await fold.getByLabel('Restore by').fill(daysAhead(45));
    await fold.getByRole('button', { name: 'Save changes' }).click();
    await ready(page);
    await expectLandedOn(page, 'goals-heading');
    await expect(goals.getByRole('status')).toHaveText('Saved. Recalibrated goal changed: \u201cLead the weekly client demo\u201d is now \u201cCo-lead the weekly client demo\u201d.');
    await expect(items).toHaveCount(1);
    await expect(items.first()).toContainText(
      `Co-lead the weekly client demo: usually Leads every weekly client demo alone; for now Presents the data section only; restore by ${dayLabel(daysAhead(45))}`,
    );
    await expect(timeline).toContainText('Recalibrated goal changed: \u201cLead the weekly client demo\u201d is now \u201cCo-lead the weekly client demo\u201d');

    // Removing asks for the tick first: without it nothing is sent and the goal stays.
    const removeFold = items.first().locator('details.edit');
    await removeFold.locator('summary').click();
    const tick = removeFold.getByLabel('Remove this goal from the plan for good');
    await expect(tick).not.toBeChecked();
    await removeFold.getByRole('button', { name: 'Remove goal' }).click();
    expect(await tick.evaluate((input: HTMLInputElement) => input.validity.valueMissing)).toBe(true);
    await expect(items).toHaveCount(1);
    await expect(goals.getByRole('status')).toContainText('Recalibrated goal changed');

    await tick.check();
    await removeFold.getByRole('button', { name: 'Remove goal' }).click();
    await ready(page);
    await expectLandedOn(page, 'goals-heading');
    await expect(goals.getByRole('status')).toHaveText('Saved. Recalibrated goal removed: Co-lead the weekly client demo.');
    await expect(items).toHaveCount(0);
    await expect(goals).toContainText('No goals recalibrated.');
    await expect(timeline).toContainText('Recalibrated goal removed: Co-lead the weekly client demo');
    await expectNoReload(page);
  });

  test(`a manager adds a milestone, marks it reached and removes it (${width} px)`, async ({ page, server }) => {
    const eventDay = await openSamsPlan(page, server, width);
    const milestones = page.getByRole('region', { name: 'Milestones' });
    const timeline = page.getByRole('region', { name: 'Timeline' });
    const items = milestones.locator('ul.plain > li');
    const title = 'Answer client questions without notes';
    const item = items.filter({ hasText: title });
    await expect(items).toHaveCount(1);
    await expect(items.first()).toContainText('Propose one idea in a client meeting');

    // A target date before the event is refused beside that field, with the typed values kept.
    const add = addFold(milestones, 'Add a milestone');
    await add.locator('summary').click();
    await add.getByLabel('Milestone', { exact: true }).fill(title);
    await add.getByLabel('Target date').fill(daysAhead(-30));
    await add.getByRole('button', { name: 'Add milestone' }).click();
    await ready(page);
    await expectRefused(page, add.getByLabel('Target date'), `The target date cannot be before the event (${eventDay}).`, daysAhead(-30));
    await expect(add.getByLabel('Milestone', { exact: true })).toHaveValue(title);
    await expect(item).toHaveCount(0);

    // Fixed and added: confirmed beside the section and listed as not reached yet.
    await add.getByLabel('Target date').fill(daysAhead(21));
    await add.getByRole('button', { name: 'Add milestone' }).click();
    await ready(page);
    await expectLandedOn(page, 'milestones-heading');
    await expect(milestones.getByRole('status')).toHaveText(`Saved. Milestone added: ${title}.`);
    await expect(items).toHaveCount(2);
    await expect(item).toContainText(`${title} · target ${dayLabel(daysAhead(21))} · not reached yet`);
    await expect(add.getByLabel('Milestone', { exact: true })).toHaveValue('');

    // Marking it reached asks for the day; a day before the event is refused beside the field.
    const reached = item.locator('details:not(.edit)').filter({ has: page.locator('summary', { hasText: 'Mark as reached…' }) });
    await reached.locator('summary').click();
    await reached.getByLabel('Reached on').fill(daysAhead(-20));
    await reached.getByRole('button', { name: 'Mark reached' }).click();
    await ready(page);
    await expectRefused(page, reached.getByLabel('Reached on'), `The date reached cannot be before the event (${eventDay}).`, daysAhead(-20));
    await expect(item).toContainText('not reached yet');

    await reached.getByLabel('Reached on').fill(daysAhead(-2));
    await reached.getByRole('button', { name: 'Mark reached' }).click();
    await ready(page);
    await expectLandedOn(page, 'milestones-heading');
    await expect(milestones.getByRole('status')).toHaveText(`Saved. Milestone reached on ${dayLabel(daysAhead(-2))}: ${title}.`);
    await expect(item).toContainText(`${title} · target ${dayLabel(daysAhead(21))} · reached ${dayLabel(daysAhead(-2))}`);
    await expect(item.locator('summary', { hasText: 'Mark as reached…' })).toHaveCount(0);
    await expect(timeline).toContainText(`Milestone reached on ${dayLabel(daysAhead(-2))}: ${title}`);

    // Removed behind its tick: gone from the list, the other milestone kept, the timeline says so.
    const fold = item.locator('details.edit');
    await fold.locator('summary').click();
    await fold.getByLabel('Remove this milestone from the plan for good').check();
    await fold.getByRole('button', { name: 'Remove milestone' }).click();
    await ready(page);
    await expectLandedOn(page, 'milestones-heading');
    await expect(milestones.getByRole('status')).toHaveText(`Saved. Milestone removed: ${title}.`);
    await expect(item).toHaveCount(0);
    await expect(items).toHaveCount(1);
    await expect(items.first()).toContainText('Propose one idea in a client meeting · target');
    await expect(timeline).toContainText(`Milestone removed: ${title}`);
    await expectNoReload(page);
  });

  test(`a manager adds a private note, and an over-long one is refused beside the field (${width} px)`, async ({ page, server }, info) => {
    await openSamsPlan(page, server, width);
    const notes = page.getByRole('region', { name: /^Private notes/ });
    const items = notes.locator('ul.plain > li');
    const field = notes.getByLabel('New private note');
    await expect(items).toHaveCount(1);
    await expect(items.first()).toContainText('Sam seemed embarrassed to discuss the Q&A');

    // Added: confirmed beside the section, listed with today's date, the field empty again.
    const note = 'Ask Sam before the demo which part still feels least certain.';
    const before = dayLabel(daysAhead(0));
    await field.fill(note);
    await notes.getByRole('button', { name: 'Add note' }).click();
    await ready(page);
    const after = dayLabel(daysAhead(0));
    await expectLandedOn(page, 'notes-heading');
    await expect(notes.getByRole('status')).toHaveText('Saved. Private note added.');
    await expect(items).toHaveCount(2);
    const added = items.filter({ hasText: note });
    await expect(added).toHaveCount(1);
    await expect(added).toHaveText(new RegExp(`^(${before}|${after}) ${note.replace(/[.?]/g, '\\$&')}$`));
    await expect(field).toHaveValue('');

    // Over the limit: refused beside the field, nothing cut or saved, every character kept.
    const long = 'Follow up on the Q&A preparation next week. '.repeat(100).trim();
    expect(long.length).toBeGreaterThan(4000);
    const lengthNote = page.locator('#note-body-length');
    // Near the limit the field says how much is used (as the person types, with JavaScript).
    if (javaScriptEnabled()) {
      await field.fill(long.slice(0, 3700));
      await expect(lengthNote).toHaveText('3700 of 4000 characters.');
    }
    await field.fill(long);
    await notes.getByRole('button', { name: 'Add note' }).click();
    await ready(page);
    await expectRefused(page, field, 'The note can be at most 4000 characters.', long);
    await expect(lengthNote).toHaveText(`${long.length - 4000} characters over the limit of 4000: shorten it before saving.`);
    await expect(notes.getByRole('status')).toHaveCount(0);
    await expect(items).toHaveCount(2);
    await expect(items.filter({ hasText: 'Follow up on the Q&A preparation' })).toHaveCount(0);
    if (width === 360) {
      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: path.join(SHOTS, `note-refused-360-${info.project.name}.png`) });
    }
    await expectNoReload(page);
  });

  test(`a check-in refused for its summary comes back with every field as typed (${width} px)`, async ({ page, server }) => {
    await openSamsPlan(page, server, width);
    const checkIns = page.getByRole('region', { name: 'One-on-one check-ins' });
    await checkIns.getByText('Record a check-in').click();
    const summary = checkIns.getByLabel('Shared summary (they see this)');
    const privateNote = checkIns.getByLabel('Private note (only you see this)');
    const long = 'Sam walked through the rehearsal plan and chose the first slot. '.repeat(70).trim();
    expect(long.length).toBeGreaterThan(4000);
    await checkIns.getByRole('group', { name: 'Readiness you observed' }).getByLabel('4', { exact: true }).check();
    await summary.fill(long);
    await privateNote.fill('Keep an eye on the Friday slot.');
    await checkIns.getByRole('button', { name: 'Save check-in' }).click();
    await ready(page);
    await expectRefused(page, summary, 'The shared summary can be at most 4000 characters.', long);
    await expect(page.locator('#checkin-summary-length')).toHaveText(`${long.length - 4000} characters over the limit of 4000: shorten it before saving.`);
    await expect(privateNote).toHaveValue('Keep an eye on the Friday slot.');
    await expect(checkIns.getByRole('group', { name: 'Readiness you observed' }).getByLabel('4', { exact: true })).toBeChecked();
    await expectNoReload(page);
  });
}
