import type { CacheStore, CacheUsage } from './store.js';
import { within } from '../net/within.js';
import { CACHE_CALL_TIMEOUT_MS } from './bounded.js';

/** The node-redis call the budget needs (the client behind @keyv/redis). */
export interface BudgetClient {
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

/** A store with a shared byte budget, and what this replica last saw of it (for the cache metrics). */
export interface BudgetedStore extends CacheStore {
  readonly usage: CacheUsage;
}

/**
 * Records one entry of `size` bytes (a key written again replaces its old size), then removes
 * the oldest entries while the total exceeds the budget. Atomic in Redis, so replicas sharing
 * the store share one budget. Returns the total, then the evicted keys: the caller deletes them
 * through the store, which knows their namespace. Entries that expired by their TTL still count until they
 * are pushed out, so the total is never under the bytes really held.
 *
 * KEYS: index (sorted set: key → time written), sizes (hash: key → bytes), total (counter).
 * ARGV: key, size, budget, now.
 */
const ADMIT_SCRIPT = `
local old = redis.call('HGET', KEYS[2], ARGV[1])
if old then redis.call('DECRBY', KEYS[3], old) end
redis.call('ZADD', KEYS[1], ARGV[4], ARGV[1])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
local total = redis.call('INCRBY', KEYS[3], ARGV[2])
local budget = tonumber(ARGV[3])
local evicted = {0}
while total > budget do
  local oldest = redis.call('ZPOPMIN', KEYS[1])
  if #oldest == 0 then break end
  local size = tonumber(redis.call('HGET', KEYS[2], oldest[1]) or '0')
  redis.call('HDEL', KEYS[2], oldest[1])
  total = redis.call('DECRBY', KEYS[3], size)
  if oldest[1] ~= ARGV[1] then table.insert(evicted, oldest[1]) end
end
evicted[1] = total
return evicted
`;

/** Bytes an entry is counted for beyond its value: its key and Redis's per-key and index overhead. */
const ENTRY_OVERHEAD_BYTES = 128;

/**
 * A byte budget over what the gateway writes to a shared store (CACHE_SHARED_MB): Redis is
 * shared by every replica and has no bound of its own unless its operator set `maxmemory`, and
 * cached NERD results for long texts are hundreds of kilobytes each. Every write is counted
 * (its JSON size, times `expansion` for encryption's base64, plus the key) in an index in
 * Redis, and the oldest entries are deleted once the total passes the budget; an entry larger
 * than the budget is not written. Reads are untouched. Index calls are bounded like every cache
 * call; when Redis does not answer, the write has failed too.
 */
export function sharedBudgetCache(store: CacheStore, client: BudgetClient, options: { namespace: string; budgetBytes: number; expansion?: number; clock?: () => number; timeoutMs?: number }): BudgetedStore {
  const { namespace, budgetBytes, expansion = 1, clock = Date.now, timeoutMs = CACHE_CALL_TIMEOUT_MS } = options;
  const keys = [`${namespace}:budget:index`, `${namespace}:budget:sizes`, `${namespace}:budget:total`];
  // The total as Redis last reported it to this replica; evictions made by this replica.
  const usage = { bytes: 0, evictions: 0, budgetBytes };
  return {
    usage,
    get: (key) => store.get(key),
    delete: (key) => store.delete(key),
    async set(key, value, ttlMs) {
      const bytes = Math.ceil(Buffer.byteLength(JSON.stringify(value) ?? '') * expansion) + Buffer.byteLength(key) + ENTRY_OVERHEAD_BYTES;
      if (bytes > budgetBytes) return false;
      const stored = await store.set(key, value, ttlMs);
      if (!stored) return false;
      const answer = await within(client.eval(ADMIT_SCRIPT, { keys, arguments: [key, String(bytes), String(budgetBytes), String(clock())] }), timeoutMs, 'cache budget').catch(() => undefined);
      if (!Array.isArray(answer)) return true;
      const [total, ...evicted] = answer as unknown[];
      usage.bytes = Number(total) || 0;
      usage.evictions += evicted.length;
      await Promise.all(evicted.map((k) => store.delete(String(k))));
      return true;
    },
  };
}
