import { test as base, expect, Page, APIRequestContext } from '@playwright/test';
import { spawn, ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A Rebound server of the test's own: fresh database, random loopback port. */
export interface Server {
  url: string;
  /** The one-time setup link the server printed at start. */
  setupUrl: string;
}

const repoRoot = path.resolve(__dirname, '..', '..');
const binary = path.resolve(repoRoot, 'end2end', process.env.REBOUND_BIN ?? '../target/debug/rebound');

async function startServer(): Promise<{ server: Server; process: ChildProcess; dir: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'rebound-e2e-'));
  const child = spawn(binary, ['serve', '--addr', '127.0.0.1:0', '--database', `sqlite://${dir}/e2e.db`], {
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
        resolve({ url, setupUrl });
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return { server, process: child, dir };
}

export const test = base.extend<{ server: Server }>({
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

/** Waits until the page is interactive: hydrated with JavaScript, loaded without. */
export async function ready(page: Page): Promise<void> {
  await page.waitForLoadState('load');
}

/** Signs in through the sign-in page. */
export async function signIn(page: Page, server: Server, email: string, password: string): Promise<void> {
  await page.goto(`${server.url}/login`);
  await ready(page);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}
