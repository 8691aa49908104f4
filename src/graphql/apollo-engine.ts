import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { FormattedExecutionResult, GraphQLSchema } from 'graphql';
import type { Config } from '../config/types.js';
import type { GraphQLContext } from '../context.js';
import type { GatewayServices } from '../services.js';
import { DocumentCache } from '../store/document-cache.js';
import { TrustedDocumentStore } from '../store/trusted-document-store.js';
import { memoryStoreOf } from '../store/redis.js';
import type Keyv from 'keyv';
import { compiledExecution } from './compiled-execution.js';
import type { createFormatError } from './format-error.js';
import { gatewayPlugin } from './gateway-plugin.js';
import type { OperationParams } from './prepare.js';
import type { TrustedManifest } from './trusted-manifest.js';

/** One single result of Apollo's request pipeline: the status the plugin gave it, Apollo's headers and the result. */
export interface ApolloAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: FormattedExecutionResult;
}

/**
 * Apollo Server as the engine of single results: automatic persisted queries, the document
 * cache, parse and validation, the gateway plugin (limits, compiled execution, request id,
 * status, operation record) and graphql-js execution. Transport-free: the pipeline hands it the
 * operation's parameters (`executeOperation`), never an HTTP request.
 */
export interface ApolloEngine {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Runs one operation with its resolver context; rejects only where Apollo itself failed (masked as a 500 by the pipeline). */
  run(params: OperationParams, context: GraphQLContext): Promise<ApolloAnswer>;
}

/** Builds the Apollo engine; nothing starts until start(). */
export function createApolloEngine(options: {
  readonly config: Config;
  readonly schema: GraphQLSchema;
  readonly services: GatewayServices;
  readonly cache: Keyv;
  readonly formatError: ReturnType<typeof createFormatError>;
  /** TRUSTED_DOCUMENTS' manifest: its documents, prepared at start, are found without parsing. */
  readonly trusted?: TrustedManifest | undefined;
}): ApolloEngine {
  const { config, schema, services, cache, formatError, trusted } = options;
  // Parsed documents within DOCUMENT_CACHE_MB, their source text counted (store/document-cache.ts).
  const documentCache = config.documentCacheBytes > 0 ? new DocumentCache(config.documentCacheBytes) : null;
  // The trusted documents in front of it (store/trusted-document-store.ts).
  const documentStore = trusted ? new TrustedDocumentStore(trusted, documentCache) : documentCache;
  const memoryStore = memoryStoreOf(cache);
  if (memoryStore) services.metrics.watchCache('store', memoryStore);
  if (documentCache) services.metrics.watchCache('documents', documentCache);
  // Operations Apollo has parsed before run compiled (graphql/compiled-execution.ts), answered
  // from the plugin's responseForOperation; with GRAPHQL_JIT_AFTER=0 or no document cache,
  // graphql-js runs all.
  const respond =
    documentCache && documentStore && config.compileQueriesAfter > 0
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
  return {
    start: () => apollo.start(),
    stop: () => apollo.stop(),
    async run(params, context) {
      const response = await apollo.executeOperation<Record<string, unknown>>(
        { query: params.query, operationName: params.operationName ?? undefined, variables: params.variables ?? undefined, extensions: params.extensions ?? undefined },
        { contextValue: context },
      );
      // graphql 16 has no incremental delivery (STACK-NOTES trap 9): every answer is single.
      if (response.body.kind !== 'single') throw new Error('incremental delivery is not served');
      return { status: response.http.status ?? 200, headers: Object.fromEntries(response.http.headers), body: response.body.singleResult };
    },
  };
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
