import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ProvenanceEntry } from '../../src/graphql/provenance.js';
import { manualClock } from '../helpers/manual-clock.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { pdfFixture, uploadRequest } from '../helpers/upload.js';

/**
 * `extensions.provenance` end to end, against the simulator, on a manual clock: entries name the
 * field, the app and endpoint, when the upstream answered and how old the copy served is; a
 * cached copy is cited with its age while the upstream is not asked again.
 */

interface Answer {
  readonly status: number;
  readonly raw: string;
  readonly body: { data?: Record<string, unknown> | null; errors?: unknown[]; extensions?: { provenance?: ProvenanceEntry[]; provenanceTruncated?: boolean } };
}

const PRICES = `{ company(id: "21835") { primaryListing { prices(from: "2024-01-02", to: "2024-01-05") { currency bars { label close } } } } }`;
const ANNOTATE = `query Annotate($text: String!) { annotateText(text: $text, knowledgeBases: [WIKIMEDIA]) { annotations { text } } }`;
const MIXED = `{ company(id: "24937") { status } annotateText(text: "Apple and Tim Cook", knowledgeBases: [WIKIMEDIA]) { annotations { text } } }`;

/** Calls the simulator counted for one app (every endpoint of it). */
function appCalls(stack: Stack, app: string): number {
  return stack.sim.counters.log().filter((call) => call.endpoint.startsWith(`${app}.`)).length;
}

/** `gateway_graphql_compilations_total{outcome="compiled"}` at /metrics (0 when absent). */
async function compiledCount(stack: Stack): Promise<number> {
  const text = await (await fetch(`${stack.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('gateway_graphql_compilations_total{outcome="compiled"}'));
  return line === undefined ? 0 : Number(line.split(' ').pop());
}

/** The entries at `path` (joined with dots). */
function at(entries: readonly ProvenanceEntry[] | undefined, path: string): ProvenanceEntry[] {
  return (entries ?? []).filter((e) => e.path.join('.') === path);
}

describe('extensions.provenance', () => {
  const clock = manualClock();
  let stack: Stack;

  async function post(query: string, extensions?: Record<string, unknown>, variables?: Record<string, unknown>): Promise<Answer> {
    const res = await fetch(`${stack.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query, variables, ...(extensions ? { extensions } : {}) }),
    });
    const raw = await res.text();
    return { status: res.status, raw, body: JSON.parse(raw) as Answer['body'] };
  }

  beforeAll(async () => {
    stack = await startStack({
      clientScopes: ['kensho:app:nerd', 'kensho:app:kfinance'],
      clock,
      // NERD's result cache on (the stack turns it off by default); compiled execution from the first run.
      env: { NERD_CACHE_TTL_SECONDS: '3600', GRAPHQL_JIT_AFTER: '1' },
      envFor: (sim) => ({ KENSHO_KFINANCE_URL: sim.urls.kfinance }),
    });
  }, 60_000);
  afterAll(async () => stack?.close());

  it('cites a kFinance price history fresh, then from the cache with its age and no new call', async () => {
    const fetchedAt = new Date(clock.now()).toISOString();
    const compiledBefore = await compiledCount(stack);
    const first = await post(PRICES, { provenance: true });
    expect(first.body.errors).toBeUndefined();
    // Cited through the compiled fast path (graphql-jit), whose resolve info has the same paths.
    expect(await compiledCount(stack)).toBe(compiledBefore + 1);
    expect(at(first.body.extensions?.provenance, 'company.primaryListing.prices')).toEqual([
      { path: ['company', 'primaryListing', 'prices'], app: 'kfinance', endpoint: 'kfinance.pricing', fetchedAt, ageSeconds: 0 },
    ]);
    // The company itself came from kFinance's identification.
    expect(at(first.body.extensions?.provenance, 'company')).toEqual([{ path: ['company'], app: 'kfinance', endpoint: 'kfinance.ids', fetchedAt, ageSeconds: 0 }]);

    await clock.advance(150_000);
    const before = appCalls(stack, 'kfinance');
    const again = await post(PRICES, { provenance: true });
    expect(again.body.data).toEqual(first.body.data);
    // Within the cache TTL: kFinance is not asked again, and the answer says how old it is.
    expect(appCalls(stack, 'kfinance')).toBe(before);
    expect(at(again.body.extensions?.provenance, 'company.primaryListing.prices')).toEqual([
      { path: ['company', 'primaryListing', 'prices'], app: 'kfinance', endpoint: 'kfinance.pricing', fetchedAt, ageSeconds: 150 },
    ]);
  }, 60_000);

  it('cites NERD for an annotation, and the NERD result cache with its age', async () => {
    const text = 'Tim Cook spoke in Cupertino for Apple.';
    const fetchedAt = new Date(clock.now()).toISOString();
    const before = appCalls(stack, 'nerd');
    const first = await post(ANNOTATE, { provenance: true }, { text });
    expect(first.body.errors).toBeUndefined();
    expect(appCalls(stack, 'nerd')).toBe(before + 1);
    expect(first.body.extensions?.provenance).toEqual([{ path: ['annotateText'], app: 'nerd', endpoint: 'nerd.annotations-sync', fetchedAt, ageSeconds: 0 }]);

    await clock.advance(42_000);
    const again = await post(ANNOTATE, { provenance: true }, { text });
    expect(appCalls(stack, 'nerd')).toBe(before + 1);
    expect(again.body.extensions?.provenance).toEqual([{ path: ['annotateText'], app: 'nerd', endpoint: 'nerd.annotations-sync', fetchedAt, ageSeconds: 42 }]);
  }, 60_000);

  it('cites both apps of an answer that mixes them, each at its own path', async () => {
    const answer = await post(MIXED, { provenance: true });
    expect(answer.body.errors).toBeUndefined();
    const entries = answer.body.extensions!.provenance!;
    expect(at(entries, 'company.status').map((e) => [e.app, e.endpoint])).toEqual([['kfinance', 'kfinance.info']]);
    expect(at(entries, 'annotateText').map((e) => [e.app, e.endpoint])).toEqual([['nerd', 'nerd.annotations-sync']]);
    // Only fields that reached an upstream are cited; every entry names one of them.
    expect(new Set(entries.map((e) => e.path.join('.')))).toEqual(new Set(['company', 'company.status', 'annotateText']));
  }, 60_000);

  it('cites one kFinance call at every field it served (DataLoader), with one call made', async () => {
    await clock.advance(7 * 3_600_000); // past every kFinance cache TTL: the calls are fresh
    const before = stack.sim.counters.calls('kfinance.info');
    const answer = await post(`{ a: company(id: "21835") { status } b: company(id: "21835") { employees website } }`, { provenance: true });
    expect(answer.body.errors).toBeUndefined();
    expect(stack.sim.counters.calls('kfinance.info')).toBe(before + 1);
    for (const path of ['a.status', 'b.employees', 'b.website']) {
      expect(at(answer.body.extensions?.provenance, path).map((e) => [e.endpoint, e.ageSeconds])).toEqual([['kfinance.info', 0]]);
    }
  }, 60_000);

  it('leaves an answer without the opt-in as it was', async () => {
    const plain = await post(MIXED);
    const off = await post(MIXED, { provenance: false });
    const on = await post(MIXED, { provenance: true });
    expect(plain.body.extensions).toBeUndefined();
    expect(plain.raw).not.toContain('provenance');
    // Byte for byte: the same answer as without extensions, and as the opted-in data.
    expect(off.raw).toBe(plain.raw);
    expect(JSON.stringify({ data: on.body.data })).toBe(plain.raw.trim());
    expect(on.body.extensions?.provenance?.length).toBeGreaterThan(0);
  }, 60_000);

  it('adds nothing to a request error, where nothing ran', async () => {
    const answer = await post('{ noSuchField }', { provenance: true });
    expect(answer.body.errors?.length).toBeGreaterThan(0);
    expect(answer.raw).not.toContain('provenance');
  }, 60_000);

  it('is asked for over GET and over WebSocket as over POST', async () => {
    const get = await fetch(`${stack.url}/graphql?query=${encodeURIComponent(MIXED)}&extensions=${encodeURIComponent(JSON.stringify({ provenance: true }))}`, {
      // Apollo's CSRF prevention asks a GET for a preflight-forcing header.
      headers: { accept: 'application/graphql-response+json', 'apollo-require-preflight': 'true' },
    });
    const viaGet = (await get.json()) as Answer['body'];
    expect(at(viaGet.extensions?.provenance, 'annotateText').map((e) => e.app)).toEqual(['nerd']);

    const client = createClient({ url: `${stack.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
    try {
      const iterator = client.iterate({ query: MIXED, extensions: { provenance: true } });
      const first = (await iterator.next()).value as Answer['body'];
      await iterator.return?.();
      expect(at(first.extensions?.provenance, 'company.status').map((e) => e.app)).toEqual(['kfinance']);
      expect(at(first.extensions?.provenance, 'annotateText').map((e) => e.app)).toEqual(['nerd']);
    } finally {
      await client.dispose();
    }
  }, 60_000);

  it('never carries a secret: entries hold exactly path, app, endpoint, fetchedAt and ageSeconds', async () => {
    const answer = await post(MIXED, { provenance: true });
    const entries = answer.body.extensions!.provenance!;
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) {
      expect(Object.keys(e).sort()).toEqual(['ageSeconds', 'app', 'endpoint', 'fetchedAt', 'path']);
      expect(['nerd', 'extract', 'kfinance', 'link', 'scribe', 'skykit']).toContain(e.app);
      expect(e.endpoint).toMatch(/^[a-z]+\.[a-z-.]+$/);
      expect(e.fetchedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    }
    const text = JSON.stringify(answer.body.extensions);
    expect(stack.secrets.length).toBeGreaterThan(0);
    for (const secret of stack.secrets) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/bearer|token|secret|password|key/i);
  }, 60_000);
});

describe('extensions.provenance for a long poll and the finished-job cache (Extract)', () => {
  const clock = manualClock();
  let stack: Stack;
  beforeAll(async () => {
    // Jobs take 600 ms of the clock; the gateway polls every 50-200 ms of it.
    stack = await startStack({ clock, simulator: { extractJobDurationMs: 600 }, env: { EXTRACT_POLL_INITIAL_MS: '50', EXTRACT_POLL_MAX_MS: '200', LIMIT_MAX_UPSTREAM_CALLS: '2000' } });
  }, 60_000);
  afterAll(async () => stack?.close());

  async function post(query: string, variables: Record<string, unknown>): Promise<Answer['body']> {
    const res = await fetch(`${stack.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables, extensions: { provenance: true } }) });
    return (await res.json()) as Answer['body'];
  }

  it('credits the shared poller to the long poll it answers, then cites the kept answer with its age', async () => {
    const submitted = await uploadRequest<{ submitExtraction: { id: string } }>(stack.url, `mutation($file: Upload!) { submitExtraction(file: $file) { id } }`, { bytes: pdfFixture('report.pdf'), name: 'report.pdf' });
    expect(submitted.errors).toBeUndefined();
    const id = submitted.data!.submitExtraction.id;

    const waited = await clock.until(post(`query($id: ID!) { awaitExtraction(id: $id, timeoutSeconds: 60) { status } }`, { id }), 200);
    expect(waited.data).toEqual({ awaitExtraction: { status: 'SUCCESS' } });
    const polled = at(waited.extensions?.provenance, 'awaitExtraction');
    expect(polled.map((e) => [e.app, e.endpoint, e.ageSeconds])).toEqual([['extract', 'extract.get', 0]]);

    // The finished job is kept in process: read again 30 s later without a call to Extract.
    await clock.advance(30_000);
    const before = appCalls(stack, 'extract');
    const read = await post(`query($id: ID!) { extraction(id: $id) { status document { text } } }`, { id });
    expect(read.errors).toBeUndefined();
    expect(appCalls(stack, 'extract')).toBe(before);
    expect(at(read.extensions?.provenance, 'extraction').map((e) => [e.app, e.endpoint, e.fetchedAt, e.ageSeconds])).toEqual([['extract', 'extract.get', polled[0]!.fetchedAt, 30]]);
  }, 60_000);
});
