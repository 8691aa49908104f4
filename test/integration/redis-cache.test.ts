import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDIS_SERVER, startRedis, type RedisProcess } from '../helpers/redis.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { loadConfig } from '../../src/config/load.js';
import { createGateway } from '../../src/gateway.js';
import { createLogger } from '../../src/logger.js';
import { serve } from '../../src/server/http.js';

if (!REDIS_SERVER) console.warn('[skip] Redis cache tests: redis-server is not installed');

const QUERY = '{ annotateText(text: "Apple and Nvidia") { knowledgeBase } }';

describe.skipIf(!REDIS_SERVER)('CACHE_URL=redis://… (tokens in Redis)', () => {
  let redis: RedisProcess;
  let stack: Stack;
  beforeAll(async () => {
    redis = await startRedis();
    stack = await startStack({ env: { CACHE_URL: redis.url } });
  });
  afterAll(async () => {
    await stack?.close();
    await redis?.stop();
  });

  it('stores the token in Redis, where a second gateway finds it instead of asking Okta again', async () => {
    expect((await stack.gql(QUERY)).errors).toBeUndefined();
    expect(stack.sim.counters.tokenRequests()).toBe(1);

    // A second replica: same credentials and Redis, its own process state.
    const config = loadConfig(stackEnv(stack, redis.url));
    const second = createGateway(config, { logger: createLogger('silent') });
    const server = await serve(second, { host: '127.0.0.1', port: 0 });
    try {
      const res = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: QUERY }) });
      expect(((await res.json()) as { errors?: unknown }).errors).toBeUndefined();
      expect(stack.sim.counters.tokenRequests()).toBe(1);
      expect(stack.sim.counters.calls('nerd.annotations-sync')).toBe(2);
    } finally {
      await server.close(500);
    }
  });

  it('reports not ready while Redis is down, and ready again when it returns', async () => {
    await redis.stop();
    const down = await fetch(`${stack.url}/readyz`);
    expect(down.status).toBe(503);
    expect(((await down.json()) as { checks: { cache: { ok: boolean } } }).checks.cache.ok).toBe(false);
    // Queries keep working without the cache (a new token is fetched; it cannot be shared).
    const during = await stack.gql(QUERY);
    expect(during.errors).toBeUndefined();
    await redis.restart();
    await expect.poll(async () => (await fetch(`${stack.url}/readyz`)).status, { timeout: 15_000, interval: 250 }).toBe(200);
  });
});

/** The environment the stack's gateway was configured with (same simulator and credentials). */
function stackEnv(stack: Stack, cacheUrl: string): Record<string, string> {
  return { ...stack.env, CACHE_URL: cacheUrl, LOG_LEVEL: 'silent' };
}
