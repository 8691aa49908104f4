/**
 * A token bucket per caller: `burst` requests at once, refilled at `perMinute`. In process for
 * now; sharing the counters through the cache store across replicas comes with the Redis work.
 * Written here (20 lines) rather than taken from a library because the store will be the
 * gateway's own Keyv, which the common limiters do not speak.
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
