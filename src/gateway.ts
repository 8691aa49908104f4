import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import type Keyv from 'keyv';
import type { Logger } from 'pino';
import type { Config } from './config/types.js';
import { isLoopback } from './config/load.js';
import { authorize } from './auth/inbound/caller.js';
import { createAuthenticator, type Authenticator } from './auth/inbound/authenticate.js';
import { GatewayError } from './errors.js';
import type { GraphQLContext } from './context.js';
import { createLease } from './store/lease.js';
import { storeTimeouts } from './store/timeouts.js';
import { createCache, redisClientOf } from './store/redis.js';
import { createLogger } from './logger.js';
import { resolvers } from './resolvers/index.js';
import { keepScalarDescriptions, loadTypeDefs } from './schema/load.js';
import { applyUpstreamDirective } from './schema/upstream-directive.js';
import { buildFederatedSchema, type UpstreamGuard } from './schema/federation.js';
import { applyProvenance } from './graphql/provenance.js';
import { createAdmission } from './graphql/admission.js';
import { createApolloEngine } from './graphql/apollo-engine.js';
import { createDirectEngine } from './graphql/direct-engine.js';
import { createFormatError } from './graphql/format-error.js';
import { createOperationRecorder } from './graphql/operation-record.js';
import { createPipeline, type HandleOperation } from './graphql/pipeline.js';
import type { TrustedDocuments } from './graphql/trusted-documents.js';
import { loadTrustedManifest } from './graphql/trusted-manifest.js';
import { createContextFactory, type CreateContext } from './graphql/resolver-context.js';
import { createRateLimit } from './store/rate-limit.js';
import { schemaFields } from './graphql/field-usage.js';
import { credentialLabel } from './observability/metrics.js';
import { createServices, type GatewayServices, type ServiceDeps } from './services.js';
import { CredentialReadinessCheck, type CredentialUse } from './auth/outbound/credential-readiness.js';
import { describeProxy } from './net/proxy.js';
import { CallTimeoutError, within } from './net/within.js';
import { upstreamApp, type UpstreamApp } from './apps/registry.js';
import { createToolCatalog, type ToolCatalog } from './mcp/catalog.js';

/** Optional collaborators; tests inject a fetch, a clock, a logger or a cache. */
export interface GatewayDeps extends Partial<Omit<ServiceDeps, 'cache' | 'logger'>> {
  readonly logger?: Logger;
  readonly cache?: Keyv;
}

/** A gateway, built but not serving: the transport adapters in src/server serve it. */
export interface Gateway {
  readonly config: Config;
  readonly schema: GraphQLSchema;
  readonly services: GatewayServices;
  readonly logger: Logger;
  readonly cache: Keyv;
  /** Starts Apollo; must finish before requests are executed. */
  start(): Promise<void>;
  /**
   * The one entry of every transport (graphql/pipeline.ts): admission, parse/validate/limits,
   * execution, formatting, request id, operation record and status, composed once.
   */
  readonly handle: HandleOperation;
  /** The MCP tools (src/apps/<app>/tools and MCP_TOOLS_DIR), each checked against the schema when the gateway is built. */
  readonly tools: ToolCatalog;
  /** Who is calling: throws UnauthenticatedError (HTTP 401) when the request proves no one (a WebSocket's connection_init). */
  readonly authenticate: Authenticator;
  /** The one place errors inside operations become GraphQL errors (also for reference execution in tests). */
  readonly formatError: ReturnType<typeof createFormatError>;
  /** The resolver context of one operation (also for reference execution in tests). */
  readonly createContext: CreateContext;
  /**
   * Starts draining: long waits (awaitExtraction, awaitTranscription, their subscriptions) end now with a
   * retryable SHUTTING_DOWN, so their requests finish within the shutdown grace period.
   */
  drain(): void;
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
  const logger = deps.logger ?? createLogger(config.logLevel, undefined, config.logFlushMs);
  const cache = deps.cache ?? createCache(config, logger);
  // An injected cache is the test's own; a Redis cache also brings the cross-replica lease.
  const services = createServices(config, { ...deps, cache, redis: redisClientOf(cache), lease: deps.cache ? undefined : createLease(cache, config.cacheNamespace, storeTimeouts(deps.storeTimeouts).tokenStoreMs), logger, version: deps.version ?? VERSION });
  const guard: UpstreamGuard = (upstream, context) => {
    // Authorization first: a caller without the scope learns nothing about configuration.
    authorize((context as GraphQLContext).caller, upstream);
    if (services.notConfigured(upstream.app) !== undefined) throw services.notConfiguredError(upstream.app);
  };
  // With Federation, the same SDL and resolvers as a Federation 2 subgraph (docs/federation.md);
  // the guard also covers `_entities`' representations, and `_service` follows ENABLE_INTROSPECTION.
  const executable = config.server.federation ? buildFederatedSchema(loadTypeDefs(), resolvers, guard, { introspection: config.server.introspection }) : makeExecutableSchema<GraphQLContext>({ typeDefs: loadTypeDefs(), resolvers });
  const schema = applyProvenance(applyUpstreamDirective(keepScalarDescriptions(executable), guard));
  const formatError = createFormatError(logger, { hideSuggestions: !config.server.introspection });
  const authenticate = createAuthenticator(config.auth, deps.clock);
  const createContext = createContextFactory(services, logger);
  services.metrics.watchFields(schemaFields(schema));
  // A bad manifest stops the start here (a ConfigError line naming the file and the operation).
  const trusted: TrustedDocuments | undefined =
    config.trustedDocuments.mode === 'off' ? undefined : { mode: config.trustedDocuments.mode, manifest: loadTrustedManifest(config.trustedDocuments.manifestFile, schema, config) };
  const apollo = createApolloEngine({ config, schema, services, cache, formatError, trusted: trusted?.manifest });
  // The pipeline, composed once for every transport (graphql/pipeline.ts).
  const handle = createPipeline({
    admit: createAdmission(authenticate, createRateLimit(config, redisClientOf(cache), deps.clock, storeTimeouts(deps.storeTimeouts).cacheCallMs)),
    startOperation: createOperationRecorder(services.metrics, logger),
    createContext,
    apollo,
    direct: createDirectEngine({ schema, config, formatError }),
    formatError,
    logger,
    trusted,
  });
  // A tool document the schema refuses stops the gateway here, with one line (ToolFileError).
  const tools = createToolCatalog(schema, config.mcp);
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

  return {
    config,
    schema,
    services,
    logger,
    cache,
    handle,
    tools,
    authenticate,
    formatError,
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
      if (trusted) {
        const { mode, manifest } = trusted;
        logger.info({ trustedDocuments: { mode, manifest: manifest.file, operations: manifest.byId.size } }, `trusted documents: ${mode}, ${manifest.byId.size} operation(s) from ${manifest.file}${mode === 'require' ? '; other operations are refused' : ''}`);
      }
      // One line, so operators can tell whether upstream calls use a proxy (never its password).
      const proxy = describeProxy(config.proxy);
      if (proxy) logger.info({ proxy }, 'upstream calls go through a proxy');
      else logger.info('upstream calls connect directly (no HTTPS_PROXY/HTTP_PROXY)');
      // The start-up lines are not held back for a batch (LOG_FLUSH_MS).
      logger.flush();
      started = true;
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
