import { randomUUID } from 'node:crypto';
import { skykitEntities } from './entities.js';
import { SkykitJwtCredential } from './credential.js';
import { defineUpstreamApp } from '../app.js';
import { skykitPricing } from './pricing.js';
import { SkykitClient } from './client.js';
import { skykitDevicesCheck } from './doctor-devices.js';
import { createSkykitLoaders } from './loaders.js';
import { skykitResolvers } from './resolvers.js';
import { skykitSettings } from './settings.js';

/** Skykit (UPSTREAMS §4): digital-signage devices and tenants; no scopes, a self-signed JWT. */
export const skykitApp = defineUpstreamApp({
  key: 'skykit',
  name: 'Skykit',
  enumValue: 'SKYKIT',
  scope: '',
  hint: 'set SKYKIT_ISSUER with SKYKIT_PRIVATE_KEY_FILE',
  settings: skykitSettings,
  credential: (config, deps) => (config.skykit ? new SkykitJwtCredential(config.skykit, deps.clock) : undefined),
  schema: new URL('./schema.graphql', import.meta.url),
  pricing: skykitPricing,
  resolvers: skykitResolvers,
  entities: skykitEntities,
  playground: new URL('./playground.graphql', import.meta.url),
  tools: new URL('./tools/', import.meta.url),
  doctor: {
    // An unknown device: a 400/404 that returns no fleet data.
    probe: () => ({ endpoint: 'doctor.skykit.device', method: 'GET', path: `/sk-api/v1/device?deviceId=doctor-${randomUUID()}`, withToken: true, shown: 'GET /sk-api/v1/device?deviceId=<random>' }),
    checks: [skykitDevicesCheck],
  },
  create: ({ http }) => ({ skykit: new SkykitClient(http) }),
  loaders: (parts, signal) => createSkykitLoaders(parts.skykit, signal),
});
