import Keyv from 'keyv';
import { createKeyv } from '@keyv/redis';
import type { Logger } from 'pino';
import type { Config } from './config/types.js';

/**
 * The Keyv store shared by the token manager (and later persisted queries and NERD results):
 * in process by default, Redis when CACHE_URL is set. `connectionTimeout` is required: without
 * it @keyv/redis waits forever on an unreachable Redis (STACK-NOTES trap 6).
 */
export function createCache(config: Config, logger: Logger): Keyv {
  const kv = config.cacheUrl
    ? createKeyv(config.cacheUrl, { namespace: config.cacheNamespace, connectionTimeout: 1_000, throwOnConnectError: false })
    : new Keyv({ namespace: config.cacheNamespace });
  // An unhandled 'error' event would crash the process; a cache fault must not.
  kv.on('error', (error: unknown) => logger.warn({ err: { message: error instanceof Error ? error.message : String(error) } }, 'cache error'));
  return kv;
}
