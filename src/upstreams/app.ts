import type { Logger } from 'pino';
import type { Credential } from '../auth/outbound/credential.js';
import type { CredentialDeps } from '../auth/outbound/kensho-app-credential.js';
import type { CacheStore } from '../store/store.js';
import type { Config } from '../config/types.js';
import type { UpstreamRef } from '../errors.js';
import type { Metrics } from '../observability/metrics.js';
import type { UpstreamHttp } from './http.js';

/** What the gateway hands every configured app to build its client from. */
export interface AppWiring {
  readonly config: Config;
  /** The app's own upstream HTTP helper: its base URL, credential, retries and breaker. */
  readonly http: UpstreamHttp;
  readonly clock: () => number;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** The shared cache, bounded per call and encrypted when a key is configured. */
  readonly store: CacheStore;
  /** The Redis client behind the shared cache, when it is Redis: state shared by every replica (upstream rate limits). */
  readonly redis: unknown;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /**
   * Registers background work to stop when the gateway drains (with the retryable reason that
   * ends the long waits on it) and again when it closes (without one).
   */
  onClose(stop: (reason?: Error) => void): void;
}

/**
 * Everything the gateway knows about one upstream app, in one place: its names, its scope, how
 * to get its credential, how to build its client and its per-request loaders. The registry
 * (`registry.ts`) lists these; nothing else restates the apps.
 *
 * `Parts` is what the app adds to the services (e.g. `{ nerd: NerdClient }`), `Sources` what its
 * loaders read from the services (its own parts, another app's, the config), `Loaders` the
 * DataLoaders it adds to every request.
 */
export interface UpstreamAppDefinition<Key extends string, Parts extends object, Sources extends object, Loaders extends object> extends UpstreamRef {
  /** Stable id: `extensions.upstream`, metric labels, credential ids ("nerd"). */
  readonly key: Key;
  /** Human name in messages ("Kensho NERD"). */
  readonly name: string;
  /** The app's value of the GraphQL `UpstreamApp` enum, as `@upstream(app:)` names it ("NERD"). */
  readonly enumValue: string;
  /** The OAuth scope its tokens need (Kensho apps); '' where the app has no scopes (Skykit). */
  readonly scope: string;
  /**
   * For an app that answers 403 to expired tokens as well as to refusals: how old (ms) a token
   * must be before a 403 renews it (once per token). Unset: a 403 never renews.
   */
  readonly renewOn403AfterMs?: (config: Config) => number;
  /** What to configure when the app has no credential (UPSTREAM_NOT_CONFIGURED). */
  readonly hint: string;
  /** The app's base URL from the config. */
  baseUrl(config: Config): string;
  /** The environment variable that sets it (doctor names it in its fixes). */
  readonly baseUrlVariable: string;
  /** The credential the config names for this app, or undefined when none is configured. */
  credential(config: Config, deps: CredentialDeps): Credential | undefined;
  /** Builds the app's client (and any background helper) once per gateway. */
  create(wiring: AppWiring): Parts;
  /** The app's DataLoaders for one operation; `sources` may lack any app that is not configured. */
  loaders(sources: Sources, signal?: AbortSignal): Loaders;
}

/** Types an app definition, inferring its key, parts, sources and loaders from the literal. */
export function defineUpstreamApp<Key extends string, Parts extends object, Sources extends object, Loaders extends object>(
  definition: UpstreamAppDefinition<Key, Parts, Sources, Loaders>,
): UpstreamAppDefinition<Key, Parts, Sources, Loaders> {
  return Object.freeze(definition);
}
