import { RateLimiter, localRateLimit, sharedRateLimit, type RateLimit, type RedisEval } from '../../store/rate-limit.js';

/** The bucket every replica shares for Scribe calls (one account, UPSTREAMS-MORE §1.4). */
const CALLER = 'upstream:scribe';

/**
 * Keeps every Scribe call of every replica under Scribe's per-account rate: a token bucket of
 * `perSecond` with room for one call (so no second-long window ever holds more than `perSecond`),
 * shared through Redis when the cache is Redis (the rate limiter's script), else per process.
 * A call waits for its turn rather than failing.
 */
export function scribeThrottle(perSecond: number, redis: unknown, namespace: string, sleep: (ms: number, signal?: AbortSignal) => Promise<void>, clock?: () => number, storeTimeoutMs?: number): (signal?: AbortSignal) => Promise<void> {
  const local = new RateLimiter(perSecond * 60, 1, clock);
  const bucket: RateLimit = redis ? sharedRateLimit(redis as RedisEval, namespace, perSecond * 60, 1, local, storeTimeoutMs) : localRateLimit(local);
  const step = Math.ceil(1000 / perSecond / 4);
  return async (signal) => {
    // The bucket answers in whole seconds; retrying every quarter interval keeps the pace even.
    while ((await bucket.take(CALLER)) > 0) await sleep(step, signal);
  };
}
