import { appSettings } from '../../config/settings.js';

/** Kensho NERD's variables (docs/configuration.md). */
export const nerdSettings = appSettings('nerd', {
  url: { kind: 'url', variable: 'KENSHO_NERD_URL', default: 'https://nerd.kensho.com', doc: 'NERD base URL' },
  maxTextChars: { kind: 'int', variable: 'NERD_MAX_TEXT_CHARS', default: 100_000, min: 1, max: 100_000_000, unit: 'chars', doc: 'longer texts are refused with BAD_USER_INPUT before any upstream call' },
  asyncThresholdChars: { kind: 'int', variable: 'NERD_ASYNC_THRESHOLD_CHARS', default: 20_000, min: 1, max: 100_000_000, unit: 'chars', doc: "texts longer than this use NERD's async job API instead of the sync call" },
  jobTimeoutMs: { kind: 'int', variable: 'NERD_JOB_TIMEOUT_MS', default: 120_000, min: 100, max: 3_600_000, unit: 'ms', doc: 'how long the gateway waits for an async NERD job before giving up' },
  resultCacheTtlSeconds: { kind: 'int', variable: 'NERD_CACHE_TTL_SECONDS', default: 3600, min: 0, max: 30 * 86_400, unit: 'seconds', doc: 'how long annotation results are cached, by content; 0 turns the cache off' },
  // Named for Extract, its first user; Scribe's transcripts and kFinance's texts batch the same way.
  entitiesBatchChars: { kind: 'int', variable: 'EXTRACT_ENTITIES_BATCH_CHARS', default: 20_000, min: 100, max: 100_000_000, unit: 'chars', doc: 'node and transcript texts per NERD call when a query asks the entities of many texts (split only above it)' },
});
