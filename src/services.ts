import type { Logger } from 'pino';
import { boundedCache } from './store/bounded.js';
import { encryptedCache } from './store/encrypted.js';
import type { LeaseStore } from './store/lease.js';
import { storeTimeouts, type StoreTimeouts } from './store/timeouts.js';
import type { CacheStore } from './store/store.js';
import type { Config } from './config/types.js';
import { GatewayError, UpstreamNotConfiguredError, type UpstreamRef } from './errors.js';
import type { CredentialKind, UpstreamStatus } from './generated/resolvers-types.js';
import type { Credential } from './auth/outbound/credential.js';
import { OktaCredential } from './auth/outbound/okta-credential.js';
import { TokenManager, type TokenEvent } from './auth/outbound/token-manager.js';
import { UpstreamHttp } from './upstreams/http.js';
import type { AppServices } from './apps/context.js';
import { UPSTREAM_APPS, appCredential, upstreamApp, type UpstreamApp, type UpstreamParts } from './apps/registry.js';
import { createUpstreamPolicy } from './net/resilience.js';
import { abortableSleep } from './net/sleep.js';
import { sharedBudgetCache, type BudgetClient } from './store/shared-budget.js';
import { Metrics } from './observability/metrics.js';
import { operationStats } from './observability/operation-context.js';
import { createUndiciTransport, withUserAgent, type Transport } from './net/transport.js';
import { Agent } from 'undici';
import { createProxyDispatcher } from './net/proxy.js';

/**
 * Everything the resolvers share: built once per gateway from the frozen config. Besides these,
 * each app of the registry adds its clients (`nerd`, `extract`, `extractWatcher`, `skykit`),
 * undefined while the app is not configured.
 */
export interface GatewayServices extends AppServices {
  readonly config: Config;
  /** The transport every upstream call goes through (proxy, User-Agent). */
  readonly transport: Transport;
  readonly version: string;
  readonly tokens: TokenManager;
  readonly metrics: Metrics;
  /** The shared cache, bounded per call and encrypted when a key is configured. */
  readonly store: CacheStore;
  /** The credential each app uses, or undefined when the app is not configured. */
  readonly credentials: Readonly<Partial<Record<UpstreamApp, Credential>>>;
  /**
   * Ends the apps' background work (job pollers) at the start of a shutdown: the long waits on it
   * fail with `reason` (retryable), and new ones fail at once. Upstream calls keep working.
   */
  drain(reason: Error): void;
  /** Stops background work (job pollers) and the proxy agent. */
  close(): void;
  /** Why `app` cannot be called (for UPSTREAM_NOT_CONFIGURED), or undefined when it can. */
  notConfigured(app: UpstreamApp): string | undefined;
  upstreamStatus(): UpstreamStatus[];
}

export interface ServiceDeps {
  readonly cache: CacheStore;
  /** Cross-replica lease for token fetches (Redis only). */
  readonly lease?: LeaseStore;
  /** The Redis client behind `cache`, when it is Redis (replica-wide upstream rate limits). */
  readonly redis?: unknown;
  readonly logger: Logger;
  /** How upstream HTTP requests are sent; undici's `request` (through config.proxy) by default. */
  readonly transport?: Transport;
  /** Wraps the transport before the User-Agent is added (doctor observes every answer through it). */
  readonly wrapTransport?: (transport: Transport) => Transport;
  readonly clock?: () => number;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly version?: string;
  readonly onTokenEvent?: (event: TokenEvent) => void;
  /** Budgets of the shared store's calls and the token lease (store/timeouts.ts); STORE_TIMEOUTS by default. */
  readonly storeTimeouts?: Partial<StoreTimeouts>;
}

/** Wires credentials, the token manager and the upstream clients from the config. */
export function createServices(config: Config, deps: ServiceDeps): GatewayServices {
  const version = deps.version ?? '0.0.0';
  // One proxy agent (or none) for every upstream call, token endpoints and storage included.
  // The gateway's own undici Agent, never the process-wide global one: on Node 24 that can be
  // the undici bundled with Node (7.29 there), installed by whichever module used fetch first,
  // instead of the version this package pins.
  const dispatcher = deps.transport ? undefined : (createProxyDispatcher(config.proxy) ?? new Agent());
  const base = deps.transport ?? createUndiciTransport({ dispatcher });
  const transport = withUserAgent(deps.wrapTransport ? deps.wrapTransport(base) : base, `kensho-gateway/${version}`);
  const clock = deps.clock ?? Date.now;
  const sleep = deps.sleep ?? abortableSleep;
  const logger = deps.logger;
  // The metrics read the token manager's held tokens lazily, at scrape time.
  const metrics: Metrics = new Metrics(() => tokens.held(), clock);
  // One bounded (and, with a key, encrypted) view of the shared store for every cache user.
  const sealed = config.cacheEncryptionKey ? encryptedCache(deps.cache, config.cacheEncryptionKey) : deps.cache;
  const cacheEvents = {
    onTimeout: (op: string) => {
      metrics.cacheTimeout(op);
      logger.warn({ cache: { op } }, 'cache call timed out; continuing without it');
    },
    onCircuit: (open: boolean) => {
      metrics.cacheCircuit(open);
      logger.warn({ cache: { circuit: open ? 'open' : 'closed' } }, open ? 'cache store failing: using per-process state for a while' : 'cache store back');
    },
  };
  const timeouts = storeTimeouts(deps.storeTimeouts);
  const bounded = boundedCache(sealed, timeouts.cacheCallMs, cacheEvents);
  // In process the store keeps within CACHE_MEMORY_MB itself; Redis is held to CACHE_SHARED_MB here.
  const budgeted = deps.redis
    ? sharedBudgetCache(bounded, deps.redis as BudgetClient, { namespace: config.cacheNamespace, budgetBytes: config.cacheSharedBytes, expansion: config.cacheEncryptionKey ? 4 / 3 : 1, clock, timeoutMs: timeouts.cacheCallMs })
    : undefined;
  if (budgeted) metrics.watchCache('shared', budgeted.usage);
  const store = budgeted ?? bounded;
  // Tokens get a longer budget (and their own breaker): a slow store must still carry one
  // replica's token to the others, and token reads happen about once per token lifetime.
  const tokenStore = boundedCache(sealed, timeouts.tokenStoreMs, { ...cacheEvents, breakOnTimeouts: false });
  const tokens: TokenManager = new TokenManager({
    cache: tokenStore,
    lease: deps.lease,
    leaseMs: timeouts.leaseMs,
    clock,
    sleep,
    renewMarginMs: config.tokens.renewMarginSeconds * 1000,
    backgroundRenewMs: config.tokens.backgroundRenewSeconds * 1000,
    recoveryProbeMs: config.tokens.recoveryProbeMs,
    onEvent: (event) => {
      if (event.type === 'fetch') {
        logger[event.outcome === 'ok' ? 'info' : 'warn']({ token: event }, `token fetch ${event.outcome}`);
      } else if (event.type === 'stale-served') {
        logger.warn({ token: event }, 'token renewal failed; serving the still-valid token');
      }
      metrics.token(event);
      deps.onTokenEvent?.(event);
    },
  });

  const okta = config.kensho.keyPair
    ? new OktaCredential({ keyPair: config.kensho.keyPair, transport, clock, timeoutMs: config.upstreams.timeoutMs })
    : undefined;
  const credentials: Partial<Record<UpstreamApp, Credential>> = {};
  for (const app of UPSTREAM_APPS) {
    const credential = appCredential(app, config, { okta, transport, clock, timeoutMs: config.upstreams.timeoutMs });
    if (credential) credentials[app.key] = credential;
  }

  const http = (app: UpstreamRef & { readonly renewOn403AfterMs?: (config: Config) => number }, baseUrl: string, credential: Credential) =>
    new UpstreamHttp({
      app,
      renewOn403AfterMs: app.renewOn403AfterMs?.(config),
      baseUrl,
      credential,
      tokens,
      transport,
      clock,
      sleep,
      timeoutMs: config.upstreams.timeoutMs,
      maxRetryAfterSeconds: config.upstreams.maxRetryAfterSeconds,
      propagateTrace: config.telemetry.propagateTo.includes(app.key),
      admit: (operation, onBehalfOf) => admitCall(operation, onBehalfOf, config.limits.maxUpstreamCalls),
      onCall: (call, operation) => {
        const stats = operationStats(operation);
        if (stats) stats.upstreamCalls += 1;
        metrics.upstreamCall(call.app, call.endpoint, call.status, call.durationMs / 1000);
        logger.debug({ upstream: call }, 'upstream call');
      },
      onRetry: (retry) => metrics.retry(retry.app, retry.reason),
      policy: createUpstreamPolicy({
        maxAttempts: config.upstreams.retryAttempts,
        initialDelayMs: config.upstreams.retryInitialDelayMs,
        maxDelayMs: 2_000,
        breakerThreshold: config.upstreams.breakerThreshold,
        halfOpenAfterMs: config.upstreams.breakerHalfOpenMs,
        onRetry: () => metrics.retry(app.key, '5xx'),
        onCircuit: (open) => {
          metrics.circuit(app.key, open);
          logger.warn({ upstream: app.key, circuit: open ? 'open' : 'closed' }, open ? 'upstream circuit opened: failing fast' : 'upstream circuit closed');
        },
      }),
    });

  // Each configured app builds its clients; an app without a credential adds nothing, so its
  // parts read undefined and its fields answer UPSTREAM_NOT_CONFIGURED.
  const closers: Array<(reason?: Error) => void> = [];
  const parts: Record<string, unknown> = {};
  const appParts: Partial<Record<UpstreamApp, object>> = {};
  for (const app of UPSTREAM_APPS) {
    const credential = credentials[app.key];
    if (!credential) continue;
    const own = app.create({
      config,
      http: http(app, app.settings.of(config).url, credential),
      clock,
      sleep,
      store,
      redis: deps.redis,
      storeTimeouts: timeouts,
      logger,
      metrics,
      onClose: (stop) => closers.push(stop),
      gauge: (name, help, read) => metrics.gauge(name, help, read),
      counter: (name, help, labelNames) => metrics.counter(name, help, labelNames),
    });
    appParts[app.key] = own;
    Object.assign(parts, own);
  }

  return {
    ...(parts as UpstreamParts),
    appParts,
    config,
    transport,
    version,
    tokens,
    metrics,
    store,
    credentials,
    drain(reason) {
      for (const stop of closers) stop(reason);
    },
    close() {
      for (const stop of closers) stop();
      void dispatcher?.close().catch(() => undefined);
    },
    notConfigured(app) {
      return credentials[app] ? undefined : upstreamApp(app).hint;
    },
    notConfiguredError(app) {
      return new UpstreamNotConfiguredError(upstreamApp(app), upstreamApp(app).hint);
    },
    upstreamStatus() {
      return UPSTREAM_APPS.map((app) => ({
        app: app.enumValue as UpstreamStatus['app'],
        configured: credentials[app.key] !== undefined,
        // The built-in simulator holds real-looking demo credentials; say what they reach.
        credential: config.simulator && credentials[app.key] ? 'SIMULATOR' : credentialKind(credentials[app.key]),
      }));
    },
  };
}

function credentialKind(credential: Credential | undefined): CredentialKind {
  switch (credential?.kind) {
    case 'key-pair':
      return 'KEY_PAIR';
    case 'refresh-token':
      return 'REFRESH_TOKEN';
    case 'access-token':
      return 'ACCESS_TOKEN';
    case 'skykit-jwt':
      return 'SELF_SIGNED_JWT';
    default:
      return 'NONE';
  }
}

/**
 * The per-operation budget of upstream calls, held as calls start: the call that would go past
 * LIMIT_MAX_UPSTREAM_CALLS is refused before it is sent (its field answers
 * TOO_MANY_UPSTREAM_CALLS). The limits refuse beforehand any operation whose priced calls exceed
 * it (graphql/limits.ts); this holds the lists whose length only the upstream knows. A clean-up
 * call made on an operation's behalf (deleting a NERD job) is counted, never refused.
 */
function admitCall(operation: AbortSignal | undefined, onBehalfOf: AbortSignal | undefined, max: number): void {
  const stats = operationStats(operation ?? onBehalfOf);
  if (!stats) return;
  const budget = Math.min(max, stats.maxCalls ?? max);
  if (operation && stats.callsStarted >= budget) {
    throw new GatewayError('TOO_MANY_UPSTREAM_CALLS', `The operation reached its budget of ${budget} upstream calls; ask for fewer items or split the operation`, { extensions: { max: budget } });
  }
  stats.callsStarted += 1;
}
