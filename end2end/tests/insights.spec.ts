import { test, expect, ready, signIn, createPerson } from './fixtures';

const HANA = { email: 'hana@example.org', name: 'Hana Hargreaves', password: 'amber orchard calmly seven', hr: true };

for (const width of [1280, 360]) {
  test(`HR sees anonymised statistics with the privacy rules and a CSV of the same tables (${width} px)`, async ({ page, server, request }) => {
    await page.setViewportSize({ width, height: 900 });
    createPerson(server, HANA);
    await signIn(page, server, HANA.email, HANA.password);
    await expect(page).toHaveURL(/\/insights$/);
    await ready(page);
    await expect(page.getByRole('heading', { name: 'How these numbers protect people' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Plans by month' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Plans by department (last 12 months)' })).toContainText('All departments');
    await expect(page.getByRole('img', { name: /Plans started per month/ })).toBeVisible();
    const link = page.getByRole('link', { name: 'CSV' });
    await expect(link).toHaveAttribute('href', '/insights.csv');
    const cookies = await page.context().cookies();
    const csv = await request.get(`${server.url}/insights.csv`, {
      headers: { cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; ') },
    });
    expect(csv.status()).toBe(200);
    const lines = (await csv.text()).split('\r\n');
    expect(lines[0]).toBe('table,period,group,measure,unit,value,hidden,reason');
    expect(lines.slice(1).every((line) => line === '' || line.split(',').length >= 8)).toBe(true);
    expect(lines.some((line) => line.startsWith('Plans by month,'))).toBe(true);
    await expect(page.getByText('Hana Hargreaves')).toHaveCount(1); // only the header's own name
  });
}
