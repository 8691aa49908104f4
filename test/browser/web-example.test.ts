import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { printServedSchema } from '../../src/cli/print-schema.js';
import { ROOT } from '../helpers/spawn-gateway.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { PATIENCE_MS } from '../helpers/patience.js';

/**
 * examples/web, built with vite and driven in a real headless Chromium against a gateway on the
 * simulator: annotate → open company cards → upload a PDF and follow the job live → page through
 * devices. The app is served from a second local server (another origin, so CORS and the
 * WebSocket origin check are exercised for real); every request to anything else is refused and
 * recorded.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const WEB = join(ROOT, 'examples', 'web');
const noDeps = existsSync(join(WEB, 'node_modules', 'vite')) ? null : 'examples/web has no node_modules (npm --prefix examples/web ci)';
const skipReason = !existsSync(CHROMIUM) ? `no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)` : noDeps;
if (skipReason) console.warn(`[skip] web example browser test: ${skipReason}`);
if (noDeps) console.warn(`[skip] web example type checks: ${noDeps}`);

const OUT = join(ROOT, 'test-output');
/** What `npm run manifest` writes: the app's operations, sent by id; the gateway runs only these. */
const MANIFEST = join(WEB, 'persisted-query-manifest.json');

/** Writes the app's persisted-query manifest, as its build does (@apollo/generate-persisted-query-manifest). */
const generateManifest = () => runNode(['node_modules/@apollo/generate-persisted-query-manifest/cli.js']);

/** Runs a node script of the example's own dependencies; rejects with its output on failure. */
function runNode(args: string[], env: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: WEB, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${args.join(' ')} exited ${code}:\n${out}`))));
  });
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json', '.svg': 'image/svg+xml' };

/** A tiny static server for the built app (index.html for unknown paths, as an SPA host does). */
function serveStatic(dir: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = normalize(join(dir, path));
    if (!file.startsWith(dir + sep) || !existsSync(file) || statSync(file).isDirectory()) file = join(dir, 'index.html');
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' }).end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, origin: `http://127.0.0.1:${(server.address() as { port: number }).port}` })));
}

describe('the web example ships the schema the gateway serves', () => {
  it('examples/web/schema.graphql is what `npm run schema:print` writes now', () => {
    expect(readFileSync(join(WEB, 'schema.graphql'), 'utf8'), 'stale: run npm run schema:print').toBe(printServedSchema());
  });
});

describe.skipIf(noDeps !== null)('the web example type-checks against the schema', () => {
  it("its generated types are current for schema/*.graphql, and tsc accepts it", async () => {
    await runNode(['node_modules/@graphql-codegen/cli/cjs/bin.js', '--config', 'codegen.ts', '--check'], { SCHEMA_SOURCE: 'repo' }).catch((e: Error) => {
      throw new Error(`examples/web/src/gql is stale for schema/*.graphql: run npm --prefix examples/web run codegen:repo\n${e.message}`);
    });
    // The app imports the manifest its build generates.
    await generateManifest();
    await runNode(['node_modules/typescript/bin/tsc', '--noEmit', '-p', '.']);
  });
});

describe.skipIf(skipReason !== null)('the web example (examples/web) in a real headless Chromium', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  let app: { server: Server; origin: string };
  let dist: string;
  const offHost: string[] = [];
  const sockets: string[] = [];
  const pageErrors: string[] = [];
  const consoleProblems: string[] = [];
  /** operationName of every GraphQL POST the page sent ('multipart' for uploads). */
  const operations: string[] = [];
  /** GraphQL POSTs (JSON or multipart) whose body carried query text: a trusted-documents app sends ids. */
  const withText: string[] = [];
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'web-example-'));
    app = await serveStatic(dist);
    await generateManifest();
    stack = await startStack({
      // kFinance for the company card (the stack points it at the simulator, like every upstream).
      clientScopes: ['kensho:app:nerd', 'kensho:app:extract', 'kensho:app:kfinance'],
      // Trusted documents only: the app's manifest, every other operation refused.
      env: { CORS_ORIGINS: app.origin, EXTRACT_POLL_INITIAL_MS: '100', EXTRACT_POLL_MAX_MS: '300', LOG_LEVEL: 'info', LIMIT_MAX_UPSTREAM_CALLS: '2000', TRUSTED_DOCUMENTS: 'require', TRUSTED_DOCUMENTS_MANIFEST: MANIFEST },
      // The extraction test holds its job PENDING itself (sim.knobs) until the page shows it.
    });
    let t = Date.now();
    await runNode(['node_modules/vite/bin/vite.js', 'build', '--outDir', dist, '--emptyOutDir', '--logLevel', 'warn'], { VITE_GATEWAY_URL: `${stack.url}/graphql` });
    timings.build = Date.now() - t;
    t = Date.now();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    timings.browser = Date.now() - t;
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const allowed = [app.origin, new URL(stack.url).origin];
    // No internet: only the app's server and the gateway answer; anything else is refused and recorded.
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (allowed.some((o) => url.startsWith(`${o}/`)) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
      offHost.push(url);
      return route.abort();
    });
    const wsAllowed = new URL(stack.url).origin.replace(/^http/, 'ws');
    await page.routeWebSocket(/.*/, (ws) => {
      sockets.push(ws.url());
      if (ws.url().startsWith(`${wsAllowed}/`)) ws.connectToServer();
      else {
        offHost.push(ws.url());
        void ws.close();
      }
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') consoleProblems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('request', (r) => {
      if (r.method() !== 'POST' || !r.url().endsWith('/graphql')) return;
      const body = r.postData() ?? '';
      operations.push(body.startsWith('{') ? ((JSON.parse(body) as { operationName?: string }).operationName ?? '?') : 'multipart');
      if (body.includes('"query"')) withText.push(body.slice(0, 200));
    });
    mkdirSync(OUT, { recursive: true });
  });

  afterAll(async () => {
    console.log(`[web example] vite build ${timings.build} ms, Chromium start ${timings.browser} ms`);
    await browser?.close();
    await stack?.close();
    await new Promise((r) => app?.server.close(r));
    if (dist) rmSync(dist, { recursive: true, force: true });
  });

  it('annotates a text: entities highlighted after an emoji, linked to Wikidata, Capital IQ ids shown', async () => {
    await page.goto(`${app.origin}/#annotate`, { waitUntil: 'load' });
    await page.getByRole('button', { name: 'Annotate' }).click();
    const wikidata = page.locator('section[data-kb="WIKIMEDIA"] .annotated-text');
    const apple = wikidata.locator('a.mention', { hasText: 'Apple Inc.' });
    await apple.waitFor({ timeout: PATIENCE_MS });
    // The link is the entity's Wikidata page, from `entity { url }`.
    expect(await apple.getAttribute('href')).toBe('https://www.wikidata.org/wiki/Q312');
    expect(await apple.getAttribute('target')).toBe('_blank');
    // The highlighted span is exactly the mention although the text starts with a two-unit emoji.
    expect(await apple.evaluate((a) => a.firstChild?.textContent)).toBe('Apple Inc.');
    expect(await wikidata.locator('a.mention', { hasText: 'Zürich' }).getAttribute('href')).toMatch(/wikidata\.org\/wiki\/Q72$/);
    // The whole text is still there, highlighted or not.
    expect((await wikidata.textContent())!.replace(/Q\d+/g, '')).toBe('🚀 Kensho Technologies and Apple Inc. met Microsoft in Zürich, then flew to Tokyo.');
    const capiq = page.locator('section[data-kb="CAPIQ"] .annotated-text button.mention', { hasText: 'Kensho Technologies' });
    await expect.poll(() => capiq.getAttribute('data-entity'), { timeout: PATIENCE_MS }).toBe('251994106');
    await page.screenshot({ path: join(OUT, 'web-annotate.png'), fullPage: true });
  });

  it('clicking a Capital IQ company opens its card: name, ticker, country and a year of closes as an SVG polyline', async () => {
    const apple = page.locator('section[data-kb="CAPIQ"] .annotated-text').getByRole('button', { name: /^Apple Inc\./ });
    expect(await apple.getAttribute('data-entity')).toBe('24937');
    expect(await apple.getAttribute('aria-pressed')).toBe('false');
    await apple.click();
    const card = page.locator('aside.company-card[data-company="24937"]');
    await expect.poll(() => card.locator('.company-name').textContent(), { timeout: PATIENCE_MS }).toBe('Apple Inc.');
    expect(await apple.getAttribute('aria-pressed')).toBe('true');
    expect(await card.locator('.ticker').textContent()).toMatch(/^[A-Za-z]+:AAPL$/);
    expect(await card.locator('.country').textContent()).toMatch(/^[A-Z]{2,3}$/);
    const polyline = card.locator('svg polyline');
    const points = ((await polyline.getAttribute('points')) ?? '').trim().split(/\s+/);
    expect(points.length).toBeGreaterThan(10);
    expect(points.every((p) => /^\d+(\.\d+)?,\d+(\.\d+)?$/.test(p))).toBe(true);
    // The labels are the exact strings: dates as YYYY-MM-DD, prices as kFinance's decimals.
    expect(await card.locator('svg text.first').textContent()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await card.locator('svg text.max').textContent()).toMatch(/^high \d+\.\d+$/);
    expect(await card.locator('svg text.min').textContent()).toMatch(/^low \d+\.\d+$/);
    expect(operations.filter((o) => o === 'CompanyCard')).toHaveLength(1);
    await page.screenshot({ path: join(OUT, 'web-company.png'), fullPage: true });

    // Kensho is private: a card without a ticker or prices. Closing the card unpicks the mention.
    const kensho = page.locator('section[data-kb="CAPIQ"] .annotated-text').getByRole('button', { name: /^Kensho Technologies/ });
    await kensho.click();
    const privateCard = page.locator('aside.company-card[data-company="251994106"]');
    await expect.poll(() => privateCard.locator('.company-name').textContent(), { timeout: PATIENCE_MS }).toMatch(/^Kensho Technologies/);
    expect(await privateCard.getByText('Not listed: no prices.').count()).toBe(1);
    expect(await privateCard.locator('svg').count()).toBe(0);
    await privateCard.getByRole('button', { name: 'Close the company card' }).click();
    await expect.poll(() => page.locator('aside.company-card').count(), { timeout: PATIENCE_MS }).toBe(0);
    expect(await kensho.getAttribute('aria-pressed')).toBe('false');

    // Pricing withdrawn from the account: kFinance answers 403, the gateway refuses the prices
    // field with UPSTREAM_FORBIDDEN, and the card keeps the rest.
    stack.sim.knobs.kfinanceWithheldPermissions = { '*': ['PricingPermission'] };
    try {
      await page.locator('section[data-kb="CAPIQ"] .annotated-text').getByRole('button', { name: /^Microsoft/ }).click();
      const refused = page.locator('aside.company-card[data-company="21835"]');
      await expect.poll(() => refused.locator('.company-name').textContent(), { timeout: PATIENCE_MS }).toBe('Microsoft');
      expect(await refused.locator('.ticker').textContent()).toMatch(/:MSFT$/);
      expect(await refused.locator('.not-entitled').textContent()).toBe('Prices: not entitled (PricingPermission)');
      expect(await refused.locator('svg').count()).toBe(0);
    } finally {
      stack.sim.knobs.kfinanceWithheldPermissions = {};
    }
  });

  it('uploads report.pdf, follows the job live over graphql-ws to SUCCESS, then shows outline, table and entities', async () => {
    await page.getByRole('link', { name: 'Extract a PDF' }).click();
    stack.sim.counters.reset();
    // The job runs until the page has shown it running (not for a time the page must beat: at a
    // load of 30 the page subscribed after a 2.5 s job had ended).
    const duration = stack.sim.knobs.extractJobDurationMs;
    stack.sim.knobs.extractJobDurationMs = Number.MAX_SAFE_INTEGER;
    try {
      await page.locator('input[type="file"]').setInputFiles(join(ROOT, 'test', 'fixtures', 'pdf', 'report.pdf'));
      await page.getByRole('button', { name: 'Upload and extract' }).click();
      // Seen while the job runs: the page shows PENDING from the subscription's first event…
      await expect.poll(() => page.locator('ol.events li').first().textContent(), { timeout: PATIENCE_MS }).toMatch(/^PENDING/);
    } finally {
      stack.sim.knobs.extractJobDurationMs = duration;
    }
    const status = page.getByTestId('job-status');
    // …and SUCCESS when the gateway pushes the change.
    await expect.poll(() => status.textContent(), { timeout: PATIENCE_MS }).toBe('SUCCESS');
    const events = (await page.locator('ol.events li').allTextContents()).map((t) => t.split(' ')[0]);
    expect(events).toEqual(['PENDING', 'SUCCESS']);
    expect(sockets.some((u) => u === `${stack.url.replace(/^http/, 'ws')}/graphql`)).toBe(true);
    // The upload reached Extract once (a multipart request with the preflight header).
    expect(stack.sim.counters.calls('extract.submit')).toBe(1);

    const outline = page.locator('ul.outline');
    await expect.poll(() => outline.textContent(), { timeout: PATIENCE_MS }).toContain('Kensho Quarterly Report');
    const table = page.locator('table.extracted').first();
    await expect.poll(async () => (await table.locator('tr').first().locator('th').allTextContents()).join('|'), { timeout: PATIENCE_MS }).toBe('Segment|2023|2024');
    expect(await table.locator('tr').nth(1).locator('td').allTextContents()).toEqual(['Market Intelligence', '1,204', '1,350']);
    // The first paragraph's entities, from `node(uid) { entities }`.
    const entities = page.locator('.node-entities section[data-kb="WIKIMEDIA"] a.mention').first();
    await entities.waitFor({ timeout: PATIENCE_MS });
    expect(await entities.getAttribute('href')).toMatch(/^https:\/\/www\.wikidata\.org\/wiki\/Q\d+$/);
    // Each query ran once: the two queries reading the same document do not overwrite each
    // other's fields in the cache and refetch in turn.
    await page.waitForTimeout(500);
    expect(operations.filter((o) => o !== 'AnnotateText' && o !== 'CompanyCard')).toEqual(['multipart', 'ExtractedDocument', 'NodeEntities']);
    await page.screenshot({ path: join(OUT, 'web-extract.png'), fullPage: true });
  });

  it('pages through Skykit devices with their tenants (Relay first/after)', async () => {
    await page.getByRole('link', { name: 'Skykit devices' }).click();
    const rows = page.locator('table.devices tbody tr');
    await expect.poll(() => rows.count(), { timeout: PATIENCE_MS }).toBe(25);
    const first = await rows.first().locator('td').allTextContents();
    expect(first[0]).toBe('1');
    expect(first[5]).toMatch(/\(T-[A-Z-]+\)$/);
    expect(first[6]).not.toBe('');
    await page.getByRole('button', { name: 'Next →' }).click();
    await expect.poll(() => page.getByTestId('page-number').textContent(), { timeout: PATIENCE_MS }).toBe('Page 2');
    await expect.poll(async () => (await rows.first().locator('td').first().textContent()) ?? '', { timeout: PATIENCE_MS }).toBe('26');
    const second = await rows.first().locator('td').allTextContents();
    expect(second[1]).not.toBe(first[1]);
    expect(await rows.count()).toBe(25);
    await page.screenshot({ path: join(OUT, 'web-devices.png'), fullPage: true });
    await page.getByRole('button', { name: '← Previous' }).click();
    await expect.poll(async () => (await rows.first().locator('td').nth(1).textContent()) ?? '', { timeout: PATIENCE_MS }).toBe(first[1]);
  });

  it('reached nothing beyond the app server and the gateway, with no page errors', () => {
    expect(offHost).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(consoleProblems).toEqual([]);
  });

  // Last: the refused request is a console error in Chromium, which the test above forbids.
  it('sent every operation by id (trusted documents), and the gateway refuses free-form text from the page', async () => {
    expect(operations.length).toBeGreaterThan(5);
    expect(withText).toEqual([]);
    const refused = await page.evaluate(async (url) => {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' }, body: JSON.stringify({ query: '{ gateway { version } }' }) });
      return { status: res.status, body: (await res.json()) as { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> } };
    }, `${stack.url}/graphql`);
    expect(refused.status).toBe(400);
    expect(refused.body.data).toBeUndefined();
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_ID_REQUIRED');
  });
});
