import type { Logger } from 'pino';
import type { Credential } from '../auth/outbound/credential.js';
import type { CredentialDeps } from '../auth/outbound/kensho-app-credential.js';
import type { RefreshWire } from '../auth/outbound/refresh-credential.js';
import type { CacheStore } from '../store/store.js';
import type { StoreTimeouts } from '../store/timeouts.js';
import type { Config } from '../config/types.js';
import type { AnyAppSettings } from '../config/settings.js';
import type { UpstreamRef } from '../errors.js';
import type { Metrics } from '../observability/metrics.js';
import type { UpstreamHttp } from '../upstreams/http.js';
import type { Resolvers } from '../generated/resolvers-types.js';
import type { AppDoctor } from './doctor.js';
import type { AppPricing } from './pricing.js';
import type { AppEntities } from './entities.js';

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
  /** Budgets of the shared store's calls (store/timeouts.ts): a shared bucket that does not answer in time falls back to this process's. */
  readonly storeTimeouts: StoreTimeouts;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /**
   * Registers background work to stop when the gateway drains (with the retryable reason that
   * ends the long waits on it) and again when it closes (without one).
   */
  onClose(stop: (reason?: Error) => void): void;
  /**
   * Reports a number read at scrape time as a gauge (`gateway_<name>`): jobs an app polls right
   * now, for example.
   */
  gauge(name: string, help: string, read: () => number): void;
  /** A counter `gateway_<name>` the app increments, labelled by `labelNames`. */
  counter<L extends string>(name: string, help: string, labelNames: readonly L[]): (labels: Readonly<Record<L, string>>, value?: number) => void;
}

/**
 * Everything the gateway knows about one upstream app, in one place (`src/apps/<app>/app.ts`):
 * its names, scope, credential, configuration table, schema, resolvers, client, per-request
 * loaders, doctor checks and playground tab. The registry (`registry.ts`) lists these, and every
 * list of apps is derived from it.
 *
 * `Parts` is what the app adds to the services (e.g. `{ nerd: NerdClient }`), `Loaders` the
 * DataLoaders it adds to every request.
 */
export interface UpstreamAppDefinition<Key extends string, Parts extends object, Loaders extends object> extends UpstreamRef {
  /** Stable id: `extensions.upstream`, metric labels, credential ids ("nerd"). */
  readonly key: Key;
  /** Human name in messages ("Kensho NERD"). */
  readonly name: string;
  /** The app's value of the GraphQL `UpstreamApp` enum, as `@upstream(app:)` names it ("NERD"). */
  readonly enumValue: string;
  /** The OAuth scope its tokens need (Kensho apps); '' where the app has no scopes (Skykit). */
  readonly scope: string;
  /** Its configuration: the variables with default, range, unit and doc; `url` is its base URL. */
  readonly settings: AnyAppSettings;
  /**
   * For an app that answers 403 to expired tokens as well as to refusals: how old (ms) a token
   * must be before a 403 renews it (once per token). Unset: a 403 never renews.
   */
  readonly renewOn403AfterMs?: (config: Config) => number;
  /** What to configure when the app has no credential (UPSTREAM_NOT_CONFIGURED). */
  readonly hint: string;
  /**
   * The credential the config names for this app, or undefined when none is configured. Unset for
   * a Kensho app: the key pair, the app's refresh token or its pasted access token, in that
   * precedence (docs/configuration.md), refreshed the way `refreshWire` says.
   */
  readonly credential?: (config: Config, deps: CredentialDeps) => Credential | undefined;
  /** How a Kensho app's refresh endpoint names its parameter and answer (UPSTREAMS §1.2); snake_case by default. */
  readonly refreshWire?: RefreshWire;
  /** The app's SDL (`schema.graphql` beside its definition). */
  readonly schema: URL;
  /** What its fields cost in upstream calls beyond one per `@upstream` field (the limits price operations with it). */
  readonly pricing?: AppPricing;
  /** Its resolvers, merged with every other app's. */
  readonly resolvers: Resolvers;
  /**
   * The types it serves as Federation 2 entities (GRAPHQL_FEDERATION=true): each one's `@key`,
   * its reference resolver through the app's loaders, and what a reference load costs
   * (`src/apps/<app>/entities.ts`, docs/federation.md).
   */
  readonly entities?: AppEntities;
  /** Its playground tab (a commented GraphQL document), if it has one a click can run. */
  readonly playground?: URL;
  /**
   * Its MCP tools: a folder of `.graphql` files, one operation each, described by their leading
   * comment (docs/mcp.md). Every tool is checked against the schema at startup.
   */
  readonly tools?: URL;
  /**
   * Entitlements its account holds beyond its OAuth scope (kFinance's `/users/permissions`): the
   * fields that need one (by `Type.field`, any one of the listed names), and how to read what the
   * account holds. MCP hides the tools the account cannot use.
   */
  readonly entitlements?: {
    readonly fields: Readonly<Record<string, readonly string[]>>;
    granted(parts: NoInfer<Parts>, signal?: AbortSignal): Promise<ReadonlySet<string>>;
  };
  /** The largest file one of its fields accepts in a multipart upload (bytes), if it takes uploads. */
  readonly maxUploadBytes?: (config: Config) => number;
  /** What `kensho-gateway doctor` checks of it beyond its credential and token. */
  readonly doctor: AppDoctor;
  /** Builds the app's client (and any background helper) once per gateway. */
  create(wiring: AppWiring): Parts;
  /** The app's DataLoaders for one operation, built only while the app is configured. */
  loaders(parts: NoInfer<Parts>, signal: AbortSignal | undefined, config: Config): Loaders;
}

/** Types an app definition, inferring its key, parts and loaders from the literal. */
export function defineUpstreamApp<Key extends string, Parts extends object, Loaders extends object>(
  definition: UpstreamAppDefinition<Key, Parts, Loaders>,
): UpstreamAppDefinition<Key, Parts, Loaders> {
  return Object.freeze(definition);
}
