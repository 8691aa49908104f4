import { Buffer } from 'node:buffer';
import type { DocumentNode, Token } from 'graphql';
import type { LRUCache } from 'lru-cache';
import { MAX_ENTRY_SHARE, budgetLru } from './budget-lru.js';
import type { CacheUsage } from './store.js';

/**
 * Heap one lexer token costs once parsed (the token, its AST node and location objects), measured
 * on graphql 16: 20 documents of 20 000 aliased fields held about 310 bytes per token beyond the
 * source text. A document keeps every token (Location.startToken/endToken link them all).
 */
const BYTES_PER_TOKEN = 320;

/**
 * What a parsed document holds: its source text (Location keeps the whole string) plus its
 * tokens and nodes. Apollo's own InMemoryLRUCache sizes a document by JSON.stringify, which
 * leaves the source out (Location's toJSON is {start, end}): 300 plain queries padded to 0.9 MB
 * with a comment kept +273 MB while that cache thought it held a few kB.
 */
export function documentBytes(document: DocumentNode): number {
  const loc = document.loc;
  if (!loc) return 1_024;
  let tokens = 0;
  for (let token: Token | null = loc.startToken; token; token = token.next) tokens++;
  return Buffer.byteLength(loc.source.body, 'utf8') + tokens * BYTES_PER_TOKEN;
}

/**
 * Apollo's parsed-and-validated document cache (its `documentStore`, a KeyValueCache), within
 * DOCUMENT_CACHE_MB counted by `documentBytes`, least recently used out. lru-cache directly
 * rather than Apollo's InMemoryLRUCache wrapper, which hides the size and evictions the
 * metrics report.
 */
export class DocumentCache implements CacheUsage {
  private readonly lru: LRUCache<string, DocumentNode>;
  private readonly evicted: () => number;
  /** The key each cached document was stored under (documents come back as the same object). */
  private readonly keys = new WeakMap<DocumentNode, string>();
  /** Bytes counted for what is kept with a document (its compiled operations). */
  private readonly extra = new WeakMap<DocumentNode, number>();

  constructor(readonly budgetBytes: number) {
    // A document too large for a quarter of the budget is parsed again next time instead.
    ({ lru: this.lru, evictions: this.evicted } = budgetLru<DocumentNode>('DocumentCache', budgetBytes, documentBytes));
  }

  get bytes(): number {
    return this.lru.calculatedSize;
  }

  get evictions(): number {
    return this.evicted();
  }

  async get(key: string): Promise<DocumentNode | undefined> {
    return this.lru.get(key);
  }

  /** Apollo's KeyValueCache TTLs are in seconds; documents never go stale, so none is used. */
  async set(key: string, document: DocumentNode): Promise<void> {
    this.lru.set(key, document);
    this.keys.set(document, key);
  }

  /** Whether `document` is the object this cache holds (and hands out) for its query. */
  holds(document: DocumentNode): boolean {
    return this.keyOf(document) !== undefined;
  }

  /** The key `document` is cached under, while this cache still holds it. */
  private keyOf(document: DocumentNode): string | undefined {
    const key = this.keys.get(document);
    return key !== undefined && this.lru.peek(key) === document ? key : undefined;
  }

  /**
   * Counts `extraBytes` more against the budget for a cached document (what is kept with it, a
   * compiled operation) and makes it the most recently used. False, counting nothing, when the
   * document is no longer cached or would then take more than an entry's share of the budget.
   */
  charge(document: DocumentNode, extraBytes: number): boolean {
    const key = this.keyOf(document);
    if (key === undefined) return false;
    const extra = (this.extra.get(document) ?? 0) + extraBytes;
    const size = documentBytes(document) + extra;
    if (!(size <= this.budgetBytes / MAX_ENTRY_SHARE)) return false;
    this.extra.set(document, extra);
    this.lru.set(key, document, { size });
    return true;
  }

  async delete(key: string): Promise<boolean> {
    return this.lru.delete(key);
  }
}
