import type { GatewayServices } from './services.js';
import { UPSTREAM_APPS, type UpstreamLoaders } from './upstreams/registry.js';

/** The per-operation loaders: every app's, side by side (`annotate`, `extraction`, …). */
export type Loaders = UpstreamLoaders;

/**
 * Builds a fresh set of loaders for one operation, so memoised results never cross callers or
 * scopes. Each app builds its own from the services (`upstreams/<app>/loaders.ts`).
 */
export function createLoaders(services: GatewayServices, signal?: AbortSignal): Loaders {
  return Object.assign({}, ...UPSTREAM_APPS.map((app) => app.loaders(services, signal))) as Loaders;
}
