import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DocumentCache, documentBytes } from '../../src/store/document-cache.js';

describe("Apollo's document cache within a byte budget", () => {
  it('sizes a document by its source text plus its tokens (Apollo sizes it without the text)', () => {
    const padded = parse(`{ gateway { version } } # ${'x'.repeat(100_000)}`);
    expect(documentBytes(padded)).toBeGreaterThan(100_000);
    // JSON.stringify, Apollo's default measure, sees a few hundred bytes: Location serializes as {start, end}.
    expect(JSON.stringify(padded).length).toBeLessThan(2_000);
    const wide = parse(`{ ${Array.from({ length: 1_000 }, (_, i) => `a${i}: gateway { version }`).join(' ')} }`);
    // Six tokens per aliased field, each about 300 bytes of heap once parsed.
    expect(documentBytes(wide)).toBeGreaterThan(1_000 * 6 * 300);
  });

  it('evicts the least recently used documents to stay within the budget, and counts evictions', async () => {
    const cache = new DocumentCache(1024 * 1024);
    const doc = (i: number) => parse(`{ gateway { version } } # ${i} ${'x'.repeat(200_000)}`);
    for (let i = 0; i < 4; i++) await cache.set(`d${i}`, doc(i));
    expect(cache.evictions).toBe(0);
    await cache.get('d0');
    await cache.set('d4', doc(4));
    await cache.set('d5', doc(5));
    expect(await cache.get('d0')).toBeDefined();
    expect(await cache.get('d1')).toBeUndefined();
    expect(cache.evictions).toBeGreaterThan(0);
    expect(cache.bytes).toBeLessThanOrEqual(1024 * 1024);
  });

  it('does not keep a document larger than a quarter of the budget', async () => {
    const cache = new DocumentCache(1024 * 1024);
    await cache.set('big', parse(`{ gateway { version } } # ${'x'.repeat(300_000)}`));
    expect(await cache.get('big')).toBeUndefined();
    expect(cache.bytes).toBe(0);
  });
});
