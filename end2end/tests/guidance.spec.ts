import { test, expect, ready, signIn, createPerson, javaScriptEnabled, dayLabel, expectRefused } from './fixtures';

const MAYA = { email: 'maya@example.org', name: 'Maya Chen', password: 'river lantern quietly nine' };
const SAM = { email: 'sam@example.org', name: 'Sam Rivera', password: 'copper meadow fifty kites', manager: MAYA.email };

function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

/** The ISO day `days` calendar days after the ISO day `from`. */
function plusDays(from: string, days: number): string {
  return new Date(Date.parse(`${from}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The ISO day `count` working days (Monday to Friday) after the ISO day `from`. */
function plusWorkingDays(from: string, count: number): string {
  let day = from;
  while (count > 0) {
    day = plusDays(day, 1);
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) count -= 1;
  }
  return day;
}

// The "Criticism with no way forward" template (src/playbook/templates.rs), as the form suggests it.
const FEEDBACK_TEMPLATE = {
  smallWin: 'Pick one specific point from the feedback and finish a visible improvement on it',
  tasks: [
    { kind: 'Practice', title: 'Turn the feedback into three specific behaviours to practise, agreed with you', inDays: 5 },
    { kind: 'Micro-experiment', title: 'Try one small change on the next piece of work and ask for feedback on just that', inDays: 14 },
    { kind: 'Shadowing', title: 'Shadow a colleague who does this work well and note two habits worth trying', inDays: 21 },
  ],
  hypothesis: 'Changing one thing at a time makes the feedback on it specific enough to act on',
  milestones: [
    { title: 'A clear next step written down for each point of feedback', inDays: 7 },
    { title: 'Specific feedback received on one changed behaviour', inDays: 30 },
    { title: 'Progress on every next step reviewed in a one-on-one', inDays: 60 },
  ],
};

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

// The plan-from-a-template journey to its end: a refusal beside the one field at fault with
// everything else as typed, then the saved plan listing every suggested step, before and after a reload.
for (const width of [1280, 360]) {
  test(`a plan from the outcome-only-feedback template is refused without a hypothesis, then saved with its steps (${width} px)`, async ({ page, server }) => {
    await page.setViewportSize({ width, height: 900 });
    createPerson(server, MAYA);
    createPerson(server, SAM);
    await signIn(page, server, MAYA.email, MAYA.password);
    await expect(page).toHaveURL(/\/team$/);
    await ready(page);
    await page.getByRole('link', { name: 'Start a recovery plan' }).click();
    await ready(page);
    await page.getByRole('navigation', { name: 'Start from a template' }).getByRole('link', { name: 'Criticism with no way forward' }).click();
    await expect(page).toHaveURL(/\/plans\/new\?employee=\d+&template=outcome-only-feedback$/);
    await ready(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('New recovery plan for Sam Rivera');

    // The template's suggestions fill the form; its dates count from the server's today.
    const template = FEEDBACK_TEMPLATE;
    const smallWin = page.getByLabel('Small win, due in 5 working days');
    const taskTitle = (index: number) => page.locator(`#starter-task-${index}`);
    const taskDue = (index: number) => page.locator(`#starter-task-due-${index}`);
    const milestoneTitle = (index: number) => page.locator(`#starter-milestone-${index}`);
    const milestoneDate = (index: number) => page.locator(`#starter-milestone-date-${index}`);
    const hypothesis = page.getByLabel('What the experiment tests');
    const risk = page.getByLabel('Risk', { exact: true });
    await expect(smallWin).toHaveValue(template.smallWin);
    await expect(hypothesis).toHaveValue(template.hypothesis);
    const today = plusDays(await taskDue(0).inputValue(), -template.tasks[0].inDays);
    for (const [index, task] of template.tasks.entries()) {
      await expect(page.getByLabel(`${task.kind} task`)).toHaveValue(task.title);
      await expect(taskDue(index)).toHaveValue(plusDays(today, task.inDays));
    }
    for (const [index, milestone] of template.milestones.entries()) {
      await expect(milestoneTitle(index)).toHaveValue(milestone.title);
      await expect(milestoneDate(index)).toHaveValue(plusDays(today, milestone.inDays));
    }

    // The event typed in, one suggestion changed (the shadowing's due day, the risk), and the
    // experiment's hypothesis cleared: refused beside that field, nothing saved, the rest as typed.
    const eventDay = daysAgo(3);
    const shadowingDue = plusDays(today, 28);
    await page.getByLabel('Short title').fill('Quarterly report review');
    await page.getByLabel('When it happened').fill(eventDay);
    await page.getByLabel('No, in private').check();
    await page.getByLabel('What happened').fill('The review listed what was wrong with the report and gave no next steps.');
    await taskDue(2).fill(shadowingDue);
    await risk.selectOption('medium');
    await hypothesis.fill('');
    await page.getByRole('button', { name: 'Create draft plan' }).click();
    await ready(page);
    await expect(page).toHaveURL(/\/plans\/new\?/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('New recovery plan for Sam Rivera');
    await expectRefused(page, hypothesis, 'A micro-experiment needs a hypothesis: what do you expect to happen (\u201cTry one small change on the next piece o\u2026\u201d)?', '');
    await expect(page.getByLabel('Short title')).toHaveValue('Quarterly report review');
    await expect(page.getByLabel('When it happened')).toHaveValue(eventDay);
    await expect(page.getByLabel('No, in private')).toBeChecked();
    await expect(page.getByLabel('What happened')).toHaveValue('The review listed what was wrong with the report and gave no next steps.');
    await expect(smallWin).toHaveValue(template.smallWin);
    for (const [index, task] of template.tasks.entries()) {
      await expect(taskTitle(index)).toHaveValue(task.title);
      await expect(taskDue(index)).toHaveValue(index === 2 ? shadowingDue : plusDays(today, task.inDays));
    }
    await expect(risk).toHaveValue('medium');
    for (const [index, milestone] of template.milestones.entries()) {
      await expect(milestoneTitle(index)).toHaveValue(milestone.title);
      await expect(milestoneDate(index)).toHaveValue(plusDays(today, milestone.inDays));
    }

    // With a hypothesis the draft is created: the page lands on the new plan and says so.
    const ownHypothesis = 'Asking about one change at a time gets feedback specific enough to act on';
    await hypothesis.fill(ownHypothesis);
    await page.getByRole('button', { name: 'Create draft plan' }).click();
    await ready(page);
    await expect(page).toHaveURL(/\/plans\/\d+#content$/);
    await expect(page.locator('#content')).toBeInViewport();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sam Rivera: Quarterly report review');
    await expect(page.locator('main .notice.success')).toHaveText('Saved. Draft plan created: only you can see it until you activate it.');
    await expect(page.getByText('This is a draft: only you can see it. Activate it to share it with Sam Rivera.')).toBeVisible();

    // The small win, the tasks and the milestones are the template's, with what was changed.
    const expectTemplateSteps = async () => {
      const wins = page.getByRole('region', { name: 'One small, visible win' }).locator('ul.plain > li');
      await expect(wins).toHaveCount(1);
      await expect(wins.first()).toHaveText(`${template.smallWin} · due ${dayLabel(plusWorkingDays(today, 5))}`);
      const tasks = page.getByRole('region', { name: 'Development plan' }).locator('ul.tasks > li > p:first-child');
      await expect(tasks).toHaveText([
        `Practice ${template.tasks[0].title} · due ${dayLabel(plusDays(today, 5))} · To do`,
        `Micro-experiment ${template.tasks[1].title} · hypothesis: ${ownHypothesis}; risk medium · due ${dayLabel(plusDays(today, 14))} · To do`,
        `Shadowing ${template.tasks[2].title} · due ${dayLabel(shadowingDue)} · To do`,
      ]);
      const milestones = page.getByRole('region', { name: 'Milestones' }).locator('ul.plain > li');
      await expect(milestones).toHaveCount(3);
      for (const [index, milestone] of template.milestones.entries()) {
        await expect(milestones.nth(index)).toContainText(`${milestone.title} · target ${dayLabel(plusDays(today, milestone.inDays))} · not reached yet`);
      }
      await expect(page.getByRole('region', { name: 'The event and the debrief' })).toContainText('The review listed what was wrong with the report and gave no next steps.');
    };
    await expectTemplateSteps();

    // Saved, not just shown: a reload reads the same plan back, without the one-time confirmation.
    await page.reload();
    await ready(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sam Rivera: Quarterly report review');
    await expect(page.locator('main .notice.success')).toHaveCount(0);
    await expectTemplateSteps();
  });
}
