import { createHash } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../helpers/stack.js';
import { PATIENCE_MS } from '../helpers/patience.js';

/**
 * Regression tests for unbounded in-process caches (security review): each scenario that held
 * hundreds of MB now stays within its budget. Budgets and counts are shrunk from the review's
 * numbers (64 MB store, 100 texts; 32 MB documents, 300 queries) so the file runs in seconds;
 * the ratio of data sent to budget is kept well above 1, so an unbounded cache would fail.
 *
 * Two checks per scenario: each cache's own byte counter (the /metrics gauges), and the heap
 * growth after full collections. The heap matters on its own: Keyv serializes with `+=`, and the
 * rope it builds takes about nine times the JSON's length until something flattens it, so a
 * counter of string lengths alone could stay in budget while the heap did not.
 */

const MB = 1024 * 1024;
// The collector, without --expose-gc on the worker's command line (vitest starts the workers).
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
/** Heap a stack may grow by beyond its cache budgets (connections, compiled code, Apollo's own state); measured at 4-5 MB. */
const SLACK = 12 * MB;

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

/** The value of `name{cache="<cache>"}` at /metrics, or undefined when absent. */
async function cacheMetric(url: string, name: string, cache: string): Promise<number | undefined> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{cache="${cache}"}`));
  return line === undefined ? undefined : Number(line.split(' ').pop());
}

/** Heap in use after full collections, in bytes. */
function heapUsed(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** Runs `task` for 0..count-1, `concurrency` at a time. */
async function each(count: number, concurrency: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < count) await task(next++);
  }));
}

async function post(url: string, body: unknown): Promise<{ status: number; body: { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } }> {
  // The GraphQL-over-HTTP media type keeps request errors at their 4xx status (legacy JSON answers 200).
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as never };
}

/** A query of about `bytes` bytes, unique by `i`: a tiny operation padded with a comment (what costs nothing to validate). */
function paddedQuery(i: number, bytes: number): string {
  const head = `{ gateway { version } } # ${i} `;
  return head + 'x'.repeat(Math.max(0, bytes - head.length));
}

describe('in-process caches stay within their byte budgets', () => {
  it('NERD results of 100 unique long texts (1 h TTL) stay within CACHE_MEMORY_MB', async () => {
    // Review: 100 texts held +266 MB with the 64 MB default. Here: texts of 14 000 characters
    // (about 90 kB of results each, 9 MB in all) against a 1 MB budget.
    const budget = 1;
    stack = await startStack({ env: { NERD_CACHE_TTL_SECONDS: '3600', CACHE_MEMORY_MB: String(budget), NERD_ASYNC_THRESHOLD_CHARS: '100000' } });
    const sentence = 'Apple and Nvidia met Goldman Sachs in Tokyo while Microsoft watched. ';
    const before = heapUsed();
    await each(100, 4, async (i) => {
      const text = `Text ${i}. ${sentence.repeat(200)}`;
      const res = await post(stack!.url, { query: 'query($t: String!) { annotateText(text: $t) { knowledgeBase annotations { text } } }', variables: { t: text } });
      expect(res.body.errors).toBeUndefined();
    });
    const grown = heapUsed() - before;
    const bytes = await cacheMetric(stack.url, 'gateway_cache_bytes', 'store');
    console.log(`NERD: store holds ${bytes} bytes (budget ${budget * MB}); heap grew ${(grown / MB).toFixed(1)} MB`);
    expect(stack.sim.counters.calls('nerd.annotations-sync')).toBe(100);
    expect(bytes).toBeGreaterThan(budget * MB * 0.5);
    expect(bytes).toBeLessThanOrEqual(budget * MB);
    expect(await cacheMetric(stack.url, 'gateway_cache_evictions_total', 'store')).toBeGreaterThan(0);
    expect(await cacheMetric(stack.url, 'gateway_cache_budget_bytes', 'store')).toBe(budget * MB);
    expect(grown).toBeLessThan(budget * MB + SLACK);
    // The most recent text is still served from the cache.
    const last = `Text 99. ${sentence.repeat(200)}`;
    await post(stack.url, { query: 'query($t: String!) { annotateText(text: $t) { knowledgeBase } }', variables: { t: last } });
    expect(stack.sim.counters.calls('nerd.annotations-sync')).toBe(100);
    // A hang bound for a hundred long-text round trips, not the suite's one per test: at a load
    // of 30 they took longer than 300 s.
  }, 4 * PATIENCE_MS);

  it('refuses persisted-query registrations over APQ_MAX_QUERY_BYTES; smaller ones stay within CACHE_MEMORY_MB', async () => {
    // Review: 150 registrations of 0.9 MB reached 1.48 GB. Here: 40 of them (each is refused
    // alike), then 100 registrations under the cap against a 1 MB budget.
    const budget = 1;
    stack = await startStack({ env: { CACHE_MEMORY_MB: String(budget), DOCUMENT_CACHE_MB: '4' } });
    const register = (query: string) => post(stack!.url, { query, extensions: { persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') } } });
    const before = heapUsed();
    await each(40, 4, async (i) => {
      const res = await register(paddedQuery(i, 900_000));
      expect(res.status).toBe(400);
      expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'PERSISTED_QUERY_TOO_LARGE', maxBytes: 64 * 1024 });
      expect(res.body.data).toBeUndefined();
    });
    const grown = heapUsed() - before;
    console.log(`APQ 0.9 MB: store holds ${await cacheMetric(stack.url, 'gateway_cache_bytes', 'store')} bytes; heap grew ${(grown / MB).toFixed(1)} MB`);
    expect(await cacheMetric(stack.url, 'gateway_cache_bytes', 'store')).toBeLessThan(64 * 1024);
    expect(grown).toBeLessThan(budget * MB + 4 * MB + SLACK); // the store and the document cache

    // A refused hash is not known; the same text as a plain query still runs.
    const big = paddedQuery(0, 900_000);
    const hash = createHash('sha256').update(big).digest('hex');
    expect((await post(stack.url, { extensions: { persistedQuery: { version: 1, sha256Hash: hash } } })).body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await post(stack.url, { query: big })).body.data).toEqual({ gateway: { version: expect.any(String) } });

    // 100 registrations just under the cap (60 KB, 6 MB in all) share the 1 MB budget.
    await each(100, 4, async (i) => {
      const res = await register(paddedQuery(1_000 + i, 60_000));
      expect(res.body.errors).toBeUndefined();
    });
    const bytes = await cacheMetric(stack.url, 'gateway_cache_bytes', 'store');
    console.log(`APQ 60 KB: store holds ${bytes} bytes (budget ${budget * MB})`);
    expect(bytes).toBeLessThanOrEqual(budget * MB);
    expect(bytes).toBeGreaterThan(budget * MB * 0.5);
    expect(await cacheMetric(stack.url, 'gateway_cache_evictions_total', 'store')).toBeGreaterThan(0);
    // The latest registration is served by hash alone.
    const latest = paddedQuery(1_099, 60_000);
    await expect.poll(async () => (await post(stack!.url, { extensions: { persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(latest).digest('hex') } } })).body.data, { timeout: PATIENCE_MS }).toEqual({ gateway: { version: expect.any(String) } });
  });

  it("keeps Apollo's parsed documents of 300 unique large queries within DOCUMENT_CACHE_MB, source text counted", async () => {
    // Review: 300 plain 0.9 MB queries kept +273 MB (Apollo sized documents without their
    // source). Here: 300 queries of 0.1 MB (30 MB in all) against a 4 MB budget.
    const budget = 4;
    stack = await startStack({ env: { DOCUMENT_CACHE_MB: String(budget) } });
    const before = heapUsed();
    await each(300, 4, async (i) => {
      const res = await post(stack!.url, { query: paddedQuery(i, 100_000) });
      expect(res.body.errors).toBeUndefined();
    });
    const grown = heapUsed() - before;
    const bytes = await cacheMetric(stack.url, 'gateway_cache_bytes', 'documents');
    console.log(`documents: cache holds ${bytes} bytes (budget ${budget * MB}); heap grew ${(grown / MB).toFixed(1)} MB`);
    expect(bytes).toBeGreaterThan(budget * MB * 0.5);
    expect(bytes).toBeLessThanOrEqual(budget * MB);
    expect(await cacheMetric(stack.url, 'gateway_cache_evictions_total', 'documents')).toBeGreaterThan(0);
    expect(grown).toBeLessThan(budget * MB + SLACK);
  });
});
