import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { ROOT } from '../helpers/spawn-gateway.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { PATIENCE_MS } from '../helpers/patience.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available) {
  console.warn(`[skip] playground browser test: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
}

describe.skipIf(!available)('the playground in a real headless Chromium', () => {
  let stack: Stack;
  let browser: Browser;
  beforeAll(async () => {
    stack = await startStack();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('loads with no network beyond the gateway, runs annotateText and shows the result', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const offHost: string[] = [];
    const origin = new URL(stack.url).origin;
    // No internet: every request that is not to the gateway itself fails, and is recorded.
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(origin) || url.startsWith('blob:') || url.startsWith('data:')) return route.continue();
      offHost.push(url);
      return route.abort();
    });
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));

    await page.goto(`${stack.url}/graphiql`, { waitUntil: 'load' });
    const run = page.locator('.graphiql-execute-button');
    await run.waitFor({ state: 'visible', timeout: PATIENCE_MS });
    // Wait until the editor holds the default query before running it.
    await page.waitForFunction(() => document.querySelector('.graphiql-query-editor')?.textContent?.includes('annotateText'), undefined, { timeout: PATIENCE_MS });
    stack.sim.counters.reset();
    const answered = page.waitForResponse((r) => r.url().endsWith('/graphql') && r.request().method() === 'POST' && (r.request().postData() ?? '').includes('annotateText'));
    await run.click();
    const body = (await (await answered).json()) as { data?: { annotateText: Array<{ knowledgeBase: string }> }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data!.annotateText.map((r) => r.knowledgeBase)).toEqual(['WIKIMEDIA', 'CAPIQ']);
    const response = page.locator('.graphiql-response');
    // Monaco renders spaces as non-breaking spaces.
    const shownText = async () => ((await response.textContent()) ?? '').replace(/\u00a0/g, ' ');
    await expect.poll(shownText, { timeout: PATIENCE_MS }).toContain('Kensho Technologies');
    const shown = await shownText();
    expect(shown).toContain('"knowledgeBase": "WIKIMEDIA"');
    expect(stack.sim.counters.calls('nerd.annotations-sync')).toBe(1);

    // The Docs pane loads the schema by introspection (a 15-level query the limits must let
    // through) and lists the root types.
    await page.locator('.graphiql-sidebar button[aria-label="Show Documentation Explorer"]').click();
    const docs = page.locator('.graphiql-doc-explorer');
    await expect.poll(async () => (await docs.textContent()) ?? '', { timeout: PATIENCE_MS }).toContain('Query');
    const docsText = (await docs.textContent()) ?? '';
    expect(docsText).not.toMatch(/Error fetching schema/i);
    await docs.getByText('Query', { exact: true }).first().click();
    await expect.poll(async () => (await docs.textContent()) ?? '', { timeout: PATIENCE_MS }).toContain('annotateText');

    const outDir = join(ROOT, 'test-output');
    mkdirSync(outDir, { recursive: true });
    await page.screenshot({ path: join(outDir, 'playground.png') });
    expect(offHost).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
