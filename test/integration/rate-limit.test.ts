import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/store/rate-limit.js';
import { startStack } from '../helpers/stack.js';

describe('RateLimiter', () => {
  it('allows a burst, then refills at the configured rate', () => {
    let now = 0;
    const limiter = new RateLimiter(60, 3, () => now);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 0]);
    expect(limiter.take('a')).toBe(1); // one token a second
    expect(limiter.take('b')).toBe(0); // callers are independent
    now += 1_000;
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(1);
  });

  it('forgets the least recently seen callers beyond its bound', () => {
    const limiter = new RateLimiter(60, 1, () => 0, 2);
    limiter.take('a');
    limiter.take('b');
    limiter.take('c'); // evicts a
    expect(limiter.take('a')).toBe(0); // a starts with a full bucket again
  });
});

describe('per-caller rate limiting over HTTP', () => {
  it('answers 429 RATE_LIMITED with retryAfterSeconds per API-key caller, before any upstream call', async () => {
    const key = (k: string) => createHash('sha256').update(k).digest('hex');
    const stack = await startStack({
      env: {
        RATE_LIMIT_PER_MINUTE: '6',
        RATE_LIMIT_BURST: '2',
        AUTH_MODE: 'api-key',
        API_KEYS: JSON.stringify([
          { name: 'a', sha256: key('kgw_a_0123456789abcdef0123456789'), scopes: ['*'] },
          { name: 'b', sha256: key('kgw_b_0123456789abcdef0123456789'), scopes: ['*'] },
        ]),
      },
    });
    try {
      const q = (k: string) => stack.gql('{ annotateText(text: "Apple") { knowledgeBase } }', undefined, { 'x-api-key': k });
      expect((await q('kgw_a_0123456789abcdef0123456789')).status).toBe(200);
      expect((await q('kgw_a_0123456789abcdef0123456789')).status).toBe(200);
      stack.sim.counters.reset();
      const limited = await q('kgw_a_0123456789abcdef0123456789');
      expect(limited.status).toBe(429);
      // 6 a minute: one token every 10 s, less whatever refilled while the first two ran.
      expect(limited.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
      expect(limited.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThanOrEqual(8);
      expect(limited.errors![0]!.extensions!.retryAfterSeconds).toBeLessThanOrEqual(10);
      expect(stack.sim.counters.log()).toHaveLength(0);
      expect((await q('kgw_b_0123456789abcdef0123456789')).status).toBe(200);
    } finally {
      await stack.close();
    }
  });
});
