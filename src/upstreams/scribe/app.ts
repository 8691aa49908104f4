import { UpstreamError } from '../../errors.js';
import { kenshoAppCredential } from '../../auth/outbound/kensho-app-credential.js';
import { defineUpstreamApp } from '../app.js';
import { JobWatcher } from '../job-watcher.js';
import { ScribeClient } from './client.js';
import { createScribeLoaders, type ScribeLoaderSources } from './loaders.js';
import { scribeThrottle } from './throttle.js';
import type { TranscriptionState } from './wire.js';

/** Kensho Scribe batch v2 (UPSTREAMS-MORE §1): speech to text, through asynchronous jobs. */
export const scribeApp = defineUpstreamApp({
  key: 'scribe',
  name: 'Kensho Scribe',
  enumValue: 'SCRIBE',
  scope: 'kensho:app:scribe',
  hint: 'set KENSHO_CLIENT_ID with KENSHO_PRIVATE_KEY_FILE, or KENSHO_SCRIBE_REFRESH_TOKEN, or KENSHO_SCRIBE_ACCESS_TOKEN',
  baseUrl: (config) => config.upstreams.scribeUrl,
  baseUrlVariable: 'KENSHO_SCRIBE_URL',
  credential(config, deps) {
    return kenshoAppCredential(this, config.kensho.scribe, config.upstreams.scribeUrl, this.scope, deps);
  },
  create: ({ http, config, sleep, clock, store, redis, metrics, onClose }) => {
    const throttle = scribeThrottle(config.scribe.requestsPerSecond, redis, config.cacheNamespace, sleep, clock);
    const scribe = new ScribeClient({ http, throttle, uploadTimeoutMs: config.scribe.uploadTimeoutMs, clock, store });
    // One HEAD poller per job, whoever waits on it (subscriptions, long polls).
    const scribeWatcher = new JobWatcher<TranscriptionState>({
      read: (id, scope, signal) => scribe.get(id, scope, signal),
      notFound: (id) => new UpstreamError('UPSTREAM_NOT_FOUND', 'scribe', `Kensho Scribe does not know transcription ${id} (unknown, deleted or expired)`, { status: 404, extensions: { endpoint: 'scribe.head' } }),
      pollInitialMs: config.scribe.pollInitialMs,
      pollMaxMs: config.scribe.pollMaxMs,
      sleep,
    });
    metrics.watchScribeJobs(() => scribeWatcher.active);
    onClose((reason) => scribeWatcher.close(reason));
    return { scribe, scribeWatcher };
  },
  loaders: (sources: ScribeLoaderSources, signal) => createScribeLoaders(sources, signal),
});
