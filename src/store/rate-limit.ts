import type { Config } from '../config/types.js';
import { within } from '../net/within.js';
import { CACHE_CALL_TIMEOUT_MS } from './bounded.js';

/**
 * A token bucket per caller in this process: `burst` requests at once, refilled at `perMinute`.
 * Used alone without Redis, and as the fallback of the shared limiter below. Written here (20
 * lines; the Redis side is one Lua script) rather than taken from a library, because the common
 * limiters bring their own Redis client and key layout instead of the gateway's connection.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; updatedAt: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly burst: number,
    private readonly clock: () => number = Date.now,
    /** Callers tracked at most; the least recently seen are forgotten first. */
    private readonly maxCallers = 10_000,
  ) {}

  /** Takes one token for `caller`; returns 0 when allowed, else the seconds until one is free. */
  take(caller: string): number {
    const now = this.clock();
    const ratePerMs = this.perMinute / 60_000;
    const bucket = this.buckets.get(caller) ?? { tokens: this.burst, updatedAt: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + (now - bucket.updatedAt) * ratePerMs);
    bucket.updatedAt = now;
    // Re-insert so Map order is least-recently-seen first.
    this.buckets.delete(caller);
    this.buckets.set(caller, bucket);
    if (this.buckets.size > this.maxCallers) this.buckets.delete(this.buckets.keys().next().value!);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / ratePerMs / 1000));
  }
}

/** Takes one request token for a caller; resolves to 0 when allowed, else seconds to wait. */
export interface RateLimit {
  take(caller: string): Promise<number>;
}

/** The Redis client calls the shared limiter needs (node-redis v5 shape). */
export interface RedisEval {
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

/**
 * The token bucket as one atomic Lua script, on Redis server time so replicas' clocks do not
 * matter. State per caller: tokens and last refill (ms), expiring once the bucket would be full.
 */
const BUCKET_SCRIPT = `
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + (now - at) * rate)
local wait = 0
if tokens >= 1 then tokens = tokens - 1 else wait = math.ceil((1 - tokens) / rate / 1000) end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate) + 1000)
return wait
`;

/**
 * Rate limiting shared by every replica through Redis, so a caller's rate is the same however
 * the load balancer spreads it. When Redis does not answer within `timeoutMs` the replica falls
 * back to its own in-process bucket: limiting degrades, requests never fail because of it.
 */
export function sharedRateLimit(client: RedisEval, namespace: string, perMinute: number, burst: number, fallback: RateLimiter, timeoutMs = CACHE_CALL_TIMEOUT_MS): RateLimit {
  const rate = String(perMinute / 60_000);
  return {
    async take(caller) {
      const call = client.eval(BUCKET_SCRIPT, { keys: [`${namespace}:rate:${caller}`], arguments: [rate, String(burst)] }).then(Number);
      const wait = await within(call, timeoutMs, 'shared rate limit').catch(() => undefined);
      return typeof wait === 'number' && Number.isFinite(wait) ? wait : fallback.take(caller);
    },
  };
}

/**
 * The limiter the configuration asks for: none when RATE_LIMIT_PER_MINUTE is 0, shared through
 * Redis when the cache is on Redis (with a per-process fallback), else per process.
 */
export function createRateLimit(config: Pick<Config, 'rateLimit' | 'cacheNamespace'>, redis: unknown, clock?: () => number, storeTimeoutMs?: number): RateLimit | undefined {
  const { perMinute, burst } = config.rateLimit;
  if (perMinute <= 0) return undefined;
  const local = new RateLimiter(perMinute, burst, clock);
  return redis ? sharedRateLimit(redis as RedisEval, config.cacheNamespace, perMinute, burst, local, storeTimeoutMs) : localRateLimit(local);
}

/** The in-process limiter as a RateLimit. */
export function localRateLimit(limiter: RateLimiter): RateLimit {
  return { take: async (caller) => limiter.take(caller) };
}
