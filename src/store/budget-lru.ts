import { LRUCache } from 'lru-cache';

/**
 * A single entry may take at most this share of a budget, so one huge value (a NERD result for a
 * long text, a padded query) cannot push everything else out; a larger one is not kept.
 */
export const MAX_ENTRY_SHARE = 4;

/**
 * An lru-cache within `budgetBytes` as `sizeOf` counts entries, least recently used out, that
 * counts its evictions for the metrics (gateway_cache_evictions_total). Shared by the
 * in-process store and Apollo's document cache, which differ only in how an entry is sized.
 */
export function budgetLru<V extends {}>(what: string, budgetBytes: number, sizeOf: (value: V, key: string) => number): { lru: LRUCache<string, V>; evictions(): number } {
  if (!Number.isInteger(budgetBytes) || budgetBytes < 1) throw new TypeError(`${what} budget must be a positive whole number of bytes, got ${budgetBytes}`);
  let evicted = 0;
  const lru = new LRUCache<string, V>({
    maxSize: budgetBytes,
    maxEntrySize: Math.max(1, Math.floor(budgetBytes / MAX_ENTRY_SHARE)),
    sizeCalculation: (value, key) => Math.max(1, sizeOf(value, key)),
    dispose: (_value, _key, reason) => {
      if (reason === 'evict') evicted++;
    },
  });
  return { lru, evictions: () => evicted };
}
