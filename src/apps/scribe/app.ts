import { randomUUID } from 'node:crypto';
import { UpstreamError } from '../../errors.js';
import { JobWatcher } from '../../upstreams/job-watcher.js';
import { defineUpstreamApp } from '../app.js';
import { scribePricing } from './pricing.js';
import { ScribeClient } from './client.js';
import { createScribeLoaders } from './loaders.js';
import { scribeResolvers } from './resolvers.js';
import { scribeSettings } from './settings.js';
import { scribeThrottle } from './throttle.js';
import type { TranscriptionState } from './wire.js';

/** Kensho Scribe batch v2 (UPSTREAMS-MORE §1): speech to text, through asynchronous jobs. */
export const scribeApp = defineUpstreamApp({
  key: 'scribe',
  name: 'Kensho Scribe',
  enumValue: 'SCRIBE',
  scope: 'kensho:app:scribe',
  hint: 'set KENSHO_CLIENT_ID with KENSHO_PRIVATE_KEY_FILE, or KENSHO_SCRIBE_REFRESH_TOKEN, or KENSHO_SCRIBE_ACCESS_TOKEN',
  settings: scribeSettings,
  schema: new URL('./schema.graphql', import.meta.url),
  pricing: scribePricing,
  resolvers: scribeResolvers,
  playground: new URL('./playground.graphql', import.meta.url),
  tools: new URL('./tools/', import.meta.url),
  maxUploadBytes: (config) => scribeSettings.of(config).maxFileBytes,
  doctor: {
    // An unknown transcription: a 404 (GET, not HEAD: a 404 body says more).
    probe: () => ({ endpoint: 'doctor.scribe.get', method: 'GET', path: `/api/v2/transcription/${randomUUID().replace(/-/g, '')}`, withToken: true, shown: 'GET /api/v2/transcription/<random id>' }),
  },
  create: ({ http, config, sleep, clock, store, redis, storeTimeouts, gauge, onClose }) => {
    const settings = scribeSettings.of(config);
    const throttle = scribeThrottle(settings.requestsPerSecond, redis, config.cacheNamespace, sleep, clock, storeTimeouts.cacheCallMs);
    const scribe = new ScribeClient({ http, throttle, uploadTimeoutMs: settings.uploadTimeoutMs, clock, store });
    // One HEAD poller per job, whoever waits on it (subscriptions, long polls).
    const scribeWatcher = new JobWatcher<TranscriptionState>({
      read: (id, scope, signal) => scribe.get(id, scope, signal),
      notFound: (id) => new UpstreamError('UPSTREAM_NOT_FOUND', 'scribe', `Kensho Scribe does not know transcription ${id} (unknown, deleted or expired)`, { status: 404, extensions: { endpoint: 'scribe.head' } }),
      pollInitialMs: settings.pollInitialMs,
      pollMaxMs: settings.pollMaxMs,
      sleep,
    });
    gauge('scribe_jobs_watched', 'Scribe transcriptions polled right now for subscriptions and long polls (one poller per job)', () => scribeWatcher.active);
    onClose((reason) => scribeWatcher.close(reason));
    return { scribe, scribeWatcher };
  },
  loaders: (parts, signal) => createScribeLoaders(parts.scribe, signal),
});
