import type { Logger } from 'pino';
import { boundedCache } from './store/bounded.js';
import { encryptedCache } from './store/encrypted.js';
import { TOKEN_STORE_TIMEOUT_MS, type LeaseStore } from './store/lease.js';
import type { CacheStore } from './store/store.js';
import type { Config, KenshoAppCredential } from './config/types.js';
import type { UpstreamApp } from './errors.js';
import type { CredentialKind, UpstreamStatus } from './generated/resolvers-types.js';
import { AccessTokenCredential } from './auth/outbound/access-token-credential.js';
import { KENSHO_SCOPES, type Credential } from './auth/outbound/credential.js';
import { OktaCredential } from './auth/outbound/okta-credential.js';
import { RefreshTokenCredential } from './auth/outbound/refresh-credential.js';
import { SkykitJwtCredential } from './auth/outbound/skykit-credential.js';
import { TokenManager, type TokenEvent } from './auth/outbound/token-manager.js';
import { UpstreamHttp, abortableSleep } from './upstreams/http.js';
import { createUpstreamPolicy } from './upstreams/resilience.js';
import { NerdClient } from './upstreams/nerd/client.js';
import { SkykitClient } from './upstreams/skykit/client.js';
import { ExtractClient } from './upstreams/extract/client.js';
import { ExtractionWatcher } from './upstreams/extract/watcher.js';
import { Metrics } from './observability/metrics.js';
import { operationContext } from './observability/operation-context.js';
import { createUndiciTransport, withUserAgent, type Transport } from './upstreams/transport.js';
import { createProxyDispatcher } from './upstreams/proxy.js';

/** Everything the resolvers share: built once per gateway from the frozen config. */
export interface GatewayServices {
  readonly config: Config;
  readonly version: string;
  readonly tokens: TokenManager;
  readonly metrics: Metrics;
  /** The shared cache, bounded per call and encrypted when a key is configured. */
  readonly store: CacheStore;
  /** The credential each app uses, or undefined when the app is not configured. */
  readonly credentials: Readonly<Partial<Record<UpstreamApp, Credential>>>;
  readonly nerd: NerdClient | undefined;
  readonly skykit: SkykitClient | undefined;
  readonly extract: ExtractClient | undefined;
  /** Shared pollers of extraction jobs (subscriptions, long polls); undefined without Extract. */
  readonly extractWatcher: ExtractionWatcher | undefined;
  /** Stops background work (job pollers). */
  close(): void;
  /** Why `app` cannot be called (for UPSTREAM_NOT_CONFIGURED), or undefined when it can. */
  notConfigured(app: UpstreamApp): string | undefined;
  upstreamStatus(): UpstreamStatus[];
}

export interface ServiceDeps {
  readonly cache: CacheStore;
  /** Cross-replica lease for token fetches (Redis only). */
  readonly lease?: LeaseStore;
  readonly logger: Logger;
  /** How upstream HTTP requests are sent; undici's `request` (through config.proxy) by default. */
  readonly transport?: Transport;
  readonly clock?: () => number;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly version?: string;
  readonly onTokenEvent?: (event: TokenEvent) => void;
}

const HINTS: Record<UpstreamApp, string> = {
  nerd: 'set KENSHO_CLIENT_ID with KENSHO_PRIVATE_KEY_FILE, or KENSHO_NERD_REFRESH_TOKEN, or KENSHO_NERD_ACCESS_TOKEN',
  extract: 'set KENSHO_CLIENT_ID with KENSHO_PRIVATE_KEY_FILE, or KENSHO_EXTRACT_REFRESH_TOKEN, or KENSHO_EXTRACT_ACCESS_TOKEN',
  skykit: 'set SKYKIT_ISSUER with SKYKIT_PRIVATE_KEY_FILE',
};

/** Wires credentials, the token manager and the upstream clients from the config. */
export function createServices(config: Config, deps: ServiceDeps): GatewayServices {
  const version = deps.version ?? '0.0.0';
  // One proxy agent (or none) for every upstream call, token endpoints and storage included.
  const dispatcher = deps.transport ? undefined : createProxyDispatcher(config.proxy);
  const transport = withUserAgent(deps.transport ?? createUndiciTransport({ dispatcher }), `kensho-gateway/${version}`);
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
  const store = boundedCache(sealed, undefined, cacheEvents);
  // Tokens get a longer budget (and their own breaker): a slow store must still carry one
  // replica's token to the others, and token reads happen about once per token lifetime.
  const tokenStore = boundedCache(sealed, TOKEN_STORE_TIMEOUT_MS, cacheEvents);
  const tokens: TokenManager = new TokenManager({
    cache: tokenStore,
    lease: deps.lease,
    clock,
    sleep,
    renewMarginMs: config.tokens.renewMarginSeconds * 1000,
    backgroundRenewMs: config.tokens.backgroundRenewSeconds * 1000,
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
  const kensho = (app: 'nerd' | 'extract', setting: KenshoAppCredential, baseUrl: string): Credential | undefined => {
    switch (setting.kind) {
      case 'key-pair':
        return okta;
      case 'refresh-token':
        return new RefreshTokenCredential({ app, baseUrl, refreshToken: setting.refreshToken, scope: KENSHO_SCOPES[app], transport, clock, timeoutMs: config.upstreams.timeoutMs });
      case 'access-token':
        return new AccessTokenCredential(app, setting.accessToken, clock);
      case 'none':
        return undefined;
    }
  };
  const credentials: Partial<Record<UpstreamApp, Credential>> = {
    nerd: kensho('nerd', config.kensho.nerd, config.upstreams.nerdUrl),
    extract: kensho('extract', config.kensho.extract, config.upstreams.extractUrl),
    skykit: config.skykit ? new SkykitJwtCredential(config.skykit, clock) : undefined,
  };

  const http = (app: UpstreamApp, baseUrl: string, credential: Credential) =>
    new UpstreamHttp({
      app,
      baseUrl,
      credential,
      tokens,
      transport,
      clock,
      sleep,
      timeoutMs: config.upstreams.timeoutMs,
      maxRetryAfterSeconds: config.nerd.maxRetryAfterSeconds,
      onCall: (call) => {
        const stats = operationContext.getStore();
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
        onRetry: () => metrics.retry(app, '5xx'),
        onCircuit: (open) => {
          metrics.circuit(app, open);
          logger.warn({ upstream: app, circuit: open ? 'open' : 'closed' }, open ? 'upstream circuit opened: failing fast' : 'upstream circuit closed');
        },
      }),
    });

  const nerd = credentials.nerd
    ? new NerdClient({
        http: http('nerd', config.upstreams.nerdUrl, credentials.nerd),
        asyncThresholdChars: config.nerd.asyncThresholdChars,
        jobTimeoutMs: config.nerd.jobTimeoutMs,
        clock,
        sleep,
        resultCache: config.nerd.resultCacheTtlSeconds > 0 ? { store, ttlMs: config.nerd.resultCacheTtlSeconds * 1000 } : undefined,
        logger,
      })
    : undefined;

  const skykit = credentials.skykit ? new SkykitClient(http('skykit', config.upstreams.skykitUrl, credentials.skykit)) : undefined;

  const extract = credentials.extract
    ? new ExtractClient({
        http: http('extract', config.upstreams.extractUrl, credentials.extract),
        uploadUrlThresholdBytes: config.extract.uploadUrlThresholdBytes,
        uploadTimeoutMs: config.extract.uploadTimeoutMs,
        resultCacheBytes: config.extract.resultCacheBytes,
      })
    : undefined;
  const extractWatcher = extract
    ? new ExtractionWatcher({ client: extract, pollInitialMs: config.extract.pollInitialMs, pollMaxMs: config.extract.pollMaxMs, sleep })
    : undefined;
  if (extractWatcher) metrics.watchExtractJobs(() => extractWatcher.active);
  if (extract) metrics.watchCache('extract', extract.resultCache);

  const implemented: Record<UpstreamApp, boolean> = { nerd: true, extract: true, skykit: true };
  return {
    config,
    version,
    tokens,
    metrics,
    store,
    credentials,
    nerd,
    skykit,
    extract,
    extractWatcher,
    close() {
      extractWatcher?.close();
      void dispatcher?.close().catch(() => undefined);
    },
    notConfigured(app) {
      if (!implemented[app]) return 'this gateway version does not serve it yet';
      return credentials[app] ? undefined : HINTS[app];
    },
    upstreamStatus() {
      return (['nerd', 'extract', 'skykit'] as const).map((app) => ({
        app: app.toUpperCase() as UpstreamStatus['app'],
        configured: credentials[app] !== undefined,
        credential: credentialKind(credentials[app]),
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
