import { CircuitState, ConsecutiveBreaker, circuitBreaker, handleAll, handleWhen } from 'cockatiel';
import type { CacheStore } from './store.js';
import { CallTimeoutError, within } from '../net/within.js';

/** Longest a cache call may take before the gateway carries on without it. */
export const CACHE_CALL_TIMEOUT_MS = 250;

/** What the cache wrapper reports: calls that ran out of time, and the store breaker's state. */
export interface CacheEvents {
  onTimeout?: (op: string) => void;
  onCircuit?: (open: boolean) => void;
  /**
   * Whether calls that ran out of time count towards opening the breaker (default true). The
   * token store says false: a slow store is not a failed one, and skipping it would make every
   * replica fetch its own token (errors such as a refused connection still open it).
   */
  breakOnTimeouts?: boolean;
}

/**
 * Bounds every call to `store`: a Redis that died after start makes its client queue commands
 * until it reconnects, which would hang requests. A call that does not answer in time (or fails)
 * counts as a miss (get) or as not stored (set/delete), and after 3 such calls in a row a
 * breaker (cockatiel) skips the store for 5 s before trying it again — so an outage costs a few
 * timeouts, not one per request. The cache can make the gateway slower to fill, never fail it.
 */
export function boundedCache(store: CacheStore, timeoutMs = CACHE_CALL_TIMEOUT_MS, events: CacheEvents = {}): CacheStore {
  const policy = events.breakOnTimeouts === false ? handleWhen((error) => !(error instanceof CallTimeoutError)) : handleAll;
  const breaker = circuitBreaker(policy, { halfOpenAfter: 5_000, breaker: new ConsecutiveBreaker(3) });
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

