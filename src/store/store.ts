/**
 * The small key-value interface every gateway cache user sees (Keyv's own shape; TTLs in ms).
 * Implemented by Keyv over the memory store (memory.ts) or Redis (redis.ts), and by the
 * wrappers that bound (bounded.ts) or encrypt (encrypted.ts) another store.
 */
export interface CacheStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown, ttlMs?: number): Promise<boolean>;
  delete(key: string): Promise<boolean>;
}

/** What an in-process cache holds, read by the metrics at scrape time. */
export interface CacheUsage {
  /** Bytes the entries take, as the cache counts them (always within its budget). */
  readonly bytes: number;
  /** Entries pushed out to stay within the budget, since start. */
  readonly evictions: number;
  /** The budget, in bytes. */
  readonly budgetBytes: number;
}
