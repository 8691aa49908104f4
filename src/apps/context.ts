import type { Logger } from 'pino';
import type { Caller } from '../auth/inbound/caller.js';
import type { Config } from '../config/types.js';
import type { UpstreamStatus } from '../generated/resolvers-types.js';
import type { Metrics } from '../observability/metrics.js';
import type { AppDefinition, UpstreamApp, UpstreamLoaders, UpstreamParts } from './registry.js';

/** What the apps' resolvers read of the gateway's services (the gateway holds more). */
export interface AppServices extends UpstreamParts {
  readonly config: Config;
  readonly metrics: Metrics;
  readonly version: string;
  /** Each configured app's clients, by app key; an app without a credential has none. */
  readonly appParts: Readonly<Partial<Record<UpstreamApp, object>>>;
  /** Why `app` cannot be called (for UPSTREAM_NOT_CONFIGURED), or undefined when it can. */
  notConfigured(app: UpstreamApp): string | undefined;
  /** The UPSTREAM_NOT_CONFIGURED error for `app`, naming what to configure. */
  notConfiguredError(app: UpstreamApp): Error;
  upstreamStatus(): UpstreamStatus[];
}

/**
 * What every resolver gets, built once per GraphQL operation: the part of the gateway's context
 * an app may use, so app folders depend on this and not on the gateway's composition root.
 */
export interface AppContext {
  /** Correlates logs and errors of one operation (echoed as `x-request-id`). */
  readonly requestId: string;
  /** Who is calling (authenticated before the operation runs). */
  readonly caller: Caller;
  readonly services: AppServices;
  /** DataLoaders created per operation, so memoised results never cross callers or scopes. */
  readonly loaders: UpstreamLoaders;
  readonly logger: Logger;
  /** Aborted when the client goes away (HTTP); long waits and uploads stop with it. */
  readonly signal?: AbortSignal;
}

/** The clients `app` adds to the services. */
export type AppParts<K extends UpstreamApp> = ReturnType<Extract<AppDefinition, { readonly key: K }>['create']>;

/**
 * The clients of `app`, which its fields may use: the `@upstream` guard has refused the field
 * already when the app is not configured, so this is the one place that says so for any other
 * path (a field without the directive, a loader of another app).
 */
export function appClients<K extends UpstreamApp>(services: AppServices, app: K): AppParts<K> {
  const parts = services.appParts[app];
  if (parts) return parts as AppParts<K>;
  throw services.notConfiguredError(app);
}
