import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import type { ApiKeyConfig, Config, InboundAuthConfig, KenshoAppCredential, KeyPairConfig, SkykitCredentialConfig } from './types.js';
import { Reader, type Env } from './reader.js';
import { readSettings } from './settings.js';
import { CALLER_SCOPES, KENSHO_APPS, UPSTREAM_APPS, appTokenVariables } from '../apps/registry.js';
import { readTelemetry } from './telemetry.js';

export { CALLER_SCOPES, appTokenVariables };
export { redactProxyUrl } from './proxy-url.js';

/** Production defaults of the gateway-wide variables (UPSTREAMS.md); each app's are in its settings table. */
export const DEFAULTS = Object.freeze({
  HOST: '127.0.0.1',
  PORT: 4000,
  KENSHO_TOKEN_URL: 'https://kensho.okta.com/oauth2/default/v1/token',
  // 60 minutes: Kensho's access tokens may live only as long as the assertion (UPSTREAMS §1.1),
  // and a 5-minute assertion would mean a token request every few minutes per scope.
  KENSHO_ASSERTION_LIFETIME_SECONDS: 3600,
  SKYKIT_JWT_LIFETIME_SECONDS: 3300,
  UPSTREAM_TIMEOUT_MS: 30_000,
  UPSTREAM_MAX_RETRY_AFTER_SECONDS: 5,
  TOKEN_RENEW_MARGIN_SECONDS: 60,
  TOKEN_BACKGROUND_RENEW_SECONDS: 240,
  CACHE_NAMESPACE: 'gw',
  LOG_LEVEL: 'info',
});

/** Thrown at start when configuration is bad; lists every problem, each naming its variable. */
export class ConfigError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}


/** The variables that hold credentials; `npm start` uses them to decide on the simulator. */
export const CREDENTIAL_VARIABLES: readonly string[] = [
  'KENSHO_CLIENT_ID',
  'KENSHO_PRIVATE_KEY_FILE',
  'KENSHO_PRIVATE_KEY',
  ...KENSHO_APPS.flatMap((app) => Object.values(appTokenVariables(app.key))),
  'SKYKIT_ISSUER',
  'SKYKIT_PRIVATE_KEY_FILE',
  'SKYKIT_PRIVATE_KEY',
];

/** True when no upstream credential at all is set. */
export function hasNoCredentials(env: Env): boolean {
  return CREDENTIAL_VARIABLES.every((name) => !env[name]?.trim());
}

/** What the CLI knows beyond the environment. */
export interface LoadOptions {
  /** The built-in simulator the CLI started for this gateway (its base URL). */
  readonly simulatorUrl?: string;
  /** `--simulator` was given on the command line. */
  readonly simulatorFlag?: boolean;
}

/** True when GATEWAY_SIMULATOR asks for the built-in simulator (read before loadConfig, by the CLI). */
export function simulatorRequested(env: Env): boolean {
  return env.GATEWAY_SIMULATOR?.trim() === 'true';
}

/**
 * Reads the configuration from environment variables, once. Nothing else in the gateway reads
 * `process.env`. Every bad value is reported together, naming the variable; secrets are never
 * echoed back in the messages.
 */
export function loadConfig(env: Env = process.env, options: LoadOptions = {}): Config {
  const problems: string[] = [];
  const r = new Reader(env, problems);

  const nodeEnv = r.string('NODE_ENV') ?? 'development';
  const logLevel = r.oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, DEFAULTS.LOG_LEVEL);
  const host = r.string('HOST') ?? DEFAULTS.HOST;
  if (host && isIP(host) === 0 && !/^[A-Za-z0-9.-]+$/.test(host)) problems.push(`HOST: "${host}" is not an IP address or host name`);
  const port = r.int('PORT', DEFAULTS.PORT, 0, 65_535);

  const auth = readInboundAuth(r, problems, env, host);
  const requested = r.bool('GATEWAY_SIMULATOR', false) || options.simulatorFlag === true;
  const cacheUrl = readCacheUrl(r, problems);
  const keyPair = readKeyPair(r, problems);
  const kenshoApps = Object.fromEntries(KENSHO_APPS.map((app) => [app.key, readAppCredential(r, app.key, keyPair)]));
  const skykit = readSkykit(r, problems);

  const config: Config = {
    nodeEnv,
    production: nodeEnv === 'production',
    host,
    port,
    logLevel,
    logFlushMs: r.int('LOG_FLUSH_MS', 500, 0, 60_000),
    auth,
    simulator: options.simulatorUrl ? { url: options.simulatorUrl, requested } : undefined,
    server: {
      introspection: r.bool('ENABLE_INTROSPECTION', nodeEnv !== 'production'),
      playground: r.bool('ENABLE_PLAYGROUND', nodeEnv !== 'production'),
      federation: r.bool('GRAPHQL_FEDERATION', false),
      corsOrigins: readOrigins(r, problems),
      allowedHosts: readAllowedHosts(r, problems, auth.mode),
      metricsToken: r.secret('METRICS_TOKEN'),
      shutdownGraceSeconds: r.int('SHUTDOWN_GRACE_SECONDS', 10, 1, 3600),
    },
    rateLimit: {
      perMinute: r.int('RATE_LIMIT_PER_MINUTE', 1200, 0, 10_000_000),
      burst: r.int('RATE_LIMIT_BURST', 100, 1, 10_000_000),
    },
    limits: {
      maxBodyBytes: r.int('MAX_BODY_BYTES', 1_000_000, 1_000, 100_000_000),
      maxDepth: r.int('LIMIT_MAX_DEPTH', 12, 1, 100),
      maxComplexity: r.int('LIMIT_MAX_COMPLEXITY', 20_000, 10, 10_000_000),
      maxUpstreamCalls: r.int('LIMIT_MAX_UPSTREAM_CALLS', 100, 1, 100_000),
      maxAliases: r.int('LIMIT_MAX_ALIASES', 30, 0, 1_000),
      maxDirectives: r.int('LIMIT_MAX_DIRECTIVES', 20, 0, 1_000),
      // 30 minutes, as Scribe allows for its 1 GB files: at least 0.56 MB/s for the largest.
      uploadTimeoutSeconds: r.int('UPLOAD_TIMEOUT_SECONDS', 1_800, 1, 86_400),
      // A JSON body is at most MAX_BODY_BYTES (1 MB): a minute is 17 KB/s.
      bodyTimeoutSeconds: r.int('BODY_TIMEOUT_SECONDS', 60, 1, 3_600),
      bodyIdleTimeoutSeconds: r.int('BODY_IDLE_TIMEOUT_SECONDS', 30, 1, 3_600),
    },
    kensho: { keyPair, apps: kenshoApps },
    skykit,
    upstreams: {
      timeoutMs: r.int('UPSTREAM_TIMEOUT_MS', DEFAULTS.UPSTREAM_TIMEOUT_MS, 100, 600_000),
      retryAttempts: r.int('UPSTREAM_RETRY_ATTEMPTS', 6, 1, 10),
      retryInitialDelayMs: r.int('UPSTREAM_RETRY_INITIAL_DELAY_MS', 100, 1, 60_000),
      breakerThreshold: r.int('UPSTREAM_BREAKER_THRESHOLD', 5, 1, 1_000),
      breakerHalfOpenMs: r.int('UPSTREAM_BREAKER_HALF_OPEN_MS', 10_000, 100, 600_000),
      // NERD_MAX_RETRY_AFTER_SECONDS, its first name, still counts while this one is unset.
      maxRetryAfterSeconds: r.int(
        env.UPSTREAM_MAX_RETRY_AFTER_SECONDS?.trim() || !env.NERD_MAX_RETRY_AFTER_SECONDS?.trim() ? 'UPSTREAM_MAX_RETRY_AFTER_SECONDS' : 'NERD_MAX_RETRY_AFTER_SECONDS',
        DEFAULTS.UPSTREAM_MAX_RETRY_AFTER_SECONDS,
        0,
        300,
      ),
    },
    apps: Object.fromEntries(UPSTREAM_APPS.map((app) => [app.key, readSettings(r, env, app.settings, problems)])),
    tokens: {
      renewMarginSeconds: r.int('TOKEN_RENEW_MARGIN_SECONDS', DEFAULTS.TOKEN_RENEW_MARGIN_SECONDS, 0, 1800),
      backgroundRenewSeconds: r.int('TOKEN_BACKGROUND_RENEW_SECONDS', DEFAULTS.TOKEN_BACKGROUND_RENEW_SECONDS, 0, 1800),
      recoveryProbeMs: r.int('TOKEN_RECOVERY_PROBE_MS', 2_000, 0, 300_000),
    },
    proxy: readProxy(r, problems, env),
    cacheUrl,
    cacheNamespace: readNamespace(r, problems),
    cacheMemoryBytes: r.int('CACHE_MEMORY_MB', 64, 1, 65_536) * 1024 * 1024,
    cacheSharedBytes: r.int('CACHE_SHARED_MB', 256, 1, 1_048_576) * 1024 * 1024,
    persistedQueryTtlSeconds: r.int('APQ_TTL_SECONDS', 86_400, 60, 30 * 86_400),
    persistedQueryMaxBytes: r.int('APQ_MAX_QUERY_BYTES', 64 * 1024, 256, 100_000_000),
    trustedDocuments: readTrustedDocuments(r, problems),
    documentCacheBytes: r.int('DOCUMENT_CACHE_MB', 32, 0, 65_536) * 1024 * 1024,
    compileQueriesAfter: r.int('GRAPHQL_JIT_AFTER', 2, 0, 1_000_000),
    cacheEncryptionKey: readEncryptionKey(r, problems, cacheUrl, env),
    telemetry: readTelemetry(r, problems),
    mcp: readMcp(r, problems),
  };

  if (problems.length > 0) throw new ConfigError(problems);
  return deepFreeze(config);
}

/**
 * TRUSTED_DOCUMENTS and its manifest. The manifest itself is read and checked against the schema
 * when the gateway is built (graphql/trusted-documents.ts); here only that the two agree: a mode
 * without a manifest would serve nothing, a manifest without a mode would be silently ignored.
 */
function readTrustedDocuments(r: Reader, problems: string[]): Config['trustedDocuments'] {
  const mode = r.oneOf('TRUSTED_DOCUMENTS', ['off', 'allow', 'require'] as const, 'off');
  const manifestFile = r.string('TRUSTED_DOCUMENTS_MANIFEST');
  if (mode === 'off') {
    // (An unknown mode is its own problem, reported by oneOf.)
    if (manifestFile && [undefined, 'off'].includes(r.string('TRUSTED_DOCUMENTS'))) problems.push('TRUSTED_DOCUMENTS_MANIFEST: set, but TRUSTED_DOCUMENTS is off (the default); set TRUSTED_DOCUMENTS=allow or require to use it, or unset the manifest');
    return { mode };
  }
  if (!manifestFile) {
    problems.push(`TRUSTED_DOCUMENTS: ${mode} needs TRUSTED_DOCUMENTS_MANIFEST, the persisted-query manifest of the client build (docs/trusted-documents.md)`);
    return { mode: 'off' };
  }
  return { mode, manifestFile };
}

/** The MCP endpoint's settings (docs/mcp.md); a tool's budget is at most an operation's. */
function readMcp(r: Reader, problems: string[]): Config['mcp'] {
  const operationMax = r.int('LIMIT_MAX_UPSTREAM_CALLS', 100, 1, 100_000);
  // 20 calls answer every shipped tool (the widest, a company's earnings-call transcripts, makes
  // one per call listed plus its identification and entitlements) and stop an agent's runaway list.
  const toolMax = r.int('MCP_TOOL_MAX_UPSTREAM_CALLS', Math.min(20, operationMax), 1, 100_000);
  if (toolMax > operationMax) problems.push(`MCP_TOOL_MAX_UPSTREAM_CALLS: ${toolMax} is more than LIMIT_MAX_UPSTREAM_CALLS (${operationMax}); a tool call is one operation`);
  const resourceUrl = r.string('MCP_RESOURCE_URL');
  if (resourceUrl !== undefined && !/^https?:\/\/[^\s/]+\/\S*$/.test(resourceUrl)) problems.push(`MCP_RESOURCE_URL: "${resourceUrl}" is not an http(s) URL (the public URL of /mcp, e.g. https://gateway.example.com/mcp)`);
  return {
    allowMutations: r.bool('MCP_ALLOW_MUTATIONS', false),
    toolsDir: r.string('MCP_TOOLS_DIR'),
    toolMaxUpstreamCalls: Math.min(toolMax, operationMax),
    resourceUrl,
    callerToken: r.secret('MCP_CALLER_TOKEN'),
  };
}

/** True for a loopback interface: only this machine can reach a server bound to it. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function readInboundAuth(r: Reader, problems: string[], env: Env, host: string): InboundAuthConfig {
  const mode = r.oneOf('AUTH_MODE', ['none', 'api-key', 'jwt'] as const, 'none');
  if (mode === 'none') {
    // Anyone who can reach the port may spend the gateway's credentials: only on loopback.
    if (!isLoopback(host) && env.AUTH_ALLOW_NONE !== 'true') {
      problems.push(`AUTH_MODE: "none" lets anyone who reaches ${host} use the upstream credentials; bind HOST to 127.0.0.1, choose api-key or jwt, or set AUTH_ALLOW_NONE=true to force it`);
    }
    return { mode };
  }
  if (mode === 'api-key') {
    const keys = readApiKeys(r, problems);
    if (keys.length === 0 && !problems.some((p) => p.startsWith('API_KEYS'))) problems.push('API_KEYS: AUTH_MODE=api-key needs at least one key (npm run api-key prints one)');
    return { mode, keys };
  }
  const jwksUrl = r.string('AUTH_JWKS_URL');
  const jwksFile = r.string('AUTH_JWKS_FILE');
  let jwks: { url: string } | { keys: Record<string, unknown>[] } = { keys: [] };
  if (!!jwksUrl === !!jwksFile) {
    problems.push('AUTH_JWKS_URL or AUTH_JWKS_FILE: AUTH_MODE=jwt needs exactly one of them');
  } else if (jwksUrl) {
    try {
      const url = new URL(jwksUrl);
      if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname.replace(/^\[|\]$/g, '')))) {
        problems.push('AUTH_JWKS_URL: must be https (http only for a loopback address)');
      }
      jwks = { url: jwksUrl };
    } catch {
      problems.push(`AUTH_JWKS_URL: "${jwksUrl}" is not a URL`);
    }
  } else if (jwksFile) {
    try {
      const parsed = JSON.parse(readFileSync(jwksFile, 'utf8')) as { keys?: unknown };
      if (!Array.isArray(parsed.keys) || parsed.keys.length === 0) throw new Error('no keys');
      jwks = { keys: parsed.keys as Record<string, unknown>[] };
    } catch (e) {
      problems.push(`AUTH_JWKS_FILE: cannot read a JWKS ({"keys": [...]}) from "${jwksFile}" (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
  }
  const algorithms = (r.string('AUTH_JWT_ALGORITHMS') ?? 'RS256,ES256').split(',').map((a) => a.trim()).filter(Boolean);
  const badAlg = algorithms.filter((a) => !/^(RS|PS|ES)(256|384|512)$|^EdDSA$/.test(a));
  if (badAlg.length > 0) problems.push(`AUTH_JWT_ALGORITHMS: ${badAlg.join(', ')} not allowed (asymmetric algorithms only: RS*, PS*, ES*, EdDSA)`);
  const issuer = r.string('AUTH_JWT_ISSUER');
  const audience = r.string('AUTH_JWT_AUDIENCE');
  // Without both, any token the identity provider signed for any application would be accepted.
  if ((!issuer || !audience) && !r.bool('AUTH_JWT_ANY_ISSUER_AUDIENCE', false)) {
    problems.push(
      `${!issuer ? 'AUTH_JWT_ISSUER' : 'AUTH_JWT_AUDIENCE'}: required in AUTH_MODE=jwt (set AUTH_JWT_ISSUER and AUTH_JWT_AUDIENCE; AUTH_JWT_ANY_ISSUER_AUDIENCE=true accepts any, not recommended)`,
    );
  }
  return {
    mode,
    jwks,
    issuer,
    audience,
    algorithms,
    clockToleranceSeconds: r.int('AUTH_JWT_CLOCK_TOLERANCE_SECONDS', 30, 0, 600),
    scopesClaim: r.string('AUTH_JWT_SCOPES_CLAIM') ?? 'scope',
    nameClaim: r.string('AUTH_JWT_NAME_CLAIM') ?? 'sub',
  };
}

function readApiKeys(r: Reader, problems: string[]): ApiKeyConfig[] {
  const inline = r.string('API_KEYS');
  const file = r.string('API_KEYS_FILE');
  if (inline && file) {
    problems.push('API_KEYS and API_KEYS_FILE are both set; set one');
    return [];
  }
  let text = inline;
  if (file) {
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      problems.push(`API_KEYS_FILE: cannot read "${file}" (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
      return [];
    }
  }
  if (!text) return [];
  const name = file ? 'API_KEYS_FILE' : 'API_KEYS';
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    problems.push(`${name}: not JSON (expected [{"name": "...", "sha256": "<hex>", "scopes": ["kensho:app:nerd"]}])`);
    return [];
  }
  if (!Array.isArray(parsed)) {
    problems.push(`${name}: expected a JSON array of keys`);
    return [];
  }
  const keys: ApiKeyConfig[] = [];
  parsed.forEach((k: unknown, i) => {
    const entry = k as Partial<Record<'name' | 'sha256' | 'scopes', unknown>>;
    const where = `${name}[${i}]`;
    if (typeof entry?.name !== 'string' || !entry.name) return void problems.push(`${where}: needs a "name"`);
    if (typeof entry.sha256 !== 'string' || !/^[0-9a-fA-F]{64}$/.test(entry.sha256)) return void problems.push(`${where} (${entry.name}): "sha256" must be the 64-hex-digit SHA-256 of the key, not the key itself`);
    if (!Array.isArray(entry.scopes) || entry.scopes.some((s) => !(CALLER_SCOPES as readonly unknown[]).includes(s))) {
      return void problems.push(`${where} (${entry.name}): "scopes" must list some of ${CALLER_SCOPES.join(', ')}`);
    }
    keys.push({ name: entry.name, sha256: entry.sha256.toLowerCase(), scopes: entry.scopes as string[] });
  });
  if (new Set(keys.map((k) => k.sha256)).size !== keys.length) problems.push(`${name}: the same key hash appears twice`);
  return keys;
}

function readKeyPair(r: Reader, problems: string[]): KeyPairConfig | undefined {
  const clientId = r.string('KENSHO_CLIENT_ID');
  const privateKey = r.privateKey('KENSHO_PRIVATE_KEY_FILE', 'KENSHO_PRIVATE_KEY');
  const tokenUrl = r.url('KENSHO_TOKEN_URL', DEFAULTS.KENSHO_TOKEN_URL);
  const assertionLifetimeSeconds = r.int('KENSHO_ASSERTION_LIFETIME_SECONDS', DEFAULTS.KENSHO_ASSERTION_LIFETIME_SECONDS, 60, 3600);
  if (clientId && privateKey === undefined) {
    problems.push('KENSHO_CLIENT_ID is set but neither KENSHO_PRIVATE_KEY_FILE nor KENSHO_PRIVATE_KEY is');
  }
  if (!clientId && privateKey) {
    problems.push('KENSHO_PRIVATE_KEY_FILE/KENSHO_PRIVATE_KEY is set but KENSHO_CLIENT_ID is not (Kensho sends the Client ID when you register the public key)');
  }
  if (!clientId || !privateKey) return undefined;
  return { clientId, privateKey, tokenUrl, assertionLifetimeSeconds };
}

function readAppCredential(r: Reader, app: string, keyPair: KeyPairConfig | undefined): KenshoAppCredential {
  // Precedence per app (docs/configuration.md, "Credentials and precedence"): the app's own refresh token, then its own pasted
  // access token, then the shared key pair. An app-specific setting is the more deliberate one:
  // a Client ID granted only NERD plus an Extract trial refresh token must serve both apps.
  const variables = appTokenVariables(app);
  const refreshToken = r.secret(variables.refresh);
  const accessToken = r.secret(variables.access);
  if (refreshToken) return { kind: 'refresh-token', refreshToken };
  if (accessToken) return { kind: 'access-token', accessToken };
  if (keyPair) return { kind: 'key-pair' };
  return { kind: 'none' };
}

function readSkykit(r: Reader, problems: string[]): SkykitCredentialConfig | undefined {
  const issuer = r.string('SKYKIT_ISSUER');
  const privateKey = r.privateKey('SKYKIT_PRIVATE_KEY_FILE', 'SKYKIT_PRIVATE_KEY');
  const jwtLifetimeSeconds = r.int('SKYKIT_JWT_LIFETIME_SECONDS', DEFAULTS.SKYKIT_JWT_LIFETIME_SECONDS, 60, 3600);
  if (issuer && !/^[^@\s]+@[^@\s]+$/.test(issuer)) problems.push(`SKYKIT_ISSUER: "${issuer}" is not an e-mail address (Skykit registers an e-mail)`);
  if (issuer && privateKey === undefined) problems.push('SKYKIT_ISSUER is set but neither SKYKIT_PRIVATE_KEY_FILE nor SKYKIT_PRIVATE_KEY is');
  if (!issuer && privateKey) problems.push('SKYKIT_PRIVATE_KEY_FILE/SKYKIT_PRIVATE_KEY is set but SKYKIT_ISSUER is not');
  if (!issuer || !privateKey) return undefined;
  return { issuer, privateKey, jwtLifetimeSeconds };
}

/**
 * The proxy variables as curl and undici's EnvHttpProxyAgent read them: the upper-case spelling
 * first, then the lower-case one. Read here because nothing else may read `process.env`.
 */
function readProxy(r: Reader, problems: string[], env: Env): Config['proxy'] {
  const pick = (name: string): string | undefined => {
    const upper = r.secret(name);
    if (upper !== undefined) return upper;
    const lower = env[name.toLowerCase()]?.trim();
    return lower ? lower : undefined;
  };
  const proxyUrl = (name: string): string | undefined => {
    const raw = pick(name);
    if (raw === undefined) return undefined;
    try {
      const url = new URL(raw);
      if (url.protocol === 'http:' || url.protocol === 'https:') return raw;
    } catch {
      /* reported below */
    }
    // The value may hold a proxy password: name the variable, never echo it.
    problems.push(`${name}: not an http(s) proxy URL (expected e.g. http://proxy.example:3128)`);
    return undefined;
  };
  return { httpsProxy: proxyUrl('HTTPS_PROXY'), httpProxy: proxyUrl('HTTP_PROXY'), noProxy: pick('NO_PROXY') };
}

function readCacheUrl(r: Reader, problems: string[]): string | undefined {
  const raw = r.string('CACHE_URL');
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    problems.push('CACHE_URL: not a URL (expected empty for in-process, or redis://host:port)');
    return undefined;
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    problems.push(`CACHE_URL: scheme "${url.protocol}" is not supported (use redis:// or rediss://, or leave it empty)`);
  }
  return raw;
}

function readOrigins(r: Reader, problems: string[]): string[] {
  const raw = r.string('CORS_ORIGINS');
  if (!raw) return [];
  const origins = raw.split(',').map((o) => o.trim()).filter(Boolean);
  for (const origin of origins) {
    let ok = false;
    try {
      const url = new URL(origin);
      ok = (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === origin;
    } catch {
      ok = false;
    }
    if (!ok) problems.push(`CORS_ORIGINS: "${origin}" is not an origin like https://app.example.com (no path, no "*")`);
  }
  return origins;
}

/**
 * ALLOWED_HOSTS: the host names requests may be addressed to, beyond loopback names and IP
 * addresses (server/host-check.ts). Without authentication a page that rebinds its own name to
 * the gateway's address could use it, so AUTH_MODE=none allows no other name unless listed, and
 * never "*"; where callers must present a key or token (never sent by a browser on its own), any.
 */
function readAllowedHosts(r: Reader, problems: string[], authMode: InboundAuthConfig['mode']): string[] {
  const raw = r.string('ALLOWED_HOSTS');
  if (raw === undefined) return authMode === 'none' ? [] : ['*'];
  const hosts = raw.split(',').map((h) => h.trim().toLowerCase().replace(/\.$/, '')).filter(Boolean);
  for (const host of hosts) {
    if (host === '*') {
      if (authMode === 'none') problems.push('ALLOWED_HOSTS: "*" with AUTH_MODE=none lets any web page use the gateway through DNS rebinding; list the host names instead');
    } else if (!/^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(host)) {
      problems.push(`ALLOWED_HOSTS: "${host.slice(0, 100)}" is not a host name (e.g. gateway.example.com or *.example.com; no scheme, port or path)`);
    }
  }
  return hosts;
}

function readEncryptionKey(r: Reader, problems: string[], cacheUrl: string | undefined, env: Env): Uint8Array | undefined {
  const raw = env.CACHE_ENCRYPTION_KEY?.trim();
  if (!raw) {
    // Upstream tokens are worth money: they go to a shared store only encrypted, unless forced.
    if (cacheUrl && !r.bool('CACHE_ALLOW_PLAINTEXT', false)) {
      problems.push('CACHE_ENCRYPTION_KEY: CACHE_URL puts upstream tokens in Redis, which needs a 32-byte key (base64: openssl rand -base64 32), or set CACHE_ALLOW_PLAINTEXT=true');
    }
    return undefined;
  }
  const key = Buffer.from(raw.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (key.length !== 32) {
    problems.push(`CACHE_ENCRYPTION_KEY: must be 32 bytes in base64 (it decodes to ${key.length}); make one with openssl rand -base64 32`);
    return undefined;
  }
  return new Uint8Array(key);
}

function readNamespace(r: Reader, problems: string[]): string {
  const ns = r.string('CACHE_NAMESPACE') ?? DEFAULTS.CACHE_NAMESPACE;
  // Apollo prefixes persisted-query keys with "apq:"; a Keyv namespace of "apq" makes every
  // batched read miss (STACK-NOTES trap 4).
  if (ns === 'apq') problems.push('CACHE_NAMESPACE: "apq" collides with Apollo persisted-query keys; choose another');
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(ns)) problems.push('CACHE_NAMESPACE: use 1-64 letters, digits, "_" or "-"');
  return ns;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    // KeyObjects are class instances holding native handles; freezing them is harmless but
    // pointless, so only plain objects are walked.
    if (Object.getPrototypeOf(value) === Object.prototype) {
      for (const v of Object.values(value)) deepFreeze(v);
      Object.freeze(value);
    }
  }
  return value;
}
