import { CACHE_CALL_TIMEOUT_MS } from './bounded.js';
import { TOKEN_STORE_TIMEOUT_MS } from './lease.js';

/**
 * Budgets of the calls to the shared store (Redis), in milliseconds of real time (Node timers,
 * not the injected clock). A call that does not answer within its budget counts as a miss or as
 * not stored (cache), as `unknown` (lease), or falls back to this process's own bucket (shared
 * rate limits): a slow store slows no request down. Production runs on STORE_TIMEOUTS. Tests whose
 * verdict is the sharing itself (one token request for a fleet, one bucket for every replica)
 * widen them: on a 2-core machine at a load of 25 a healthy local Redis, or a busy event loop
 * reading its answer, took longer than 250 ms and than the 10 s lease, and replicas then fell
 * back to their own state as designed.
 */
export interface StoreTimeouts {
  /** One cache call on a request's path: get, set, delete, the shared budget's index, a shared rate-limit bucket. */
  readonly cacheCallMs: number;
  /** One token-store or lease call. */
  readonly tokenStoreMs: number;
  /** How long a token lease lasts in Redis, and so the longest a replica waits for another's token fetch. */
  readonly leaseMs: number;
}

export const STORE_TIMEOUTS: StoreTimeouts = { cacheCallMs: CACHE_CALL_TIMEOUT_MS, tokenStoreMs: TOKEN_STORE_TIMEOUT_MS, leaseMs: 10_000 };

/** STORE_TIMEOUTS with what `overrides` sets. */
export function storeTimeouts(overrides: Partial<StoreTimeouts> = {}): StoreTimeouts {
  return { ...STORE_TIMEOUTS, ...overrides };
}
