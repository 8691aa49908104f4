import { kenshoAppCredential } from '../../auth/outbound/kensho-app-credential.js';
import { defineUpstreamApp } from '../app.js';
import { NerdClient } from './client.js';
import { NerdJobReaper } from './job-reaper.js';
import { createNerdLoaders } from './loaders.js';

/** Kensho NERD (UPSTREAMS §3): entity recognition and disambiguation. */
export const nerdApp = defineUpstreamApp({
  key: 'nerd',
  name: 'Kensho NERD',
  enumValue: 'NERD',
  scope: 'kensho:app:nerd',
  hint: 'set KENSHO_CLIENT_ID with KENSHO_PRIVATE_KEY_FILE, or KENSHO_NERD_REFRESH_TOKEN, or KENSHO_NERD_ACCESS_TOKEN',
  baseUrl: (config) => config.upstreams.nerdUrl,
  baseUrlVariable: 'KENSHO_NERD_URL',
  credential(config, deps) {
    return kenshoAppCredential(this, config.kensho.nerd, config.upstreams.nerdUrl, this.scope, deps);
  },
  create: ({ http, config, clock, sleep, store, logger, onClose }) => {
    const reaper = new NerdJobReaper({ http, clock, sleep, patienceMs: config.nerd.jobTimeoutMs, initialDelayMs: 200, maxDelayMs: 2_000, logger });
    // Not at drain (a reason given): jobs of the operations still finishing are deleted too.
    onClose((reason) => reason === undefined && reaper.stop());
    return {
      nerd: new NerdClient({
        http,
        asyncThresholdChars: config.nerd.asyncThresholdChars,
        jobTimeoutMs: config.nerd.jobTimeoutMs,
        clock,
        sleep,
        resultCache: config.nerd.resultCacheTtlSeconds > 0 ? { store, ttlMs: config.nerd.resultCacheTtlSeconds * 1000 } : undefined,
        reaper,
        logger,
      }),
    };
  },
  loaders: (sources: { readonly nerd: NerdClient | undefined }, signal) => createNerdLoaders(sources.nerd, signal),
});
