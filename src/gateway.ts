import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ApolloServer, HeaderMap, type HTTPGraphQLRequest, type HTTPGraphQLResponse } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLError, GraphQLSchema } from 'graphql';
import type Keyv from 'keyv';
import type { Logger } from 'pino';
import type { Config } from './config/types.js';
import { isLoopback } from './config/load.js';
import { authorize, type Caller } from './auth/inbound/caller.js';
import { createAuthenticator, type Authenticator } from './auth/inbound/authenticate.js';
import { GatewayError, OperationCancelledError, UpstreamNotConfiguredError } from './errors.js';
import type { GraphQLContext } from './context.js';
import { createLease } from './store/lease.js';
import { createCache, memoryStoreOf, redisClientOf } from './store/redis.js';
import { DocumentCache } from './store/document-cache.js';
import { createLoaders } from './loaders.js';
import { createLogger } from './logger.js';
import { resolvers } from './resolvers/index.js';
import { keepScalarDescriptions, loadTypeDefs } from './schema/load.js';
import { applyUpstreamDirective } from './schema/upstream-directive.js';
import { createAdmission, type Admit } from './graphql/admission.js';
import { createFormatError } from './graphql/format-error.js';
import { compiledExecution } from './graphql/compiled-execution.js';
import { gatewayPlugin } from './graphql/gateway-plugin.js';
import { createOperationRecorder, type OperationRecord, type StartOperation } from './graphql/operation-record.js';
import { prepareOperation, type OperationRequest, type PreparedOperation } from './graphql/prepare.js';
import { createRateLimit } from './store/rate-limit.js';
import { trackOperation } from './observability/operation-context.js';
import { withSpan } from './observability/tracing.js';
import { callerText } from './observability/caller-text.js';
import { credentialLabel } from './observability/metrics.js';
import { createServices, type GatewayServices, type ServiceDeps } from './services.js';
import { CredentialReadinessCheck, type CredentialUse } from './auth/outbound/credential-readiness.js';
import { describeProxy } from './net/proxy.js';
import { CallTimeoutError, within } from './net/within.js';
import { upstreamApp, type UpstreamApp } from './upstreams/registry.js';

/** Optional collaborators; tests inject a fetch, a clock, a logger or a cache. */
export interface GatewayDeps extends Partial<Omit<ServiceDeps, 'cache' | 'logger'>> {
  readonly logger?: Logger;
  readonly cache?: Keyv;
}

/** A gateway, built but not serving: the HTTP adapter in src/server serves it. */
export interface Gateway {
  readonly config: Config;
  readonly schema: GraphQLSchema;
  readonly services: GatewayServices;
  readonly logger: Logger;
  readonly cache: Keyv;
  /** Starts Apollo; must finish before requests are executed. */
  start(): Promise<void>;
  /** Who is calling: throws UnauthenticatedError (HTTP 401) when the request proves no one. */
  readonly authenticate: Authenticator;
  /** Authentication and the rate limit: one rule for every HTTP request and WebSocket operation. */
  readonly admit: Admit;
  /** The one place errors inside operations become GraphQL errors (Apollo and the WebSocket server). */
  readonly formatError: ReturnType<typeof createFormatError>;
  /** Starts the log line, metrics sample and span attributes of one operation (HTTP or WebSocket). */
  readonly startOperation: StartOperation;
  /** Parse, validate and limits with the rules Apollo applies over HTTP (for the WebSocket server). */
  prepare(request: OperationRequest): PreparedOperation | GraphQLError[];
  /** The resolver context of one operation (HTTP or WebSocket). */
  createContext(requestId: string, caller: Caller, signal?: AbortSignal, record?: OperationRecord): GraphQLContext;
  /** Runs one GraphQL-over-HTTP request through Apollo for an admitted caller. */
  execute(request: HTTPGraphQLRequest, requestId: string, caller: Caller, signal?: AbortSignal): Promise<HTTPGraphQLResponse>;
  /**
   * Starts draining: long waits (awaitExtraction, awaitTranscription, their subscriptions) end now with a
   * retryable SHUTTING_DOWN, so their requests finish within the shutdown grace period.
   */
  drain(): void;
  /** Whether the gateway can serve, with a reason per failing check. */
  readiness(): Promise<{ ready: boolean; checks: Record<string, { ok: boolean; detail?: string }> }>;
  stop(): Promise<void>;
}

/** Where a context keeps its child logger once made. */
const CHILD_LOGGER = Symbol('childLogger');

/** The package version, shown in `gateway { version }`. */
export const VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/**
 * Builds the whole gateway from a frozen config: cache, token manager, upstream clients, schema
 * and Apollo. No side effects until start(): nothing listens, nothing is fetched.
 */
export function createGateway(config: Config, deps: GatewayDeps = {}): Gateway {
  const logger = deps.logger ?? createLogger(config.logLevel, undefined, config.logFlushMs);
  const cache = deps.cache ?? createCache(config, logger);
  // An injected cache is the test's own; a Redis cache also brings the cross-replica lease.
  const services = createServices(config, { ...deps, cache, redis: redisClientOf(cache), lease: deps.cache ? undefined : createLease(cache, config.cacheNamespace), logger, version: deps.version ?? VERSION });
  const schema = applyUpstreamDirective(keepScalarDescriptions(makeExecutableSchema<GraphQLContext>({ typeDefs: loadTypeDefs(), resolvers })), (upstream, context) => {
    // Authorization first: a caller without the scope learns nothing about configuration.
    authorize((context as GraphQLContext).caller, upstream);
    const hint = services.notConfigured(upstream.app);
    if (hint !== undefined) throw new UpstreamNotConfiguredError(upstreamApp(upstream.app), hint);
  });
  const formatError = createFormatError(logger, { hideSuggestions: !config.server.introspection });
  const authenticate = createAuthenticator(config.auth, deps.clock);
  const admit = createAdmission(authenticate, createRateLimit(config, redisClientOf(cache), deps.clock));
  const startOperation = createOperationRecorder(services.metrics, logger);
  // Parsed documents within DOCUMENT_CACHE_MB, their source text counted (store/document-cache.ts).
  const documentStore = config.documentCacheBytes > 0 ? new DocumentCache(config.documentCacheBytes) : null;
  const memoryStore = memoryStoreOf(cache);
  if (memoryStore) services.metrics.watchCache('store', memoryStore);
  if (documentStore) services.metrics.watchCache('documents', documentStore);
  // Operations Apollo has parsed before run compiled (graphql/compiled-execution.ts), answered
  // from the plugin's responseForOperation; with GRAPHQL_JIT_AFTER=0 or no document cache,
  // graphql-js runs all.
  const respond =
    documentStore && config.compileQueriesAfter > 0
      ? compiledExecution({ schema, documents: documentStore, compileAfter: config.compileQueriesAfter, formatError, onCompile: (outcome) => services.metrics.compilation(outcome) })
      : undefined;
  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: config.server.introspection,
    // "Did you mean" hints would name fields a caller cannot discover with introspection off.
    hideSchemaDetailsFromClientErrors: !config.server.introspection,
    // Apollo's landing page loads from a CDN; the gateway serves its own GraphiQL at /graphiql.
    // The schema has no @cacheControl hints and no response cache reads them: without the
    // cache-control plugin Apollo does not wrap every field's resolver to track them.
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginCacheControlDisabled(), gatewayPlugin({ config, persistedQueryMaxBytes: config.persistedQueryMaxBytes, respond })],
    stopOnTerminationSignals: false,
    // Automatic persisted queries in the shared store, so a hash registered on one replica is
    // known to all. The store's namespace is never "apq" (config refuses it: STACK-NOTES trap 4).
    persistedQueries: { cache: persistedQueryCache(services.store), ttl: config.persistedQueryTtlSeconds },
    documentStore,
  });
  let started = false;
  const credentialReadiness = new CredentialReadinessCheck(services.tokens);
  // Each configured credential with the scopes of the apps it serves (one key pair serves every Kensho app).
  const credentialUses = (): CredentialUse[] => {
    const uses = new Map<string, { credential: CredentialUse['credential']; scopes: string[] }>();
    for (const status of services.upstreamStatus()) {
      const key = status.app.toLowerCase() as UpstreamApp;
      const credential = services.credentials[key];
      if (!credential) continue;
      const use = uses.get(credential.id) ?? { credential, scopes: [] };
      use.scopes.push(upstreamApp(key).scope);
      uses.set(credential.id, use);
    }
    return [...uses.values()];
  };
  // The operation's child logger is made on first use: most operations log nothing of their
  // own. The getter sits on the context's prototype because Apollo copies the context for each
  // request (Object.assign onto the same prototype), which would call a getter of its own.
  const contextPrototype = Object.defineProperty({}, 'logger', {
    get(this: GraphQLContext & { [CHILD_LOGGER]?: Logger }) {
      return (this[CHILD_LOGGER] ??= logger.child({ requestId: this.requestId, caller: callerText(this.caller.name) }));
    },
  });
  const createContext = (requestId: string, caller: Caller, signal?: AbortSignal, record?: OperationRecord): GraphQLContext => {
    // Upstream calls made with this signal are counted for this operation.
    if (signal && record) {
      trackOperation(signal, record.stats);
      // The adapters abort with OperationCancelledError when the caller ends the operation.
      signal.addEventListener('abort', () => signal.reason instanceof OperationCancelledError && record.noteCancelled(), { once: true });
    }
    const context = Object.create(contextPrototype) as { -readonly [K in keyof GraphQLContext]: GraphQLContext[K] };
    context.requestId = requestId;
    context.caller = caller;
    context.services = services;
    context.loaders = createLoaders(services, signal);
    context.signal = signal;
    context.record = record;
    return context;
  };

  return {
    config,
    schema,
    services,
    logger,
    cache,
    authenticate,
    admit,
    formatError,
    startOperation,
    prepare: (request) => prepareOperation(schema, config, request),
    createContext,
    async start() {
      // Connect the cache store now (bounded), so the first requests do not pay for connecting
      // inside their 250 ms cache budget and fall back to per-process state.
      await probeCache(cache);
      await apollo.start();
      // Which credential serves each app: with several configured, precedence decides (docs/configuration.md, "Credentials and precedence").
      const upstreams = Object.fromEntries(services.upstreamStatus().map((u) => [u.app.toLowerCase(), u.configured ? `${u.credential.toLowerCase()} (${services.credentials[u.app.toLowerCase() as UpstreamApp]!.id})` : 'not configured']));
      logger.info({ upstreams }, `upstream credentials: ${Object.entries(upstreams).map(([app, how]) => `${app} ${how}`).join(', ')}`);
      if (config.simulator) {
        // Never mistaken for production: the log says so, in the same words as the banner.
        logger.warn(
          { simulator: config.simulator.url, requested: config.simulator.requested, host: config.host },
          'upstreams are the BUILT-IN SIMULATOR (demo data, not Kensho or Skykit); set upstream credentials to use the real services',
        );
      }
      // One line, so operators can tell whether upstream calls use a proxy (never its password).
      const proxy = describeProxy(config.proxy);
      if (proxy) logger.info({ proxy }, 'upstream calls go through a proxy');
      else logger.info('upstream calls connect directly (no HTTPS_PROXY/HTTP_PROXY)');
      // The start-up lines are not held back for a batch (LOG_FLUSH_MS).
      logger.flush();
      started = true;
    },
    execute(request, requestId, caller, signal) {
      const record = startOperation(requestId, caller.name);
      return withSpan('graphql.operation', { 'gateway.caller': callerText(caller.name), 'gateway.request_id': requestId }, () =>
        apollo.executeHTTPGraphQLRequest({
          httpGraphQLRequest: request,
          context: async () => createContext(requestId, caller, signal, record),
        }),
      );
    },
    drain() {
      services.drain(new GatewayError('SHUTTING_DOWN', 'The gateway is shutting down; retry the request (another replica answers it)', { extensions: { retryAfterSeconds: 1 } }));
    },
    async readiness() {
      const checks: Record<string, { ok: boolean; detail?: string }> = {};
      checks.graphql = started ? { ok: true } : { ok: false, detail: 'not started' };
      checks.cache = await probeCache(cache);
      const configured = services.upstreamStatus().filter((u) => u.configured).length;
      // Every credential has obtained a token once (or does now), or says why not.
      const unproven = configured > 0 ? await credentialReadiness.check(credentialUses()) : [];
      // Named by credential kind and scope: /readyz is unauthenticated, and the Client ID, the
      // Skykit e-mail and upstream messages identify the account (the log has them).
      const name = (f: { credential: string; scope: string; code: string }) => `${credentialLabel(f.credential)} (${f.scope || 'no scope'}): ${f.code}`;
      // A credential refused by its upstream makes the gateway unusable for its apps until an
      // operator acts (not an endpoint that is merely down). A scope not granted to a credential
      // that works for another app only fails that app's fields: reported, not blocking.
      const failing = services.tokens.failing();
      const notGranted = failing.filter((f) => f.code === 'UPSTREAM_FORBIDDEN' && credentialReadiness.isProven(f.credential));
      const blocking = new Set([...failing.filter((f) => f.code === 'UPSTREAM_AUTH_FAILED' || (f.code === 'UPSTREAM_FORBIDDEN' && !notGranted.includes(f))).map(name), ...unproven]);
      const granted = notGranted.length > 0 ? `; not granted (those apps answer UPSTREAM_FORBIDDEN): ${notGranted.map(name).join('; ')}` : '';
      checks.credentials =
        configured === 0
          ? { ok: false, detail: 'no upstream credentials configured' }
          : blocking.size > 0
            ? { ok: false, detail: [...blocking].join('; ') }
            : { ok: true, detail: `${configured} upstream(s) configured, a token obtained with each credential${config.simulator ? ' (built-in simulator)' : ''}${granted}` };
      const simulator = simulatorCheck(config);
      if (simulator) checks.simulator = simulator;
      return { ready: Object.values(checks).every((c) => c.ok), checks };
    },
    async stop() {
      services.close();
      if (started) await apollo.stop();
      started = false;
      // A dead Redis never acknowledges a disconnect: shutdown must not wait on it.
      await within(cache.disconnect(), 1_000, 'cache disconnect').catch(() => undefined);
    },
  };
}

/**
 * The built-in simulator answers like the real upstreams, so a deploy that forgot its secrets
 * could look healthy. It is ready only where it cannot be mistaken for production: on a loopback
 * HOST (a developer's machine), or when asked for by name (--simulator, GATEWAY_SIMULATOR=true).
 */
function simulatorCheck(config: Config): { ok: boolean; detail: string } | undefined {
  if (!config.simulator) return undefined;
  if (isLoopback(config.host) || config.simulator.requested) return { ok: true, detail: 'the upstreams are the built-in simulator (demo data, not Kensho or Skykit)' };
  return { ok: false, detail: `the upstreams are the built-in simulator on HOST ${config.host}, which is not loopback: set upstream credentials, or GATEWAY_SIMULATOR=true if a simulator is meant` };
}

async function probeCache(cache: Keyv): Promise<{ ok: boolean; detail?: string }> {
  const key = `readyz:${randomUUID()}`;
  try {
    const probe = within(
      (async () => {
        await cache.set(key, 1, 5_000);
        const back = await cache.get(key);
        await cache.delete(key);
        return back === 1;
      })(),
      2_000,
      'cache probe',
    ).catch((error: unknown) => {
      // Silence within the budget is "did not answer"; a failing store is reported below.
      if (error instanceof CallTimeoutError) return false;
      throw error;
    });
    return (await probe) ? { ok: true } : { ok: false, detail: 'cache store did not answer a write/read probe' };
  } catch {
    return { ok: false, detail: 'cache store failed a write/read probe' };
  }
}

/** Apollo's KeyValueCache over the gateway's bounded store (Apollo TTLs are in seconds). */
function persistedQueryCache(store: GatewayServices['store']) {
  return {
    get: async (key: string) => {
      const value = await store.get(key);
      return typeof value === 'string' ? value : undefined;
    },
    set: async (key: string, value: string, options?: { ttl?: number | null }) => {
      await store.set(key, value, options?.ttl ? options.ttl * 1000 : undefined);
    },
    delete: async (key: string) => store.delete(key),
  };
}

/** Copies node request headers into Apollo's HeaderMap. */
export function toHeaderMap(headers: Record<string, string | string[] | undefined>): HeaderMap {
  const map = new HeaderMap();
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) map.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return map;
}
