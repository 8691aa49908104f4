import { defineUpstreamApp } from '../app.js';
import { nerdEntities } from './entities.js';
import { NerdClient } from './client.js';
import { nerdOffsetsCheck } from './doctor-offsets.js';
import { nerdScopesCheck } from './doctor-scopes.js';
import { NerdJobReaper } from './job-reaper.js';
import { createNerdLoaders } from './loaders.js';
import { nerdResolvers } from './resolvers.js';
import { nerdSettings } from './settings.js';

/** Kensho NERD (UPSTREAMS §3): entity recognition and disambiguation. */
export const nerdApp = defineUpstreamApp({
  key: 'nerd',
  name: 'Kensho NERD',
  enumValue: 'NERD',
  scope: 'kensho:app:nerd',
  hint: 'set KENSHO_CLIENT_ID with KENSHO_PRIVATE_KEY_FILE, or KENSHO_NERD_REFRESH_TOKEN, or KENSHO_NERD_ACCESS_TOKEN',
  settings: nerdSettings,
  schema: new URL('./schema.graphql', import.meta.url),
  resolvers: nerdResolvers,
  entities: nerdEntities,
  playground: new URL('./playground.graphql', import.meta.url),
  tools: new URL('./tools/', import.meta.url),
  doctor: {
    probe: () => ({
      endpoint: 'doctor.nerd.me',
      method: 'GET',
      path: '/me',
      withToken: true,
      shown: 'GET /me',
      // NERD answers 400 to an empty body where its annotate path exists, and does no work: a 404
      // there too means nothing of its API is under the base URL.
      alsoNotFound: { endpoint: 'doctor.nerd.annotations-sync', method: 'POST', path: `/api/v1/annotations-sync`, json: {}, withToken: true },
    }),
    checks: [nerdScopesCheck, nerdOffsetsCheck],
  },
  create: ({ http, config, clock, sleep, store, logger, onClose }) => {
    const settings = nerdSettings.of(config);
    const reaper = new NerdJobReaper({ http, clock, sleep, patienceMs: settings.jobTimeoutMs, initialDelayMs: 200, maxDelayMs: 2_000, logger });
    // Not at drain (a reason given): jobs of the operations still finishing are deleted too.
    onClose((reason) => reason === undefined && reaper.stop());
    return {
      nerd: new NerdClient({
        http,
        asyncThresholdChars: settings.asyncThresholdChars,
        jobTimeoutMs: settings.jobTimeoutMs,
        clock,
        sleep,
        resultCache: settings.resultCacheTtlSeconds > 0 ? { store, ttlMs: settings.resultCacheTtlSeconds * 1000 } : undefined,
        reaper,
        logger,
      }),
    };
  },
  loaders: (parts, signal, config) => createNerdLoaders(parts.nerd, signal, nerdSettings.of(config).entitiesBatchChars),
});

