import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ApolloServer, HeaderMap, type HTTPGraphQLRequest, type HTTPGraphQLResponse } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import type Keyv from 'keyv';
import type { Logger } from 'pino';
import type { Config } from './config/types.js';
import { authorize, type Caller } from './auth/inbound/caller.js';
import { createAuthenticator, type Authenticator } from './auth/inbound/authenticate.js';
import { UpstreamNotConfiguredError } from './errors.js';
import type { GraphQLContext } from './context.js';
import { createLease } from './store/lease.js';
import { createCache, memoryStoreOf } from './store/redis.js';
import { DocumentCache } from './store/document-cache.js';
import { persistedQuerySizePlugin } from './store/persisted-queries.js';
import type { UpstreamApp } from './errors.js';
import { createLoaders } from './loaders.js';
import { createLogger } from './logger.js';
import { resolvers } from './resolvers/index.js';
import { loadTypeDefs } from './schema/load.js';
import { applyUpstreamDirective } from './schema/upstream-directive.js';
import { createFormatError } from './server/format-error.js';
import { limitsPlugin } from './server/limits.js';
import { requestIdPlugin } from './server/request-id.js';
import { operationPlugin } from './observability/operation-plugin.js';
import { operationContext } from './observability/operation-context.js';
import { withSpan } from './observability/tracing.js';
import { createServices, type GatewayServices, type ServiceDeps } from './services.js';
import { describeProxy } from './upstreams/proxy.js';

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
  /** The one place errors become GraphQL errors (used by Apollo and by the WebSocket server). */
  readonly formatError: ReturnType<typeof createFormatError>;
  /** The resolver context of one operation (HTTP or WebSocket). */
  createContext(requestId: string, caller: Caller, signal?: AbortSignal): GraphQLContext;
  /** Runs one GraphQL-over-HTTP request through Apollo for an authenticated caller. */
  execute(request: HTTPGraphQLRequest, requestId: string, caller: Caller, signal?: AbortSignal): Promise<HTTPGraphQLResponse>;
  /** Whether the gateway can serve, with a reason per failing check. */
  readiness(): Promise<{ ready: boolean; checks: Record<string, { ok: boolean; detail?: string }> }>;
  stop(): Promise<void>;
}

/** The package version, shown in `gateway { version }`. */
export const VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/**
 * Builds the whole gateway from a frozen config: cache, token manager, upstream clients, schema
 * and Apollo. No side effects until start(): nothing listens, nothing is fetched.
 */
export function createGateway(config: Config, deps: GatewayDeps = {}): Gateway {
  const logger = deps.logger ?? createLogger(config.logLevel);
  const cache = deps.cache ?? createCache(config, logger);
  // An injected cache is the test's own; a Redis cache also brings the cross-replica lease.
  const services = createServices(config, { ...deps, cache, lease: deps.cache ? undefined : createLease(cache, config.cacheNamespace), logger, version: deps.version ?? VERSION });
  const schema = applyUpstreamDirective(makeExecutableSchema<GraphQLContext>({ typeDefs: loadTypeDefs(), resolvers }), (upstream, context) => {
    // Authorization first: a caller without the scope learns nothing about configuration.
    authorize((context as GraphQLContext).caller, upstream);
    const hint = services.notConfigured(upstream.app);
    if (hint !== undefined) throw new UpstreamNotConfiguredError(upstream.app, hint);
  });
  const formatError = createFormatError(logger);
  // Parsed documents within DOCUMENT_CACHE_MB, their source text counted (store/document-cache.ts).
  const documentStore = config.documentCacheBytes > 0 ? new DocumentCache(config.documentCacheBytes) : null;
  const memoryStore = memoryStoreOf(cache);
  if (memoryStore) services.metrics.watchCache('store', memoryStore);
  if (documentStore) services.metrics.watchCache('documents', documentStore);
  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: config.server.introspection,
    // Apollo's landing page loads from a CDN; the gateway serves its own GraphiQL at /graphiql.
    plugins: [ApolloServerPluginLandingPageDisabled(), limitsPlugin(config.limits), requestIdPlugin(), operationPlugin(services.metrics, logger), persistedQuerySizePlugin(config.persistedQueryMaxBytes)],
    stopOnTerminationSignals: false,
    // Automatic persisted queries in the shared store, so a hash registered on one replica is
    // known to all. The store's namespace is never "apq" (config refuses it: STACK-NOTES trap 4).
    persistedQueries: { cache: persistedQueryCache(services.store), ttl: config.persistedQueryTtlSeconds },
    documentStore,
  });
  let started = false;
  const createContext = (requestId: string, caller: Caller, signal?: AbortSignal): GraphQLContext => ({
    requestId,
    caller,
    services,
    loaders: createLoaders(services, signal),
    logger: logger.child({ requestId, caller: caller.name }),
    signal,
  });

  return {
    config,
    schema,
    services,
    logger,
    cache,
    authenticate: createAuthenticator(config.auth),
    formatError,
    createContext,
    async start() {
      // Connect the cache store now (bounded), so the first requests do not pay for connecting
      // inside their 250 ms cache budget and fall back to per-process state.
      await probeCache(cache);
      await apollo.start();
      // Which credential serves each app: with several configured, precedence decides (README, "Credentials").
      const upstreams = Object.fromEntries(services.upstreamStatus().map((u) => [u.app.toLowerCase(), u.configured ? `${u.credential.toLowerCase()} (${services.credentials[u.app.toLowerCase() as UpstreamApp]!.id})` : 'not configured']));
      logger.info({ upstreams }, `upstream credentials: ${Object.entries(upstreams).map(([app, how]) => `${app} ${how}`).join(', ')}`);
      // One line, so operators can tell whether upstream calls use a proxy (never its password).
      const proxy = describeProxy(config.proxy);
      if (proxy) logger.info({ proxy }, 'upstream calls go through a proxy');
      else logger.info('upstream calls connect directly (no HTTPS_PROXY/HTTP_PROXY)');
      started = true;
    },
    execute(request, requestId, caller, signal) {
      return operationContext.run({ upstreamCalls: 0 }, () => withSpan('graphql.operation', { 'gateway.caller': caller.name, 'gateway.request_id': requestId }, () => apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: request,
        context: async () => createContext(requestId, caller, signal),
      })));
    },
    async readiness() {
      const checks: Record<string, { ok: boolean; detail?: string }> = {};
      checks.graphql = started ? { ok: true } : { ok: false, detail: 'not started' };
      checks.cache = await probeCache(cache);
      const configured = services.upstreamStatus().filter((u) => u.configured).length;
      // Credentials the upstream refused (not merely an endpoint that is down) make the
      // gateway unusable for those apps until an operator acts.
      const rejected = services.tokens.failing().filter((f) => f.code === 'UPSTREAM_AUTH_FAILED' || f.code === 'UPSTREAM_FORBIDDEN');
      checks.credentials =
        configured === 0
          ? { ok: false, detail: 'no upstream credentials configured' }
          : rejected.length > 0
            ? { ok: false, detail: rejected.map((f) => `${f.credential} (${f.scope || 'no scope'}): ${f.message}`).join('; ') }
            : { ok: true, detail: `${configured} upstream(s) configured` };
      return { ready: Object.values(checks).every((c) => c.ok), checks };
    },
    async stop() {
      services.close();
      if (started) await apollo.stop();
      started = false;
      // A dead Redis never acknowledges a disconnect: shutdown must not wait on it.
      await Promise.race([cache.disconnect().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 1_000).unref())]);
    },
  };
}

async function probeCache(cache: Keyv): Promise<{ ok: boolean; detail?: string }> {
  const key = `readyz:${randomUUID()}`;
  try {
    const probe = Promise.race([
      (async () => {
        await cache.set(key, 1, 5_000);
        const back = await cache.get(key);
        await cache.delete(key);
        return back === 1;
      })(),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 2_000).unref()),
    ]);
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
