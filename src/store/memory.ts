import type { LRUCache } from 'lru-cache';
import { budgetLru } from './budget-lru.js';
import type { CacheUsage } from './store.js';

/**
 * The in-process Keyv store (`new Keyv({ store })`) within a byte budget, least recently used
 * out first. Keyv hands its stores the serialized entry (a JSON string with value and expiry),
 * so each entry is counted as the UTF-8 length of that string plus its key — what the cache
 * holds, not a guess from the value's shape. An unbounded Map here let 100 long NERD texts hold
 * 266 MB and 150 large persisted queries 1.48 GB. TTLs (ms) are enforced here too, so an expired
 * entry is dropped when read instead of lingering until Keyv reads it.
 *
 * Measuring also keeps the count honest: Keyv's serializer builds the string with `+=`, a rope
 * of one V8 node per JSON fragment that took about nine times the text's length in heap (a
 * 1 MB NERD result held 9.4 MB). Buffer.byteLength flattens it into one string, so the heap
 * holds what is counted (test/integration/cache-budgets.test.ts checks the heap itself).
 *
 * Built on lru-cache (the LRU Apollo's own caches use) rather than by hand.
 */
export class MemoryStore implements CacheUsage {
  /** Keyv sets this; the keys it passes already carry the namespace. */
  namespace?: string;
  private readonly lru: LRUCache<string, string>;
  private readonly evicted: () => number;

  constructor(readonly budgetBytes: number) {
    ({ lru: this.lru, evictions: this.evicted } = budgetLru<string>('MemoryStore', budgetBytes, (value, key) => entryBytes(key, value)));
  }

  get bytes(): number {
    return this.lru.calculatedSize;
  }

  get evictions(): number {
    return this.evicted();
  }

  get(key: string): string | undefined {
    return this.lru.get(key);
  }

  /** Stores `value` for `ttlMs` (none: until evicted); false when it is too large to keep. */
  set(key: string, value: string, ttlMs?: number): boolean {
    // Keyv serializes to a string; anything else (a custom serializer) is stored as its JSON.
    const stored = typeof value === 'string' ? value : JSON.stringify(value);
    if (entryBytes(key, stored) > this.lru.maxEntrySize) {
      // lru-cache would skip it silently; drop any older value so a read does not serve it.
      this.lru.delete(key);
      return false;
    }
    this.lru.set(key, stored, { ttl: ttlMs && ttlMs > 0 ? ttlMs : undefined });
    return true;
  }

  has(key: string): boolean {
    return this.lru.has(key);
  }

  delete(key: string): boolean {
    return this.lru.delete(key);
  }

  clear(): void {
    this.lru.clear();
  }
}

function entryBytes(key: string, value: string): number {
  return Buffer.byteLength(key, 'utf8') + Buffer.byteLength(value, 'utf8');
}
