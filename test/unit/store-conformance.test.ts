import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import Keyv from 'keyv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDIS_SERVER, startRedis, type RedisProcess } from '../helpers/redis.js';
import { createLogger } from '../../src/logger.js';
import { boundedCache } from '../../src/store/bounded.js';
import { encryptedCache } from '../../src/store/encrypted.js';
import { memoryLease, redisLease, type LeaseClient, type LeaseStore } from '../../src/store/lease.js';
import { MemoryStore } from '../../src/store/memory.js';
import { createCache, memoryStoreOf, redisClientOf } from '../../src/store/redis.js';
import type { CacheStore } from '../../src/store/store.js';
import { PATIENCE_MS } from '../helpers/patience.js';

/**
 * One set of expectations for every CacheStore the gateway builds (Keyv's habit: one suite, run
 * against each store), and one for every LeaseStore. Redis runs on a private redis-server; its
 * cases are skipped (with a warning) where redis-server is not installed.
 */

if (!REDIS_SERVER) console.warn('[skip] Redis store conformance: redis-server is not installed');

const MB = 1024 * 1024;
const KEY = new Uint8Array(randomBytes(32));
/**
 * A TTL that a loaded machine never reaches within one test (entries and leases that must still
 * be there), and one it surely passes while the test waits for it to expire (150 ms). The stores
 * keep time themselves (Redis on its server clock), so tests never assume how much time passed
 * between two calls: they wait for an expiry to be seen, bounded by PATIENCE_MS.
 */
const LONG_TTL_MS = PATIENCE_MS * 2;
const SHORT_TTL_MS = 150;
/** Resolves once `key` reads as missing in `store` (it expired); PATIENCE_MS bounds a hang. */
const expired = (store: CacheStore, key: string) => expect.poll(() => store.get(key), { timeout: PATIENCE_MS, interval: 50 }).toBeUndefined();
const logger = createLogger('silent');

let redis: RedisProcess | undefined;
const redisKeyvs: Keyv[] = [];
beforeAll(async () => {
  if (REDIS_SERVER) redis = await startRedis();
});
afterAll(async () => {
  await Promise.all(redisKeyvs.map((kv) => kv.disconnect().catch(() => undefined)));
  await redis?.stop();
});

/** A Keyv on the private Redis, as the gateway builds it (a fresh namespace per store). */
function redisKeyv(): Keyv {
  const kv = createCache({ cacheUrl: redis!.url, cacheNamespace: `t${randomBytes(4).toString('hex')}`, cacheMemoryBytes: MB }, logger);
  redisKeyvs.push(kv);
  return kv;
}

/** The in-process store as the gateway builds it, within `budgetBytes`. */
function memoryKeyv(budgetBytes = 8 * MB): Keyv {
  return createCache({ cacheUrl: undefined, cacheNamespace: 'gw', cacheMemoryBytes: budgetBytes }, logger);
}

const stores: Array<{ name: string; redis?: boolean; make: () => CacheStore }> = [
  { name: 'memory (8 MB budget)', make: () => memoryKeyv() },
  { name: 'bounded over memory', make: () => boundedCache(memoryKeyv()) },
  { name: 'encrypted over memory', make: () => encryptedCache(memoryKeyv(), KEY) },
  { name: 'redis', redis: true, make: () => redisKeyv() },
  // What the gateway runs with CACHE_URL: bounded, over encrypted, over Redis. Its budget here is a
  // hang bound: the conformance is what comes back, and a 1 MB value took over 1 s at a load of 25.
  { name: 'bounded over encrypted over redis', redis: true, make: () => boundedCache(encryptedCache(redisKeyv(), KEY), PATIENCE_MS) },
];

describe.each(stores)('CacheStore conformance: $name', ({ redis: needsRedis, make }) => {
  const skip = needsRedis === true && !REDIS_SERVER;
  let store: CacheStore;
  beforeAll(() => {
    if (!skip) store = make();
  });

  it.skipIf(skip)('reads a missing key as undefined', async () => {
    expect(await store.get('missing')).toBeUndefined();
  });

  it.skipIf(skip)('gives back what was set: objects, arrays, strings, numbers, booleans', async () => {
    const values: unknown[] = [{ token: 'abc', expiresAt: 1_800_000_000_000, scopes: ['a', 'b'] }, [1, 'two', { three: 3 }], 'a string: with colons', ':leading colon', 42, 0, false, '', 'ünïcødé 🐍'];
    for (const [i, value] of values.entries()) {
      expect(await store.set(`value:${i}`, value)).toBe(true);
      expect(await store.get(`value:${i}`)).toEqual(value);
    }
  });

  it.skipIf(skip)('keeps keys apart, whatever characters they hold', async () => {
    await store.set('apq:abc', 'one');
    await store.set('apq:abc:', 'two');
    await store.set('nerd:é/ü', 'three');
    expect([await store.get('apq:abc'), await store.get('apq:abc:'), await store.get('nerd:é/ü')]).toEqual(['one', 'two', 'three']);
  });

  it.skipIf(skip)('overwrites a key with the newer value', async () => {
    await store.set('over', { v: 1 });
    await store.set('over', { v: 2 });
    expect(await store.get('over')).toEqual({ v: 2 });
  });

  it.skipIf(skip)('deletes: true for a key it held, false for a missing one, and the key then reads as missing', async () => {
    await store.set('gone', 'soon');
    expect(await store.delete('gone')).toBe(true);
    expect(await store.get('gone')).toBeUndefined();
    expect(await store.delete('gone')).toBe(false);
  });

  it.skipIf(skip)('expires an entry after its TTL (ms); an entry without one stays', async () => {
    await store.set('short', 'lived', SHORT_TTL_MS);
    await store.set('long', 'lived');
    await store.set('later', 'lived', LONG_TTL_MS);
    // An entry with a TTL is stored (read well within its TTL), and one with a short TTL goes.
    expect(await store.get('later')).toBe('lived');
    await expired(store, 'short');
    expect(await store.get('long')).toBe('lived');
  });

  it.skipIf(skip)('a new set replaces the TTL of the old entry', async () => {
    await store.set('renewed', 1, SHORT_TTL_MS);
    await store.set('renewed', 2, LONG_TTL_MS);
    // Set after both: once it has expired, the first TTL has surely run out too.
    await store.set('marker', 'x', SHORT_TTL_MS);
    await expired(store, 'marker');
    expect(await store.get('renewed')).toBe(2);
  });

  it.skipIf(skip)('round-trips large values (a 1 MB string, a 500-element result list)', async () => {
    const text = randomBytes(512 * 1024).toString('hex');
    const list = Array.from({ length: 500 }, (_, i) => ({ text: `Entity ${i}`, startIndex: i * 10, endIndex: i * 10 + 6, relevance: [[`${i}`, 0.5]] }));
    expect(await store.set('large:text', text)).toBe(true);
    expect(await store.set('large:list', list)).toBe(true);
    expect(await store.get('large:text')).toBe(text);
    expect(await store.get('large:list')).toEqual(list);
  });
});

describe('MemoryStore: the byte budget', () => {
  it('counts each entry as its serialized size and evicts the least recently used first', async () => {
    const kv = memoryKeyv(MB);
    const memory = memoryStoreOf(kv)!;
    // Four entries of 250 kB fill the 1 MB budget (one may take at most a quarter of it).
    const chunk = 'x'.repeat(250 * 1024);
    for (const k of ['a', 'b', 'c', 'd']) await kv.set(k, chunk);
    expect(memory.bytes).toBeGreaterThan(4 * 250 * 1024);
    expect(memory.bytes).toBeLessThanOrEqual(MB);
    await kv.get('a'); // now the most recently used
    await kv.set('e', chunk); // needs room: "b" is the oldest untouched
    expect(await kv.get('b')).toBeUndefined();
    expect(await kv.get('a')).toBe(chunk);
    expect(await kv.get('e')).toBe(chunk);
    expect(memory.evictions).toBe(1);
    expect(memory.bytes).toBeLessThanOrEqual(MB);
  });

  it('does not keep an entry larger than a quarter of the budget (set answers false), and drops the older value', async () => {
    const kv = memoryKeyv(MB);
    await kv.set('big', 'small for now');
    expect(await kv.set('big', 'x'.repeat(300 * 1024))).toBe(false);
    expect(await kv.get('big')).toBeUndefined();
    expect(memoryStoreOf(kv)!.bytes).toBe(0);
  });

  it('counts UTF-8 bytes, not characters', () => {
    const store = new MemoryStore(MB);
    store.set('k', 'é'.repeat(1000));
    expect(store.bytes).toBe(1 + 2000);
  });

  it('refuses a budget that is not a positive whole number of bytes', () => {
    expect(() => new MemoryStore(0)).toThrow(TypeError);
    expect(() => new MemoryStore(1.5)).toThrow(TypeError);
  });
});

// ---- leases ----

/** A connected Redis client of the gateway's kind (the gateway connects at start, probing the cache). */
async function connectedRedisClient(): Promise<LeaseClient> {
  const kv = redisKeyv();
  await kv.get('connect');
  return redisClientOf(kv) as LeaseClient;
}

/** Two replicas' views of one lease store. */
const leases: Array<{ name: string; redis?: boolean; replicas: () => Promise<[LeaseStore, LeaseStore]> }> = [
  {
    name: 'memory',
    replicas: async () => {
      // In one process, replicas share one lease store.
      const shared = memoryLease();
      return [shared, shared];
    },
  },
  {
    name: 'redis',
    redis: true,
    replicas: async () => {
      const ns = `l${randomBytes(4).toString('hex')}`;
      // Each call may take as long as a loaded machine needs: these tests are about who holds a lease.
      return [redisLease(await connectedRedisClient(), ns, PATIENCE_MS), redisLease(await connectedRedisClient(), ns, PATIENCE_MS)];
    },
  },
];

describe.each(leases)('LeaseStore conformance: $name', ({ redis: needsRedis, replicas }) => {
  const skip = needsRedis === true && !REDIS_SERVER;

  it.skipIf(skip)('grants a free lease to one replica; the other finds it held until it is released', async () => {
    const [a, b] = await replicas();
    expect(await a.acquire('token:x', LONG_TTL_MS)).toBe('granted');
    expect(await b.acquire('token:x', LONG_TTL_MS)).toBe('held');
    expect(await b.acquire('token:y', LONG_TTL_MS)).toBe('granted'); // another key is another lease
    await a.release('token:x');
    expect(await b.acquire('token:x', LONG_TTL_MS)).toBe('granted');
    expect(await a.acquire('token:x', LONG_TTL_MS)).toBe('held');
  });

  it.skipIf(skip)('frees a lease once its time is up (the holder died)', async () => {
    const [a, b] = await replicas();
    expect(await a.acquire('ttl', SHORT_TTL_MS)).toBe('granted');
    // Held by a (a lease with a TTL is a lease), until its time is up: b then gets it.
    expect(await b.acquire('kept', LONG_TTL_MS)).toBe('granted');
    expect(await a.acquire('kept', LONG_TTL_MS)).toBe('held');
    await expect.poll(() => b.acquire('ttl', LONG_TTL_MS), { timeout: PATIENCE_MS, interval: 50 }).toBe('granted');
    expect(await a.acquire('ttl', LONG_TTL_MS)).toBe('held');
  });

  it.skipIf(skip)('releasing a lease that is not held is harmless', async () => {
    const [a] = await replicas();
    await expect(a.release('never')).resolves.toBeUndefined();
  });
});

describe.skipIf(!REDIS_SERVER)('Redis lease: a slow store is unknown, a failing one unavailable', () => {
  it('answers unknown when Redis does not answer within the budget (it may still be there)', async () => {
    const client = await connectedRedisClient();
    // The same lease, once with a budget a loaded machine always meets and once with 100 ms.
    expect(await redisLease(client, 'slow', PATIENCE_MS).acquire('warm', 1_000)).toBe('granted');
    const lease = redisLease(client, 'slow', 100);
    // Redis holds every write command until the test lets them go: SET NX cannot answer in 100 ms.
    const cli = (...args: string[]) => spawnSync('redis-cli', ['-p', String(redis!.port), ...args], { encoding: 'utf8' }).stdout.trim();
    expect(cli('CLIENT', 'PAUSE', String(LONG_TTL_MS), 'WRITE')).toBe('OK');
    try {
      expect(await lease.acquire('slow', 1_000)).toBe('unknown');
    } finally {
      expect(cli('CLIENT', 'UNPAUSE')).toBe('OK');
    }
  });

  it('answers unavailable when the client is known to be disconnected, or after repeated failures (breaker open)', async () => {
    const down = redisLease({ isReady: false, set: async () => 'OK', get: async () => null, del: async () => 0 }, 'down');
    expect(await down.acquire('k', 1_000)).toBe('unavailable');
    const failing = redisLease({ set: async () => Promise.reject(new Error('READONLY')), get: async () => null, del: async () => 0 }, 'failing');
    const outcomes = [];
    for (let i = 0; i < 4; i++) outcomes.push(await failing.acquire('k', 1_000));
    expect(outcomes).toEqual(['unknown', 'unknown', 'unknown', 'unavailable']);
  });

  it('answers unavailable once the Redis server is gone', async () => {
    const client = await connectedRedisClient();
    const lease = redisLease(client, 'gone', 200);
    expect(await lease.acquire('before', 1_000)).toBe('granted');
    await redis!.stop();
    try {
      await expect.poll(() => lease.acquire('after', 1_000), { timeout: PATIENCE_MS, interval: 100 }).toBe('unavailable');
    } finally {
      await redis!.restart();
    }
  });
});
