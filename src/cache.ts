import Keyv from 'keyv';
import { CompactEncrypt, compactDecrypt } from 'jose';
import { CircuitState, ConsecutiveBreaker, circuitBreaker, handleAll } from 'cockatiel';
import KeyvRedis, { createKeyv } from '@keyv/redis';
import type { Logger } from 'pino';
import type { Config } from './config/types.js';

/** The small key-value interface the gateway's caches use (Keyv's own shape; TTLs in ms). */
export interface CacheStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown, ttlMs?: number): Promise<boolean>;
  delete(key: string): Promise<boolean>;
}

/** Longest a cache call may take before the gateway carries on without it. */
export const CACHE_CALL_TIMEOUT_MS = 250;

/**
 * The Keyv store shared by the token manager, persisted queries and NERD results, rate limits:
 * in process by default, Redis when CACHE_URL is set. `connectionTimeout` is required: without
 * it @keyv/redis waits forever on an unreachable Redis (STACK-NOTES trap 6).
 */
export function createCache(config: Config, logger: Logger): Keyv {
  const kv = config.cacheUrl
    ? createKeyv(config.cacheUrl, { namespace: config.cacheNamespace, connectionTimeout: 1_000, throwOnConnectError: false })
    : new Keyv({ namespace: config.cacheNamespace });
  // An unhandled 'error' event would crash the process; a cache fault must not.
  kv.on('error', (error: unknown) => logger.warn({ err: { message: error instanceof Error ? error.message : String(error) } }, 'cache error'));
  return kv;
}

/** What the cache wrapper reports: calls that ran out of time, and the store breaker's state. */
export interface CacheEvents {
  onTimeout?: (op: string) => void;
  onCircuit?: (open: boolean) => void;
}

/**
 * Bounds every call to `store`: a Redis that died after start makes its client queue commands
 * until it reconnects, which would hang requests. A call that does not answer in time (or fails)
 * counts as a miss (get) or as not stored (set/delete), and after 3 such calls in a row a
 * breaker (cockatiel) skips the store for 5 s before trying it again — so an outage costs a few
 * timeouts, not one per request. The cache can make the gateway slower to fill, never fail it.
 */
export function boundedCache(store: CacheStore, timeoutMs = CACHE_CALL_TIMEOUT_MS, events: CacheEvents = {}): CacheStore {
  const breaker = circuitBreaker(handleAll, { halfOpenAfter: 5_000, breaker: new ConsecutiveBreaker(3) });
  breaker.onStateChange((state) => events.onCircuit?.(state === CircuitState.Open));
  const withTimeout = <T>(op: string, call: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        events.onTimeout?.(op);
        reject(new Error(`cache ${op} timed out`));
      }, timeoutMs);
      timer.unref();
      call().then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  const bounded = <T>(op: string, call: () => Promise<T>, fallback: T): Promise<T> => breaker.execute(() => withTimeout(op, call)).catch(() => fallback);
  return {
    get: (key) => bounded('get', () => store.get(key), undefined),
    set: (key, value, ttlMs) => bounded('set', () => store.set(key, value, ttlMs), false),
    delete: (key) => bounded('delete', () => store.delete(key), false),
  };
}

/**
 * Encrypts every value at rest (JWE compact, `dir` + A256GCM with the configured key), so a
 * copy of Redis does not hand out upstream tokens. A value that does not decrypt (another key,
 * tampering, an old plaintext entry) reads as a miss and is replaced on the next write.
 */
export function encryptedCache(store: CacheStore, key: Uint8Array): CacheStore {
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  return {
    async get(k) {
      const value = await store.get(k);
      if (typeof value !== 'string') return undefined;
      try {
        const { plaintext } = await compactDecrypt(value, key);
        return JSON.parse(decoder.decode(plaintext)) as unknown;
      } catch {
        return undefined;
      }
    },
    async set(k, value, ttlMs) {
      const jwe = await new CompactEncrypt(encoder.encode(JSON.stringify(value))).setProtectedHeader({ alg: 'dir', enc: 'A256GCM' }).encrypt(key);
      return store.set(k, jwe, ttlMs);
    },
    delete: (k) => store.delete(k),
  };
}

/** A short exclusive lease across replicas (cross-process single flight). */
export interface LeaseStore {
  /** True when this process now holds `key` for `ttlMs` (or when the store cannot answer). */
  acquire(key: string, ttlMs: number): Promise<boolean>;
  release(key: string): Promise<void>;
}

/**
 * A lease on Redis (`SET key NX PX`) when the cache is Redis; undefined in process, where the
 * token manager's own single flight is enough. Fails open: if Redis does not answer in time the
 * caller proceeds on its own, as it would without Redis.
 */
export function createLease(kv: Keyv, namespace: string, timeoutMs = CACHE_CALL_TIMEOUT_MS): LeaseStore | undefined {
  const raw = redisClientOf(kv);
  if (!raw) return undefined;
  const client = raw as {
    set(key: string, value: string, options: { NX: true; PX: number }): Promise<string | null>;
    del(key: string): Promise<number>;
  };
  const owner = `${process.pid}:${Math.random().toString(36).slice(2)}`;
  const within = <T>(call: Promise<T>, fallback: T): Promise<T> =>
    Promise.race([call.catch(() => fallback), new Promise<T>((resolve) => setTimeout(() => resolve(fallback), timeoutMs).unref())]);
  return {
    acquire: async (key, ttlMs) => (await within(client.set(`${namespace}:lease:${key}`, owner, { NX: true, PX: ttlMs }), 'OK')) === 'OK',
    release: async (key) => {
      await within(client.del(`${namespace}:lease:${key}`), 0);
    },
  };
}

/** The Redis client behind a Keyv on Redis, for the few raw commands (leases, rate limits). */
export function redisClientOf(kv: Keyv): unknown {
  const store: unknown = (kv as unknown as { store?: unknown }).store ?? kv.opts?.store;
  return store instanceof KeyvRedis ? store.client : undefined;
}
