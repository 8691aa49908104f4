import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDIS_SERVER, SHARING_TIMEOUTS, startRedis, type RedisProcess } from '../helpers/redis.js';
import type { StoreTimeouts } from '../../src/store/timeouts.js';
import { startSlowProxy } from '../helpers/slow-proxy.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { ConfigError, loadConfig } from '../../src/config/load.js';
import { createGateway } from '../../src/gateway.js';
import { createLogger } from '../../src/logger.js';
import { serve } from '../../src/server/http.js';
import { PATIENCE_MS } from '../helpers/patience.js';

if (!REDIS_SERVER) console.warn('[skip] Redis cache tests: redis-server is not installed');

const QUERY = '{ annotateText(text: "Apple and Nvidia") { knowledgeBase } }';
const KEY = randomBytes(32).toString('base64');

/** Every key and raw value in the Redis at `port`, read with redis-cli. */
function dump(port: number): Map<string, string> {
  const keys = spawnSync('redis-cli', ['-p', String(port), '--scan'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
  return new Map(keys.map((k) => [k, spawnSync('redis-cli', ['-p', String(port), 'GET', k], { encoding: 'utf8' }).stdout.trim()]));
}

describe.skipIf(!REDIS_SERVER)('CACHE_URL=redis://… (tokens in Redis)', () => {
  let redis: RedisProcess;
  let stack: Stack;
  beforeAll(async () => {
    redis = await startRedis();
    stack = await startStack({ env: { CACHE_URL: redis.url, CACHE_ENCRYPTION_KEY: KEY } });
  });
  afterAll(async () => {
    await stack?.close();
    await redis?.stop();
  });

  it('stores the token in Redis, where a second gateway finds it instead of asking Okta again', async () => {
    expect((await stack.gql(QUERY)).errors).toBeUndefined();
    expect(stack.sim.counters.tokenRequests()).toBe(1);

    // A second replica: same credentials and Redis, its own process state.
    const server = await startReplica(stack, redis.url);
    try {
      const res = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: QUERY }) });
      expect(((await res.json()) as { errors?: unknown }).errors).toBeUndefined();
      expect(stack.sim.counters.tokenRequests()).toBe(1);
      expect(stack.sim.counters.calls('nerd.annotations-sync')).toBe(2);
    } finally {
      await server.close(500);
    }
  });

  it('keeps tokens in Redis only as JWE ciphertext, and refuses plaintext unless allowed', async () => {
    const token = await stack.gateway.services.tokens.getToken(stack.gateway.services.credentials.nerd!, 'kensho:app:nerd');
    const entries = [...dump(redis.port)].filter(([k]) => k.includes('token:'));
    expect(entries.length).toBeGreaterThan(0);
    for (const [, raw] of entries) {
      expect(raw).not.toContain(token.split('.')[1]!);
      expect(raw).not.toContain(token.split('.')[2]!);
      const jwe = (JSON.parse(raw) as { value: string }).value ?? raw;
      expect(String(jwe).split('.')).toHaveLength(5);
    }
    expect(() => loadConfig({ CACHE_URL: redis.url })).toThrow(ConfigError);
    expect(() => loadConfig({ CACHE_URL: redis.url })).toThrow(/CACHE_ENCRYPTION_KEY/);
    expect(loadConfig({ CACHE_URL: redis.url, CACHE_ALLOW_PLAINTEXT: 'true' }).cacheEncryptionKey).toBeUndefined();
    expect(() => loadConfig({ CACHE_URL: redis.url, CACHE_ENCRYPTION_KEY: 'dG9vIHNob3J0' })).toThrow(/32 bytes/);
  });

  it('a replica with another key cannot read the shared tokens (it fetches its own)', async () => {
    const before = stack.sim.counters.tokenRequests();
    const server = await startReplica(stack, redis.url, { CACHE_ENCRYPTION_KEY: randomBytes(32).toString('base64') });
    try {
      const res = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: QUERY }) });
      expect(((await res.json()) as { errors?: unknown }).errors).toBeUndefined();
      expect(stack.sim.counters.tokenRequests()).toBe(before + 1);
    } finally {
      await server.close(500);
    }
  });

  it('reports not ready while Redis is down, and ready again when it returns', async () => {
    await redis.stop();
    const down = await fetch(`${stack.url}/readyz`);
    expect(down.status).toBe(503);
    expect(((await down.json()) as { checks: { cache: { ok: boolean } } }).checks.cache.ok).toBe(false);
    // Queries keep working without the cache (a new token is fetched; it cannot be shared).
    const during = await stack.gql(QUERY);
    expect(during.errors).toBeUndefined();
    await redis.restart();
    await expect.poll(async () => (await fetch(`${stack.url}/readyz`)).status, { timeout: PATIENCE_MS, interval: 250 }).toBe(200);
  });
});

/** The environment the stack's gateway was configured with (same simulator and credentials). */
function stackEnv(stack: Stack, cacheUrl: string): Record<string, string> {
  return { ...stack.env, CACHE_URL: cacheUrl, LOG_LEVEL: 'silent' };
}

/** Another replica of the stack's gateway on `cacheUrl`: same credentials, its own process state. */
function startReplica(stack: Stack, cacheUrl: string, env: Record<string, string> = {}, storeTimeouts?: Partial<StoreTimeouts>) {
  return serve(createGateway(loadConfig({ ...stackEnv(stack, cacheUrl), ...env }), { logger: createLogger('silent'), storeTimeouts }), { host: '127.0.0.1', port: 0 });
}

describe.skipIf(!REDIS_SERVER)('two replicas sharing Redis: NERD results and persisted queries', () => {
  let redis: RedisProcess;
  let stack: Stack;
  let second: { url: string; close: (ms?: number) => Promise<void> };
  beforeAll(async () => {
    redis = await startRedis();
    stack = await startStack({ env: { CACHE_URL: redis.url, CACHE_ENCRYPTION_KEY: KEY, NERD_CACHE_TTL_SECONDS: '3600' } });
    second = await startReplica(stack, redis.url);
  });
  afterAll(async () => {
    await second?.close(500);
    await stack?.close();
    await redis?.stop();
  });

  const post = async (url: string, body: unknown) => (await (await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json()) as { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> };

  it('annotates the same content once for both replicas; other options are another entry', async () => {
    stack.sim.counters.reset();
    const q = (kbs: string) => ({ query: `{ annotateText(text: "Goldman Sachs hired in Tokyo", knowledgeBases: [${kbs}]) { knowledgeBase annotations { text entity { kbId } } relevance { kbId score } } }` });
    const a = await post(stack.url, q('WIKIMEDIA'));
    const b = await post(second.url, q('WIKIMEDIA'));
    expect(a.errors).toBeUndefined();
    expect(b).toEqual(a); // identical answer, relevance included, from the cache
    expect(stack.sim.counters.calls('nerd.annotations-sync')).toBe(1);
    await post(second.url, q('WIKIMEDIA, CAPIQ'));
    expect(stack.sim.counters.calls('nerd.annotations-sync')).toBe(2);
  });

  it('serves a persisted query registered on one replica from the other', async () => {
    const query = '{ gateway { version } }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    expect((await post(second.url, { extensions })).errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await post(stack.url, { query, extensions })).errors).toBeUndefined();
    // Apollo stores a registration without awaiting the write: allow it a moment to land.
    await expect.poll(async () => (await post(second.url, { extensions })).errors, { timeout: PATIENCE_MS, interval: 20 }).toBeUndefined();
    const served = await post(second.url, { extensions });
    expect(served.data).toEqual({ gateway: { version: expect.any(String) } });
  });
});

describe.skipIf(!REDIS_SERVER)('three cold replicas on one Redis', () => {
  /** 300 concurrent queries over three cold replicas sharing `cacheUrl`; returns the token requests made. */
  async function coldFleet(redisUrl: string, cacheUrl: string, storeTimeouts: Partial<StoreTimeouts>): Promise<number> {
    // 300 queries at once in one test process: on a loaded machine an upstream call waited more
    // than the default 30 s UPSTREAM_TIMEOUT_MS for its turn. The verdict is the token requests.
    const stack = await startStack({ env: { CACHE_URL: cacheUrl, CACHE_ENCRYPTION_KEY: KEY, UPSTREAM_TIMEOUT_MS: String(PATIENCE_MS) }, simulator: { latencyMs: 30 }, storeTimeouts });
    const others = await Promise.all([1, 2].map(() => startReplica(stack, cacheUrl, {}, storeTimeouts)));
    try {
      const urls = [stack.url, ...others.map((o) => o.url)];
      const query = (i: number) => (i % 2 === 0 ? `{ annotateText(text: "Apple ${i}") { knowledgeBase } }` : `{ skykitDevices(first: 1) { edges { node { id } } } annotateText(text: "Tesla ${i}") { knowledgeBase } }`);
      const results = await Promise.all(
        Array.from({ length: 300 }, async (_, i) => {
          const res = await fetch(`${urls[i % 3]}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: query(i) }) });
          return (await res.json()) as { errors?: unknown };
        }),
      );
      expect(results.filter((r) => r.errors)).toEqual([]);
      expect(stack.sim.counters.calls('nerd.annotations-sync')).toBe(300);
      expect(stack.sim.counters.tokenRequests()).toBe(stack.sim.counters.tokenRequests('kensho:app:nerd'));
      void redisUrl;
      return stack.sim.counters.tokenRequests();
    } finally {
      await Promise.all(others.map((o) => o.close(500)));
      await stack.close();
    }
  }

  it('make exactly one token request per scope for 300 concurrent queries spread over them', async () => {
    const redis = await startRedis();
    try {
      expect(await coldFleet(redis.url, redis.url, SHARING_TIMEOUTS)).toBe(1);
    } finally {
      await redis.stop();
    }
  });

  it('still make one token request when Redis is slow (300 ms per command, past the per-request cache budget), run after run', async () => {
    // A slow store is not a failed one: a replica that cannot confirm the lease in time waits for
    // the shared token instead of fetching its own. Cache calls keep their 250 ms budget (each
    // takes 300 ms and more: past it); token-store calls and the lease get as long as a loaded
    // machine needs (with the 1 s and 10 s budgets a busy test process fetched [1, 2, 1] tokens).
    const redis = await startRedis();
    const slow = await startSlowProxy(redis.port, 300);
    try {
      const counts: number[] = [];
      for (let run = 0; run < 3; run++) {
        spawnSync('redis-cli', ['-p', String(redis.port), 'FLUSHALL']);
        counts.push(await coldFleet(redis.url, slow.url, { tokenStoreMs: SHARING_TIMEOUTS.tokenStoreMs, leaseMs: SHARING_TIMEOUTS.leaseMs }));
      }
      console.log(`slow Redis (+300 ms): token requests per cold fleet of 3 replicas: ${JSON.stringify(counts)}`);
      expect(counts).toEqual([1, 1, 1]);
    } finally {
      await slow.close();
      await redis.stop();
    }
  });
});

describe.skipIf(!REDIS_SERVER)('Redis dying mid-load', () => {
  it('fails no query while Redis is killed and restarted, and shares again afterwards', async () => {
    const redis = await startRedis();
    const stack = await startStack({ env: { CACHE_URL: redis.url, CACHE_ENCRYPTION_KEY: KEY, NERD_CACHE_TTL_SECONDS: '3600' } });
    try {
      let failures = 0;
      let done = 0;
      let stop = false;
      const worker = async (w: number) => {
        for (let i = 0; !stop; i++) {
          const r = await stack.gql(`{ annotateText(text: "Apple ${w}-${i % 40}") { knowledgeBase } }`);
          if (r.errors || r.status !== 200) failures += 1;
          done += 1;
        }
      };
      const workers = Array.from({ length: 8 }, (_, w) => worker(w));
      // Each phase lasts a number of answered queries, not a time: 40 before, 40 while Redis
      // is dead, 40 after it is back.
      const answered = (more: number) => {
        const target = done + more;
        return expect.poll(() => done, { timeout: PATIENCE_MS, interval: 20 }).toBeGreaterThanOrEqual(target);
      };
      await answered(40);
      await redis.stop(); // SIGKILL
      await answered(40);
      await redis.restart();
      await expect.poll(async () => (await fetch(`${stack.url}/readyz`)).status, { timeout: PATIENCE_MS, interval: 200 }).toBe(200);
      await answered(40);
      stop = true;
      await Promise.all(workers);
      expect(done).toBeGreaterThan(100);
      expect(failures).toBe(0);
      // Token requests stayed bounded: the per-process copy carried the outage.
      expect(stack.sim.counters.tokenRequests()).toBe(1);
      // The store breaker turned the outage into a handful of timeouts per time it opened, not one
      // per request: the three in a row that open it, the calls of the 8 workers already on their
      // way (a get and a set each), then one trial call each time it half-opens (and opens again).
      // How often it half-opens depends on how long the outage lasts in real time (5 s of
      // breaker time each), so the bound is per opening, not a total a slow machine exceeds.
      const metrics = await (await fetch(`${stack.url}/metrics`)).text();
      const timeouts = [...metrics.matchAll(/gateway_cache_call_timeouts_total\{op="\w+"\} (\d+)/g)].reduce((n, m) => n + Number(m[1]), 0);
      const openings = stack.logs.filter((l) => l.includes('"cache":{"circuit":"open"}')).length;
      console.log(`redis outage: ${done} queries, ${failures} failed, ${timeouts} cache timeouts, breaker opened ${openings} times`);
      expect(openings).toBeGreaterThan(0);
      expect(timeouts).toBeLessThanOrEqual(openings * (3 + 8 * 2));
    } finally {
      await stack.close();
      await redis.stop();
    }
  });
});

describe.skipIf(!REDIS_SERVER)('rate limits shared across replicas', () => {
  it('counts one caller across replicas, and falls back to per-replica limits without Redis', async () => {
    const redis = await startRedis();
    const apiKey = 'kgw_shared-rate-0123456789abcdefghij';
    const stack = await startStack({
      env: {
        CACHE_URL: redis.url,
        CACHE_ENCRYPTION_KEY: KEY,
        RATE_LIMIT_PER_MINUTE: '6',
        RATE_LIMIT_BURST: '2',
        AUTH_MODE: 'api-key',
        API_KEYS: JSON.stringify([{ name: 'shared', sha256: createHash('sha256').update(apiKey).digest('hex'), scopes: ['*'] }]),
      },
    });
    const other = await startReplica(stack, redis.url);
    const ask = async (url: string) => (await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': apiKey }, body: '{"query":"{ gateway { version } }"}' })).status;
    try {
      expect(await ask(stack.url)).toBe(200);
      expect(await ask(other.url)).toBe(200);
      expect(await ask(stack.url)).toBe(429); // the burst of 2 was spent across both replicas
      expect(await ask(other.url)).toBe(429);
      await redis.stop();
      // Without Redis each replica limits on its own; nothing fails because the store is gone.
      const statuses = [await ask(stack.url), await ask(other.url)];
      expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
    } finally {
      await other.close(500);
      await stack.close();
      await redis.stop();
    }
  });
});

describe('Redis unreachable at start', () => {
  it('starts, serves on per-process state and says why it is not ready', async () => {
    // A port with nothing listening: taken from a server that is closed again.
    const { createServer } = await import('node:net');
    const port = await new Promise<number>((resolve) => {
      const srv = createServer().listen(0, '127.0.0.1', () => {
        const p = (srv.address() as { port: number }).port;
        srv.close(() => resolve(p));
      });
    });
    const stack = await startStack({ env: { CACHE_URL: `redis://127.0.0.1:${port}`, CACHE_ENCRYPTION_KEY: KEY } });
    try {
      for (let i = 0; i < 5; i++) expect((await stack.gql(`{ annotateText(text: "Apple ${i}") { knowledgeBase } }`)).errors).toBeUndefined();
      expect(stack.sim.counters.tokenRequests()).toBe(1);
      const ready = await fetch(`${stack.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(((await ready.json()) as { checks: { cache: { ok: boolean; detail: string } } }).checks.cache).toMatchObject({ ok: false, detail: expect.stringMatching(/cache store/) });
    } finally {
      await stack.close();
    }
  });
});

describe.skipIf(!REDIS_SERVER)('what the gateway writes to Redis (CACHE_SHARED_MB)', () => {
  it('holds cached NERD results for long texts within the budget, shared by two replicas, oldest out', async () => {
    const redis = await startRedis();
    const budgetMb = 1;
    // Every write and index call must reach Redis however slowly: the verdict is what Redis holds.
    const stack = await startStack({ env: { CACHE_URL: redis.url, CACHE_ENCRYPTION_KEY: KEY, CACHE_SHARED_MB: String(budgetMb), NERD_CACHE_TTL_SECONDS: '3600', NERD_ASYNC_THRESHOLD_CHARS: '100000' }, storeTimeouts: SHARING_TIMEOUTS });
    const other = await startReplica(stack, redis.url, { CACHE_SHARED_MB: String(budgetMb), NERD_CACHE_TTL_SECONDS: '3600', NERD_ASYNC_THRESHOLD_CHARS: '100000' }, SHARING_TIMEOUTS);
    /** Bytes of the cached NERD results in Redis (the values as stored: encrypted, base64). */
    const nerdBytes = () => {
      const keys = spawnSync('redis-cli', ['-p', String(redis.port), '--scan', '--pattern', '*nerd:*'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
      return keys.reduce((sum, k) => sum + Number(spawnSync('redis-cli', ['-p', String(redis.port), 'STRLEN', k], { encoding: 'utf8' }).stdout.trim()), 0);
    };
    try {
      const urls = [stack.url, other.url];
      const annotate = async (url: string, text: string) => {
        const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'query($t: String!) { annotateText(text: $t) { annotations { text } } }', variables: { t: text } }) });
        const body = (await res.json()) as { errors?: unknown };
        expect(body.errors).toBeUndefined();
      };
      // Ten long texts (about 12 000 characters, 1 500 entities each), written by both replicas in turn.
      const texts = Array.from({ length: 10 }, (_, i) => `Text ${i}. ${'Apple and Tesla met Goldman Sachs in Paris. '.repeat(280)}`);
      let largest = 0;
      for (const [i, text] of texts.entries()) {
        const before = nerdBytes();
        await annotate(urls[i % 2]!, text);
        largest = Math.max(largest, nerdBytes() - before);
      }
      const held = nerdBytes();
      console.log(`10 long-text NERD results (about ${Math.round(largest / 1024)} KB each in Redis): ${Math.round(held / 1024)} KB held with CACHE_SHARED_MB=${budgetMb}`);
      expect(largest).toBeGreaterThan(100 * 1024);
      expect(held).toBeLessThanOrEqual(budgetMb * 1024 * 1024);
      // The newest result is still served from the cache; the oldest was pushed out.
      const calls = stack.sim.counters.calls('nerd.annotations-sync');
      await annotate(stack.url, texts[9]!);
      expect(stack.sim.counters.calls('nerd.annotations-sync')).toBe(calls);
      await annotate(stack.url, texts[0]!);
      expect(stack.sim.counters.calls('nerd.annotations-sync')).toBe(calls + 1);
      const metrics = await (await fetch(`${stack.url}/metrics`)).text();
      expect(metrics).toMatch(/gateway_cache_evictions_total\{cache="shared"\} [1-9]/);
    } finally {
      await other.close(500);
      await stack.close();
      await redis.stop();
    }
  });
});
