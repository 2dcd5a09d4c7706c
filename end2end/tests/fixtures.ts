import { test as base, expect, Page, APIRequestContext, Locator } from '@playwright/test';
import { spawn, spawnSync, ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A Rebound server of the test's own: fresh database, random loopback port. */
export interface Server {
  url: string;
  /** The server's database, for preparing people with the command line. */
  databaseUrl: string;
  /** The one-time setup link the server printed at start. */
  setupUrl: string;
}

const repoRoot = path.resolve(__dirname, '..', '..');
const binary = path.resolve(repoRoot, 'end2end', process.env.REBOUND_BIN ?? '../target/debug/rebound');

let scratchDatabases = 0;

/**
 * The database a test's server runs on: a SQLite file in `dir`, or, when
 * REBOUND_TEST_POSTGRES_URL names a PostgreSQL server (`make test-e2e-postgres`), a new database
 * of its own there.
 */
function databaseFor(dir: string): string {
  const server = process.env.REBOUND_TEST_POSTGRES_URL;
  if (!server) return `sqlite://${dir}/e2e.db`;
  scratchDatabases += 1;
  const name = `rebound_e2e_${process.pid}_${scratchDatabases}`;
  const created = spawnSync('psql', ['-X', '-q', server, '-c', `CREATE DATABASE ${name}`], { encoding: 'utf8' });
  if (created.status !== 0) throw new Error(`cannot create ${name}: ${created.stderr}`);
  return `${server.replace(/\/[^/?]*(\?.*)?$/, '')}/${name}`;
}

async function startServer(): Promise<{ server: Server; process: ChildProcess; dir: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'rebound-e2e-'));
  const databaseUrl = databaseFor(dir);
  const child = spawn(binary, ['serve', '--addr', '127.0.0.1:0', '--database', databaseUrl], {
    cwd: repoRoot,
    env: { ...process.env, RUST_LOG: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const server = await new Promise<Server>((resolve, reject) => {
    let output = '';
    let url = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      url = url || (output.match(/serving at (http:\/\/[\d.:]+)/)?.[1] ?? '');
      const setupUrl = output.match(/(http:\/\/\S+\/setup\?token=\S+)/)?.[1];
      if (url && setupUrl) {
        clearTimeout(timer);
        resolve({ url, setupUrl, databaseUrl });
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return { server, process: child, dir };
}

export const test = base.extend<{ server: Server }>({
  // Every page must run its script without an error: a panicking browser bundle (for example a
  // hydration mismatch) fails the test even when the HTML alone would have passed. Refused
  // requests (4xx pages) are part of the tests, so "Failed to load resource" is not an error here.
  page: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
        errors.push(`console: ${message.text()}`);
      }
    });
    await use(page);
    expect(errors, 'errors in the browser console').toEqual([]);
  },
  server: async ({}, use) => {
    const { server, process, dir } = await startServer();
    await use(server);
    process.kill('SIGTERM');
    await new Promise((resolve) => process.once('exit', resolve));
    rmSync(dir, { recursive: true, force: true });
  },
});

export { expect };

export const ADMIN = { name: 'Ada Admin', email: 'ada@example.org', password: 'kettle orbit paper lantern' };

/** Claims a fresh server through its setup endpoint (the UI path is covered by setup.spec.ts). */
export async function claimInstance(request: APIRequestContext, server: Server): Promise<void> {
  const token = new URL(server.setupUrl).searchParams.get('token')!;
  const response = await request.post(`${server.url}/api/setup`, {
    form: { token, display_name: ADMIN.name, email: ADMIN.email, password: ADMIN.password, confirm_password: ADMIN.password },
  });
  expect(response.status()).toBe(200);
}

/** True when the running project has JavaScript enabled. */
export function javaScriptEnabled(): boolean {
  return test.info().project.use.javaScriptEnabled !== false;
}

/** Waits until the page is interactive: hydrated with JavaScript, loaded without. */
export async function ready(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  if (javaScriptEnabled()) {
    await page.locator('body[data-hydrated="true"]').waitFor({ state: 'attached' });
  }
}

/** Signs in through the sign-in page. */
export async function signIn(page: Page, server: Server, email: string, password: string): Promise<void> {
  await page.goto(`${server.url}/login`);
  await ready(page);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Creates a person with the `rebound user create` command against the test server's database. */
export function createPerson(server: Server, person: { email: string; name: string; manager?: string; password: string; hr?: boolean }): void {
  const args = ['--database', server.databaseUrl, 'user', 'create', '--email', person.email, '--name', person.name];
  if (person.manager) args.push('--manager', person.manager);
  if (person.hr) args.push('--hr');
  const result = spawnSync(binary, args, { cwd: repoRoot, input: `${person.password}\n`, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`user create failed: ${result.stderr}`);
}

/** Every demo person's password (see `rebound demo-seed`). */
export const DEMO_PASSWORD = 'rebound-demo-2026';

/** Fills the test server's database with the invented demo organisation. */
export function seedDemo(server: Server): void {
  const seeded = spawnSync(binary, ['--database', server.databaseUrl, 'demo-seed'], { cwd: repoRoot, encoding: 'utf8' });
  if (seeded.status !== 0) throw new Error(`demo-seed failed: ${seeded.stderr}`);
}

/** The date `days` from today (UTC), as a date field takes it: "2026-12-01". */
export function daysAhead(days: number): string {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** A day as the app writes it for people: "1 Dec 2026". */
export function dayLabel(iso: string): string {
  const [year, month, day] = iso.split('-').map(Number);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${day} ${months[month - 1]} ${year}`;
}

/**
 * A field the server refused: focused, marked invalid, pointing (among its hints) to the message
 * beside it, which reads `message`, and still holding `typed`.
 */
export async function expectRefused(page: Page, field: Locator, message: string | RegExp, typed: string): Promise<void> {
  await expect(field).toBeVisible();
  await expect(field).toBeFocused();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  const problemId = (await field.getAttribute('aria-describedby'))?.split(/\s+/).find((id) => id.endsWith('-problem'));
  expect(problemId, 'the field points to its message').toBeTruthy();
  const problem = page.locator(`[id="${problemId}"]`);
  await expect(problem).toBeVisible();
  await expect(problem).toHaveText(message);
  await expect(field).toHaveValue(typed);
}
