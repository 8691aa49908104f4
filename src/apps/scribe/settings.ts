import { appSettings } from '../../config/settings.js';

/** Kensho Scribe's variables (docs/scribe.md, docs/configuration.md). */
export const scribeSettings = appSettings(
  'scribe',
  {
    url: { kind: 'url', variable: 'KENSHO_SCRIBE_URL', default: 'https://scribe.kensho.com', doc: 'Scribe base URL' },
    // Scribe's limit is 1 GB.
    maxFileBytes: { kind: 'int', variable: 'SCRIBE_MAX_FILE_BYTES', default: 1_000_000_000, min: 1, max: 1_000_000_000, unit: 'bytes', doc: 'larger media files are refused with BAD_USER_INPUT before any upstream call' },
    uploadTimeoutMs: { kind: 'int', variable: 'SCRIBE_UPLOAD_TIMEOUT_MS', default: 1_800_000, min: 1_000, max: 3_600_000, unit: 'ms', doc: 'budget for sending one media file (Scribe allows an upload 30 minutes)' },
    // Scribe's guidance: poll with HEAD 2 s or more apart, backing off (UPSTREAMS-MORE §1.4).
    pollInitialMs: { kind: 'int', variable: 'SCRIBE_POLL_INITIAL_MS', default: 2_000, min: 10, max: 60_000, unit: 'ms', doc: 'first delay between status polls (HEAD) of one job, shared by every subscriber' },
    pollMaxMs: { kind: 'int', variable: 'SCRIBE_POLL_MAX_MS', default: 15_000, min: 10, max: 600_000, unit: 'ms', doc: 'longest delay between status polls of one job' },
    maxAwaitSeconds: { kind: 'int', variable: 'SCRIBE_MAX_AWAIT_SECONDS', default: 60, min: 1, max: 3_600, unit: 'seconds', doc: 'longest awaitTranscription wait a client may ask for' },
    // Scribe allows 5 per account; 4 leaves room for network jitter.
    requestsPerSecond: { kind: 'int', variable: 'SCRIBE_REQUESTS_PER_SECOND', default: 4, min: 1, max: 5, unit: 'calls/s', doc: 'calls per second to Scribe from all replicas together' },
    // Scribe would fetch such URLs inside its own network (169.254.169.254 is a cloud metadata service).
    allowPrivateMediaUrls: { kind: 'bool', variable: 'SCRIBE_ALLOW_PRIVATE_MEDIA_URLS', default: false, doc: 'pass media URLs naming loopback, link-local, private or localhost addresses on to Scribe (refused by default: PRIVATE_MEDIA_URL)' },
  },
  (v) => (v.pollMaxMs < v.pollInitialMs ? [`SCRIBE_POLL_MAX_MS: ${v.pollMaxMs} is below SCRIBE_POLL_INITIAL_MS (${v.pollInitialMs})`] : []),
);
