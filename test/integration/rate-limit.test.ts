import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/store/rate-limit.js';
import { manualClock } from '../helpers/manual-clock.js';
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
    // The limiter's window runs on this clock: nothing refills while the requests run.
    const clock = manualClock();
    const stack = await startStack({
      clock,
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
      // 6 a minute: one token every 10 s.
      expect(limited.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 10 });
      expect(stack.sim.counters.log()).toHaveLength(0);
      expect((await q('kgw_b_0123456789abcdef0123456789')).status).toBe(200);
      // One token back after 9 s is not yet a whole one; after 10 s it is.
      await clock.advance(9_000);
      expect((await q('kgw_a_0123456789abcdef0123456789')).errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 1 });
      await clock.advance(1_000);
      expect((await q('kgw_a_0123456789abcdef0123456789')).status).toBe(200);
    } finally {
      await stack.close();
    }
  });
});
