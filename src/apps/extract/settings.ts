import { appSettings } from '../../config/settings.js';

/** Kensho Extract's variables (docs/configuration.md). */
export const extractSettings = appSettings(
  'extract',
  {
    url: { kind: 'url', variable: 'KENSHO_EXTRACT_URL', default: 'https://extract.kensho.com', doc: 'Extract base URL' },
    // Extract's limit is 100 MB (decimal), not 100 MiB.
    maxFileBytes: { kind: 'int', variable: 'EXTRACT_MAX_FILE_BYTES', default: 100_000_000, min: 1, max: 1024 * 1024 * 1024, unit: 'bytes', doc: 'larger uploads are refused with BAD_USER_INPUT before any upstream call' },
    uploadUrlThresholdBytes: { kind: 'int', variable: 'EXTRACT_UPLOAD_URL_THRESHOLD_BYTES', default: 25 * 1024 * 1024, min: 0, max: 1024 * 1024 * 1024, unit: 'bytes', doc: "files larger than this go through Extract's pre-signed upload-url flow; 0: every file does" },
    uploadTimeoutMs: { kind: 'int', variable: 'EXTRACT_UPLOAD_TIMEOUT_MS', default: 300_000, min: 1_000, max: 3_600_000, unit: 'ms', doc: 'budget for sending one file upstream' },
    pollInitialMs: { kind: 'int', variable: 'EXTRACT_POLL_INITIAL_MS', default: 500, min: 10, max: 60_000, unit: 'ms', doc: 'first delay between status polls of one job (shared by every subscriber)' },
    pollMaxMs: { kind: 'int', variable: 'EXTRACT_POLL_MAX_MS', default: 10_000, min: 10, max: 600_000, unit: 'ms', doc: 'longest delay between status polls of one job' },
    maxAwaitSeconds: { kind: 'int', variable: 'EXTRACT_MAX_AWAIT_SECONDS', default: 60, min: 1, max: 3_600, unit: 'seconds', doc: 'longest awaitExtraction wait a client may ask for' },
    resultCacheBytes: { kind: 'int', variable: 'EXTRACT_RESULT_CACHE_MB', default: 64, min: 0, max: 65_536, unit: 'MB', scale: 1024 * 1024, doc: 'answers of finished jobs kept in process, as Extract sent them; 0 turns it off' },
  },
  (v) => (v.pollMaxMs < v.pollInitialMs ? [`EXTRACT_POLL_MAX_MS: ${v.pollMaxMs} is below EXTRACT_POLL_INITIAL_MS (${v.pollInitialMs})`] : []),
);
