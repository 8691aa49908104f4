import { randomUUID } from 'node:crypto';
import { defineUpstreamApp } from '../app.js';
import { extractPricing } from './pricing.js';
import { ExtractClient } from './client.js';
import { extractVersionCheck } from './doctor-version.js';
import { createExtractLoaders } from './loaders.js';
import { extractResolvers } from './resolvers.js';
import { extractSettings } from './settings.js';
import { ExtractionWatcher } from './watcher.js';

/** Kensho Extract (UPSTREAMS §2): PDF to structured document, through asynchronous jobs. */
export const extractApp = defineUpstreamApp({
  key: 'extract',
  name: 'Kensho Extract',
  enumValue: 'EXTRACT',
  scope: 'kensho:app:extract',
  hint: 'set KENSHO_CLIENT_ID with KENSHO_PRIVATE_KEY_FILE, or KENSHO_EXTRACT_REFRESH_TOKEN, or KENSHO_EXTRACT_ACCESS_TOKEN',
  settings: extractSettings,
  schema: new URL('./schema.graphql', import.meta.url),
  pricing: extractPricing,
  resolvers: extractResolvers,
  playground: new URL('./playground.graphql', import.meta.url),
  maxUploadBytes: (config) => extractSettings.of(config).maxFileBytes,
  doctor: {
    probe: () => ({ endpoint: 'doctor.extract.get', method: 'GET', path: `/v3/extractions/${randomUUID()}`, withToken: true, shown: 'GET /v3/extractions/<random id>' }),
    checks: [extractVersionCheck],
  },
  create: ({ http, config, clock, sleep, gauge, onClose }) => {
    const settings = extractSettings.of(config);
    const extract = new ExtractClient({
      http,
      uploadUrlThresholdBytes: settings.uploadUrlThresholdBytes,
      uploadTimeoutMs: settings.uploadTimeoutMs,
      resultCacheBytes: settings.resultCacheBytes,
      clock,
    });
    // Shared pollers of extraction jobs (subscriptions, long polls), stopped with the gateway.
    const extractWatcher = new ExtractionWatcher({ client: extract, pollInitialMs: settings.pollInitialMs, pollMaxMs: settings.pollMaxMs, sleep });
    gauge('extract_jobs_watched', 'Extraction jobs polled right now for subscriptions and long polls (one poller per job)', () => extractWatcher.active);
    onClose((reason) => extractWatcher.close(reason));
    return { extract, extractWatcher };
  },
  loaders: (parts, signal) => createExtractLoaders(parts.extract, signal),
});
