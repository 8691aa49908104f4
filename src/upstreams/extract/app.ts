import { kenshoAppCredential } from '../../auth/outbound/kensho-app-credential.js';
import { defineUpstreamApp } from '../app.js';
import { ExtractClient } from './client.js';
import { createExtractLoaders, type ExtractLoaderSources } from './loaders.js';
import { ExtractionWatcher } from './watcher.js';

/** Kensho Extract (UPSTREAMS §2): PDF to structured document, through asynchronous jobs. */
export const extractApp = defineUpstreamApp({
  key: 'extract',
  name: 'Kensho Extract',
  enumValue: 'EXTRACT',
  scope: 'kensho:app:extract',
  hint: 'set KENSHO_CLIENT_ID with KENSHO_PRIVATE_KEY_FILE, or KENSHO_EXTRACT_REFRESH_TOKEN, or KENSHO_EXTRACT_ACCESS_TOKEN',
  baseUrl: (config) => config.upstreams.extractUrl,
  baseUrlVariable: 'KENSHO_EXTRACT_URL',
  credential(config, deps) {
    return kenshoAppCredential(this, config.kensho.extract, config.upstreams.extractUrl, this.scope, deps);
  },
  create: ({ http, config, sleep, metrics, onClose }) => {
    const extract = new ExtractClient({
      http,
      uploadUrlThresholdBytes: config.extract.uploadUrlThresholdBytes,
      uploadTimeoutMs: config.extract.uploadTimeoutMs,
      resultCacheBytes: config.extract.resultCacheBytes,
    });
    // Shared pollers of extraction jobs (subscriptions, long polls), stopped with the gateway.
    const extractWatcher = new ExtractionWatcher({ client: extract, pollInitialMs: config.extract.pollInitialMs, pollMaxMs: config.extract.pollMaxMs, sleep });
    metrics.watchExtractJobs(() => extractWatcher.active);
    onClose((reason) => extractWatcher.close(reason));
    return { extract, extractWatcher };
  },
  loaders: (sources: ExtractLoaderSources, signal) => createExtractLoaders(sources, signal),
});
