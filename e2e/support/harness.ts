/**
 * Browser-journey harness: serves the real app over HTTP from a fresh
 * embedded database (seeded with the demo area by default) and drives Debian's
 * Chromium through playwright-core, with axe-core for accessibility checks.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { seedDemoArea } from '../../src/modules/demo/demo.seed.ts';
import { ensureVocabulary } from '../../src/modules/directory/vocabulary.repository.ts';
import { createLogger } from '../../src/platform/log.ts';
import { openTestDatabase, type TestDatabase } from '../../test/support/test-db.ts';

const require = createRequire(import.meta.url);

/**
 * How long one browser step (a click, a page load, waiting for an element) may
 * take before the journey fails. Steps take well under a second on a quiet
 * machine; this is a hang detector, sized so a machine busy with other work
 * (a CI runner shared with other jobs, two cores for everything) does not fail
 * a journey that is merely slow. Journeys assert behaviour, never durations.
 */
export const STEP_TIMEOUT_MS = 90_000;
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface Harness {
  baseUrl: string;
  database: TestDatabase;
  browser: Browser;
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  close(): Promise<void>;
}

export async function startHarness(opts: { demo?: boolean } = {}): Promise<Harness> {
  const database = await openTestDatabase();
  await ensureVocabulary(database.db);
  if (opts.demo !== false) await seedDemoArea(database.db);
  const app = createApp({ config: loadConfig({ NODE_ENV: 'test' }), database, log: createLogger('silent') });
  let server!: ServerType;
  const baseUrl = await new Promise<string>((resolve) => {
    server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => resolve(`http://127.0.0.1:${info.port}`));
  });
  const browser = await chromium.launch({
    timeout: 5 * STEP_TIMEOUT_MS,
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    baseUrl,
    database,
    browser,
    newContext: async (options) => {
      const context = await browser.newContext({ baseURL: baseUrl, ...options });
      context.setDefaultTimeout(STEP_TIMEOUT_MS);
      context.setDefaultNavigationTimeout(STEP_TIMEOUT_MS);
      return context;
    },
    close: async () => {
      await browser.close();
      server.close();
      await database.dispose();
    },
  };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Runs axe-core (WCAG 2.0/2.1/2.2 A and AA rules) on the current page and
 * returns the violations. Evaluated through the DevTools protocol, so the
 * page's strict Content-Security-Policy stays on.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
}

/** A readable one-line-per-problem summary for assertion messages. */
export function describeViolations(v: AxeViolation[]): string {
  return v.map((x) => `${x.id} (${x.impact}): ${x.help} — ${x.nodes.map((n) => n.target.join(' ')).join(', ')}`).join('\n');
}

/** Fails with a readable list when axe finds any violation on the current page. */
export async function assertAccessible(page: Page, what: string): Promise<void> {
  const v = await axeViolations(page);
  assert.deepEqual(v, [], `${what}:\n${describeViolations(v)}`);
}

/**
 * axe needs scripts: checks what a JavaScript-off page shows by opening the
 * same address again, with its cookies, in a context where scripts run
 * (made with `context`, its page opened with `open` when given).
 */
export async function assertAccessibleWithoutJs(
  h: Harness,
  page: Page,
  what: string,
  opts: { context?: BrowserContextOptions; open?: (ctx: BrowserContext) => Promise<Page> } = {},
): Promise<void> {
  const twin = await h.newContext(opts.context);
  await twin.addCookies(await page.context().cookies());
  const copy = await (opts.open ?? ((ctx) => ctx.newPage()))(twin);
  await copy.goto(page.url());
  assert.equal(await copy.locator('h1').innerText(), await page.locator('h1').innerText(), `${what}: the twin sees the same page`);
  await assertAccessible(copy, what);
  await twin.close();
}
