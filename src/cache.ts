import Keyv from 'keyv';
import { CompactEncrypt, compactDecrypt } from 'jose';
import { BrokenCircuitError, CircuitState, ConsecutiveBreaker, circuitBreaker, handleAll } from 'cockatiel';
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
    within(call(), timeoutMs, `cache ${op}`).catch((error: unknown) => {
      if (error instanceof CallTimeoutError) events.onTimeout?.(op);
      throw error;
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

/**
 * What a lease request found out. `unknown`: the store did not answer in time or failed — it may be
 * slow rather than dead, and another replica may hold the lease, so the caller waits for the
 * shared token (bounded) before fetching on its own. `unavailable`: the store is known to be
 * failing (its breaker is open), so replicas fetch independently.
 */
export type LeaseOutcome = 'granted' | 'held' | 'unknown' | 'unavailable';

/** A short exclusive lease across replicas (cross-process single flight). */
export interface LeaseStore {
  acquire(key: string, ttlMs: number): Promise<LeaseOutcome>;
  release(key: string): Promise<void>;
}

/**
 * Budget of one lease or token-store call. Longer than the per-request cache budget: a token
 * fetch happens about once per token lifetime, and a store that is slow (not dead) must still
 * keep replicas from each fetching their own token.
 */
export const TOKEN_STORE_TIMEOUT_MS = 1_000;

/**
 * A lease on Redis (`SET key NX PX`) when the cache is Redis; undefined in process, where the
 * token manager's own single flight is enough. A call that does not answer within `timeoutMs`
 * is `unknown` (a late SET may still land: a later acquire then finds this process's own mark and
 * counts as granted); consecutive failures open a breaker, and then it answers `unavailable`.
 */
export function createLease(kv: Keyv, namespace: string, timeoutMs = TOKEN_STORE_TIMEOUT_MS): LeaseStore | undefined {
  const raw = redisClientOf(kv);
  if (!raw) return undefined;
  const client = raw as {
    set(key: string, value: string, options: { NX: true; PX: number }): Promise<string | null>;
    get(key: string): Promise<string | null>;
    del(key: string): Promise<number>;
    /** node-redis: false while the connection is down (commands would only queue). */
    readonly isReady?: boolean;
  };
  const owner = `${process.pid}:${Math.random().toString(36).slice(2)}`;
  const breaker = circuitBreaker(handleAll, { halfOpenAfter: 5_000, breaker: new ConsecutiveBreaker(3) });
  const call = <T>(run: () => Promise<T>): Promise<T> => breaker.execute(() => within(run(), timeoutMs, 'lease call'));
  return {
    acquire: async (key, ttlMs) => {
      const name = `${namespace}:lease:${key}`;
      // Not connected is known to be failing, not slow: nothing would answer until it reconnects.
      if (client.isReady === false) return 'unavailable';
      try {
        if ((await call(() => client.set(name, owner, { NX: true, PX: ttlMs }))) === 'OK') return 'granted';
        return (await call(() => client.get(name))) === owner ? 'granted' : 'held';
      } catch (error) {
        return error instanceof BrokenCircuitError ? 'unavailable' : 'unknown';
      }
    },
    release: async (key) => {
      await call(() => client.del(`${namespace}:lease:${key}`)).catch(() => undefined);
    },
  };
}

/** An in-process lease on an injected clock: replicas in one test process, sharing one store. */
export function memoryLease(clock: () => number = Date.now): LeaseStore {
  const held = new Map<string, number>();
  return {
    acquire: async (key, ttlMs) => {
      const until = held.get(key);
      if (until !== undefined && until > clock()) return 'held';
      held.set(key, clock() + ttlMs);
      return 'granted';
    },
    release: async (key) => {
      held.delete(key);
    },
  };
}

/** What `within` rejects with when time runs out. */
export class CallTimeoutError extends Error {
  constructor(what: string, ms: number) {
    super(`${what} timed out after ${ms} ms`);
    this.name = 'CallTimeoutError';
  }
}

/** Rejects with CallTimeoutError when `promise` has not settled within `ms` (the timer never keeps the process alive). */
export function within<T>(promise: Promise<T>, ms: number, what = 'call'): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new CallTimeoutError(what, ms)), ms);
    timer.unref();
    promise.then(
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
}

/** The Redis client behind a Keyv on Redis, for the few raw commands (leases, rate limits). */
export function redisClientOf(kv: Keyv): unknown {
  const store: unknown = (kv as unknown as { store?: unknown }).store ?? kv.opts?.store;
  return store instanceof KeyvRedis ? store.client : undefined;
}
