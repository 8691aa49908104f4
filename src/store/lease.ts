import type Keyv from 'keyv';
import { BrokenCircuitError, ConsecutiveBreaker, circuitBreaker, handleWhen } from 'cockatiel';
import { CallTimeoutError, within } from '../net/within.js';
import { redisClientOf } from './redis.js';

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

/** The node-redis calls a lease needs. */
export interface LeaseClient {
  set(key: string, value: string, options: { NX: true; PX: number }): Promise<string | null>;
  get(key: string): Promise<string | null>;
  del(key: string): Promise<number>;
  /** node-redis: false while the connection is down (commands would only queue). */
  readonly isReady?: boolean;
}

/**
 * A lease on Redis (`SET key NX PX`) when the cache is Redis; undefined in process, where the
 * token manager's own single flight is enough.
 */
export function createLease(kv: Keyv, namespace: string, timeoutMs = TOKEN_STORE_TIMEOUT_MS): LeaseStore | undefined {
  const client = redisClientOf(kv);
  return client ? redisLease(client as LeaseClient, namespace, timeoutMs) : undefined;
}

/**
 * The lease on a Redis client. A call that does not answer within `timeoutMs` is `unknown` (a
 * late SET may still land: a later acquire then finds this process's own mark and counts as
 * granted). Consecutive errors (a refused or reset connection, not slowness) open a breaker, and
 * then it answers `unavailable`; a store that only answers late stays `unknown`, so replicas keep
 * waiting for one another's token instead of each fetching its own.
 */
export function redisLease(client: LeaseClient, namespace: string, timeoutMs = TOKEN_STORE_TIMEOUT_MS): LeaseStore {
  const owner = `${process.pid}:${Math.random().toString(36).slice(2)}`;
  const breaker = circuitBreaker(
    handleWhen((error) => !(error instanceof CallTimeoutError)),
    { halfOpenAfter: 5_000, breaker: new ConsecutiveBreaker(3) },
  );
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
