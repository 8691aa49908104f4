import Keyv from 'keyv';
import KeyvRedis, { createKeyv } from '@keyv/redis';
import type { Logger } from 'pino';
import type { Config } from '../config/types.js';
import { MemoryStore } from './memory.js';

/**
 * The Keyv store shared by the token manager, persisted queries, NERD results and rate limits:
 * Redis when CACHE_URL is set, else in process within CACHE_MEMORY_MB (memory.ts).
 * `connectionTimeout` is required: without it @keyv/redis waits forever on an unreachable Redis
 * (STACK-NOTES trap 6).
 */
export function createCache(config: Pick<Config, 'cacheUrl' | 'cacheNamespace' | 'cacheMemoryBytes'>, logger: Logger): Keyv {
  const kv = config.cacheUrl
    ? createKeyv(config.cacheUrl, { namespace: config.cacheNamespace, connectionTimeout: 1_000, throwOnConnectError: false })
    : new Keyv({ store: new MemoryStore(config.cacheMemoryBytes), namespace: config.cacheNamespace });
  // An unhandled 'error' event would crash the process; a cache fault must not.
  kv.on('error', (error: unknown) => logger.warn({ err: { message: error instanceof Error ? error.message : String(error) } }, 'cache error'));
  return kv;
}

/** The store behind a Keyv (Keyv keeps it in `store`, or in `opts.store` in some versions). */
function storeOf(kv: Keyv): unknown {
  return (kv as unknown as { store?: unknown }).store ?? kv.opts?.store;
}

/** The Redis client behind a Keyv on Redis, for the few raw commands (leases, rate limits). */
export function redisClientOf(kv: Keyv): unknown {
  const store = storeOf(kv);
  return store instanceof KeyvRedis ? store.client : undefined;
}

/** The budgeted in-process store behind a Keyv, for its byte and eviction metrics. */
export function memoryStoreOf(kv: Keyv): MemoryStore | undefined {
  const store = storeOf(kv);
  return store instanceof MemoryStore ? store : undefined;
}
