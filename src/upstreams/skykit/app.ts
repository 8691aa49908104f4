import { SkykitJwtCredential } from '../../auth/outbound/skykit-credential.js';
import { defineUpstreamApp } from '../app.js';
import { SkykitClient } from './client.js';
import { createSkykitLoaders } from './loaders.js';

/** Skykit (UPSTREAMS §4): digital-signage devices and tenants; no scopes, a self-signed JWT. */
export const skykitApp = defineUpstreamApp({
  key: 'skykit',
  name: 'Skykit',
  enumValue: 'SKYKIT',
  scope: '',
  hint: 'set SKYKIT_ISSUER with SKYKIT_PRIVATE_KEY_FILE',
  baseUrl: (config) => config.upstreams.skykitUrl,
  baseUrlVariable: 'SKYKIT_URL',
  credential: (config, deps) => (config.skykit ? new SkykitJwtCredential(config.skykit, deps.clock) : undefined),
  create: ({ http }) => ({ skykit: new SkykitClient(http) }),
  loaders: (sources: { readonly skykit: SkykitClient | undefined }, signal) => createSkykitLoaders(sources.skykit, signal),
});
