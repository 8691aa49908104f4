import type { KeyObject } from 'node:crypto';

/** How the gateway obtains access tokens for one Kensho app (UPSTREAMS §1). */
export type KenshoAppCredential =
  /** Okta client credentials with a signed assertion; the key pair is `Config.kensho.keyPair`. */
  | { readonly kind: 'key-pair' }
  /** A per-app refresh token from the app's Account page. */
  | { readonly kind: 'refresh-token'; readonly refreshToken: string }
  /** A pasted access token: used until its `exp`, never renewed. */
  | { readonly kind: 'access-token'; readonly accessToken: string }
  /** No credential: the app's fields answer UPSTREAM_NOT_CONFIGURED. */
  | { readonly kind: 'none' };

/** A Kensho Okta client: the Client ID Kensho issued and the matching private key. */
export interface KeyPairConfig {
  readonly clientId: string;
  /** Loaded with node:crypto so PKCS#1 and PKCS#8 both work; never kept as a string. */
  readonly privateKey: KeyObject;
  readonly tokenUrl: string;
  /** Lifetime of each signed client assertion (Kensho allows 5 to 60 minutes). */
  readonly assertionLifetimeSeconds: number;
}

/** The Skykit self-signed JWT credential (UPSTREAMS §4). */
export interface SkykitCredentialConfig {
  readonly issuer: string;
  readonly privateKey: KeyObject;
  readonly jwtLifetimeSeconds: number;
}

/** One API key as configured: only its SHA-256 hash is kept. */
export interface ApiKeyConfig {
  readonly name: string;
  /** Lower-case hex SHA-256 of the key. */
  readonly sha256: string;
  /** Caller scopes: upstream scopes (kensho:app:nerd, kensho:app:extract), "skykit", or "*". */
  readonly scopes: readonly string[];
}

/** Who may call the gateway (docs/security.md). */
export type InboundAuthConfig =
  | { readonly mode: 'none' }
  | { readonly mode: 'api-key'; readonly keys: readonly ApiKeyConfig[] }
  | {
      readonly mode: 'jwt';
      /** Remote JWKS (https, or http on loopback) or a local JWKS document. */
      readonly jwks: { readonly url: string } | { readonly keys: readonly Record<string, unknown>[] };
      readonly issuer: string | undefined;
      readonly audience: string | undefined;
      readonly algorithms: readonly string[];
      readonly clockToleranceSeconds: number;
      /** Claim holding the caller's scopes (space-separated string or array). */
      readonly scopesClaim: string;
      /** Claim naming the caller in logs. */
      readonly nameClaim: string;
    };

/** The whole gateway configuration: read once at start, validated, frozen. */
export interface Config {
  readonly nodeEnv: string;
  readonly production: boolean;
  readonly host: string;
  readonly port: number;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /**
   * Longest a log line waits in the output buffer before it is written to stdout (lines are
   * written in batches of 4 KiB or at this interval, and at exit); 0 writes each line at once.
   */
  readonly logFlushMs: number;
  readonly auth: InboundAuthConfig;
  /**
   * Set when the upstreams are the built-in simulator `npm start` runs (never Kensho or Skykit):
   * its base URL, and whether it was asked for (`--simulator` or GATEWAY_SIMULATOR=true) rather
   * than started because no credentials were set on a loopback HOST.
   */
  readonly simulator: { readonly url: string; readonly requested: boolean } | undefined;
  /** The MCP endpoint (/mcp and `kensho-gateway mcp`), docs/mcp.md. */
  readonly mcp: {
    /** Whether mutation tools (Skykit device changes) are offered (MCP_ALLOW_MUTATIONS). */
    readonly allowMutations: boolean;
    /** A folder of the deployment's own tool files (MCP_TOOLS_DIR). */
    readonly toolsDir: string | undefined;
    /** Upstream calls one tool call may make (MCP_TOOL_MAX_UPSTREAM_CALLS, at most LIMIT_MAX_UPSTREAM_CALLS). */
    readonly toolMaxUpstreamCalls: number;
    /** The public URL of /mcp for the OAuth protected-resource metadata; else read from the request's Host. */
    readonly resourceUrl: string | undefined;
    /** The API key or JWT the stdio server presents as its caller (MCP_CALLER_TOKEN). */
    readonly callerToken: string | undefined;
  };
  /** What the HTTP server exposes. */
  readonly server: {
    /** Schema introspection; off in production unless ENABLE_INTROSPECTION=true. */
    readonly introspection: boolean;
    /** The /graphiql playground; off in production unless ENABLE_PLAYGROUND=true. */
    readonly playground: boolean;
    /**
     * GRAPHQL_FEDERATION: also serve the schema as a Federation 2 subgraph (`_service`,
     * `_entities`, `@key` on Company, Entity and SkykitDevice; docs/federation.md). Off by default.
     */
    readonly federation: boolean;
    /** Browser origins allowed by CORS (exact matches); empty: no cross-origin access. */
    readonly corsOrigins: readonly string[];
    /**
     * Host names requests may be addressed to besides loopback names and IP addresses (lower
     * case; `*.example.com` for subdomains); `["*"]`: any. ALLOWED_HOSTS; by default none with
     * AUTH_MODE=none (DNS rebinding), any otherwise (server/host-check.ts).
     */
    readonly allowedHosts: readonly string[];
    /** When set, /metrics answers only `Authorization: Bearer <this>`. */
    readonly metricsToken: string | undefined;
    /** After SIGTERM/SIGINT, how long running requests and busy WebSockets may take before they are cut (SHUTDOWN_GRACE_SECONDS). */
    readonly shutdownGraceSeconds: number;
  };
  /** Per-caller request rate; perMinute 0 turns it off. */
  readonly rateLimit: { readonly perMinute: number; readonly burst: number };
  /** Limits on what one request may ask (README, "Limits"). */
  readonly limits: {
    readonly maxBodyBytes: number;
    readonly maxDepth: number;
    readonly maxComplexity: number;
    /** Upstream calls one operation may make, priced before it runs and counted as it runs. */
    readonly maxUpstreamCalls: number;
    readonly maxAliases: number;
    readonly maxDirectives: number;
    /** Longest a multipart request's body (the files) may take to arrive (UPLOAD_TIMEOUT_SECONDS). */
    readonly uploadTimeoutSeconds: number;
    /** Longest any other request body may take to arrive (BODY_TIMEOUT_SECONDS). */
    readonly bodyTimeoutSeconds: number;
    /** Longest silence within any request body, upload or not (BODY_IDLE_TIMEOUT_SECONDS). */
    readonly bodyIdleTimeoutSeconds: number;
  };
  readonly kensho: {
    readonly keyPair: KeyPairConfig | undefined;
    /** Each Kensho app's own credential setting, by app key (the key pair serves them all). */
    readonly apps: Readonly<Record<string, KenshoAppCredential>>;
  };
  readonly skykit: SkykitCredentialConfig | undefined;
  readonly upstreams: {
    /** Every upstream call is aborted after this long. */
    readonly timeoutMs: number;
    /** Attempts per idempotent call on 502/503/504 and network failures (1 = no retry). */
    readonly retryAttempts: number;
    readonly retryInitialDelayMs: number;
    /** Consecutive failed calls that open an upstream's circuit. */
    readonly breakerThreshold: number;
    /** How long an open circuit fails fast before one trial call. */
    readonly breakerHalfOpenMs: number;
    /** Longest Retry-After (seconds) the gateway waits out itself before answering UPSTREAM_RATE_LIMITED. */
    readonly maxRetryAfterSeconds: number;
  };
  /**
   * Each app's settings by app key, read from its table (`src/apps/<app>/settings.ts`); the app
   * reads its own typed through that table (`nerdSettings.of(config)`).
   */
  readonly apps: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly tokens: {
    /** Renew a token this long before it expires (Kensho's clients use 60 s). */
    readonly renewMarginSeconds: number;
    /** Start a background renewal this long before the margin, while the token still serves. */
    readonly backgroundRenewSeconds: number;
    /**
     * While the token endpoint is backed off after failures, try it again at most this often
     * (one replica for the fleet when they share Redis); 0 waits out the backoff (up to 30 s).
     * TOKEN_RECOVERY_PROBE_MS, default 2000.
     */
    readonly recoveryProbeMs: number;
  };
  /**
   * Outbound proxy for every upstream call, from HTTPS_PROXY / HTTP_PROXY / NO_PROXY (or their
   * lower-case spellings, which curl and most tools also read). Proxy URLs may carry
   * `user:password`: treat them as secrets and show them only through `redactProxyUrl`.
   */
  readonly proxy: {
    readonly httpsProxy: string | undefined;
    readonly httpProxy: string | undefined;
    /** Comma-separated hosts (and `.domain` suffixes, `*`) that bypass the proxy. */
    readonly noProxy: string | undefined;
  };
  /** Empty: in-process Keyv. `redis://…`: Keyv on Redis. */
  readonly cacheUrl: string | undefined;
  readonly cacheNamespace: string;
  /** Budget of the in-process cache store (used when cacheUrl is empty), least recently used out. */
  readonly cacheMemoryBytes: number;
  /**
   * Budget of what the gateway writes to a shared (Redis) store, oldest entries out (CACHE_SHARED_MB,
   * default 256): Redis has no bound unless its operator sets one, and replicas share this one.
   */
  readonly cacheSharedBytes: number;
  /** Lifetime of automatic persisted queries in the cache. */
  readonly persistedQueryTtlSeconds: number;
  /** Largest query text (UTF-8 bytes) that may be registered as a persisted query. */
  readonly persistedQueryMaxBytes: number;
  /**
   * Operation safelisting from a client build's manifest (docs/trusted-documents.md): `off` (the
   * default: automatic persisted queries as always), `allow` (manifest documents by id, prepared
   * at start; other text still runs) or `require` (only manifest documents, by id).
   */
  readonly trustedDocuments: TrustedDocumentsConfig;
  /** Budget of Apollo's parsed-document cache, source text included; 0 turns it off. */
  readonly documentCacheBytes: number;
  /**
   * Executions of the same cached query after which it runs compiled (graphql-jit) instead of
   * through graphql-js's execute; 0 never compiles. Needs the document cache.
   */
  readonly compileQueriesAfter: number;
  /** 32-byte key encrypting tokens at rest in a shared cache (JWE dir + A256GCM); undefined: plaintext. */
  readonly cacheEncryptionKey: Uint8Array | undefined;
  /** OpenTelemetry tracing from the standard OTEL_* variables (docs/observability.md). */
  readonly telemetry: TelemetryConfig;
}

/** TRUSTED_DOCUMENTS and TRUSTED_DOCUMENTS_MANIFEST (an Apollo persisted-query manifest file). */
export type TrustedDocumentsConfig = { readonly mode: 'off' } | { readonly mode: 'allow' | 'require'; readonly manifestFile: string };

/** The samplers of OTEL_TRACES_SAMPLER the gateway's SDK offers (the spec's, less Jaeger's remote ones). */
export type TraceSampler = 'always_on' | 'always_off' | 'traceidratio' | 'parentbased_always_on' | 'parentbased_always_off' | 'parentbased_traceidratio';

/** Tracing as configured by environment: where spans go, and which upstreams see the trace context. */
export interface TelemetryConfig {
  /** The SDK the gateway starts for its spans; undefined (no OTEL_* exporter settings): none is loaded. */
  readonly traces: TracesConfig | undefined;
  /** Apps whose calls carry `traceparent` onward (TRACEPARENT_UPSTREAMS; default every app). */
  readonly propagateTo: readonly string[];
}

/** The span exporter and sampler, from OTEL_TRACES_EXPORTER, OTEL_EXPORTER_OTLP_* and OTEL_TRACES_SAMPLER*. */
export interface TracesConfig {
  /** Where finished spans go: an OTLP/HTTP receiver, standard output, or both. */
  readonly exporters: readonly ('otlp' | 'console')[];
  /** The full OTLP/HTTP traces URL (…/v1/traces). */
  readonly otlpUrl: string;
  /** OTLP over HTTP as protobuf (the spec's default) or JSON. */
  readonly protocol: 'http/protobuf' | 'http/json';
  /** OTEL_SERVICE_NAME; undefined: OTEL_RESOURCE_ATTRIBUTES' service.name, else "kensho-gateway". */
  readonly serviceName: string | undefined;
  readonly sampler: TraceSampler;
  /** The ratio of the traceidratio samplers (OTEL_TRACES_SAMPLER_ARG), 0 to 1. */
  readonly samplerRatio: number;
}
