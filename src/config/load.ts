import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import type { ApiKeyConfig, Config, InboundAuthConfig, KenshoAppCredential, KeyPairConfig, SkykitCredentialConfig } from './types.js';
import { loadRsaPrivateKey } from './private-key.js';
import { UPSTREAM_APPS } from '../upstreams/registry.js';
import { readTelemetry } from './telemetry.js';

/** Production defaults (UPSTREAMS.md). */
export const DEFAULTS = Object.freeze({
  HOST: '127.0.0.1',
  PORT: 4000,
  KENSHO_TOKEN_URL: 'https://kensho.okta.com/oauth2/default/v1/token',
  KENSHO_NERD_URL: 'https://nerd.kensho.com',
  KENSHO_EXTRACT_URL: 'https://extract.kensho.com',
  KENSHO_SCRIBE_URL: 'https://scribe.kensho.com',
  KENSHO_KFINANCE_URL: 'https://kfinance.kensho.com',
  SKYKIT_URL: 'https://skykit-provisioning.appspot.com',
  KENSHO_LINK_URL: 'https://link-streaming.kensho.com',
  // 60 minutes: Kensho's access tokens may live only as long as the assertion (UPSTREAMS §1.1),
  // and a 5-minute assertion would mean a token request every few minutes per scope.
  KENSHO_ASSERTION_LIFETIME_SECONDS: 3600,
  SKYKIT_JWT_LIFETIME_SECONDS: 3300,
  UPSTREAM_TIMEOUT_MS: 30_000,
  NERD_MAX_TEXT_CHARS: 100_000,
  NERD_ASYNC_THRESHOLD_CHARS: 20_000,
  NERD_JOB_TIMEOUT_MS: 120_000,
  NERD_MAX_RETRY_AFTER_SECONDS: 5,
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

type Env = Readonly<Record<string, string | undefined>>;

/** The Kensho apps with a credential setting of their own (the key pair serves them all). */
type KenshoApp = 'NERD' | 'EXTRACT' | 'LINK' | 'SCRIBE' | 'KFINANCE';
/** The keys of the apps in the registry that take Kensho tokens (an OAuth scope): every app but Skykit. */
const KENSHO_APP_KEYS: readonly string[] = UPSTREAM_APPS.filter((app) => app.scope !== '').map((app) => app.key);

/** The variables holding an app's own refresh token and pasted access token ("nerd" → KENSHO_NERD_REFRESH_TOKEN). */
export function appTokenVariables(app: string): { readonly refresh: string; readonly access: string } {
  const prefix = `KENSHO_${app.toUpperCase()}`;
  return { refresh: `${prefix}_REFRESH_TOKEN`, access: `${prefix}_ACCESS_TOKEN` };
}

/** The variables that hold credentials; `npm start` uses them to decide on the simulator. */
export const CREDENTIAL_VARIABLES: readonly string[] = [
  'KENSHO_CLIENT_ID',
  'KENSHO_PRIVATE_KEY_FILE',
  'KENSHO_PRIVATE_KEY',
  ...KENSHO_APP_KEYS.flatMap((app) => Object.values(appTokenVariables(app))),
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
  const nerd = readAppCredential(r, 'NERD', keyPair);
  const extract = readAppCredential(r, 'EXTRACT', keyPair);
  const link = readAppCredential(r, 'LINK', keyPair);
  const scribe = readAppCredential(r, 'SCRIBE', keyPair);
  const kfinance = readAppCredential(r, 'KFINANCE', keyPair);
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
      corsOrigins: readOrigins(r, problems),
      allowedHosts: readAllowedHosts(r, problems, auth.mode),
      metricsToken: r.secret('METRICS_TOKEN'),
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
    kensho: { keyPair, nerd, extract, link, scribe, kfinance },
    skykit,
    upstreams: {
      nerdUrl: r.url('KENSHO_NERD_URL', DEFAULTS.KENSHO_NERD_URL),
      extractUrl: r.url('KENSHO_EXTRACT_URL', DEFAULTS.KENSHO_EXTRACT_URL),
      skykitUrl: r.url('SKYKIT_URL', DEFAULTS.SKYKIT_URL),
      linkUrl: r.url('KENSHO_LINK_URL', DEFAULTS.KENSHO_LINK_URL),
      scribeUrl: r.url('KENSHO_SCRIBE_URL', DEFAULTS.KENSHO_SCRIBE_URL),
      kfinanceUrl: r.url('KENSHO_KFINANCE_URL', DEFAULTS.KENSHO_KFINANCE_URL),
      timeoutMs: r.int('UPSTREAM_TIMEOUT_MS', DEFAULTS.UPSTREAM_TIMEOUT_MS, 100, 600_000),
      retryAttempts: r.int('UPSTREAM_RETRY_ATTEMPTS', 6, 1, 10),
      retryInitialDelayMs: r.int('UPSTREAM_RETRY_INITIAL_DELAY_MS', 100, 1, 60_000),
      breakerThreshold: r.int('UPSTREAM_BREAKER_THRESHOLD', 5, 1, 1_000),
      breakerHalfOpenMs: r.int('UPSTREAM_BREAKER_HALF_OPEN_MS', 10_000, 100, 600_000),
    },
    nerd: {
      maxTextChars: r.int('NERD_MAX_TEXT_CHARS', DEFAULTS.NERD_MAX_TEXT_CHARS, 1, 100_000_000),
      asyncThresholdChars: r.int('NERD_ASYNC_THRESHOLD_CHARS', DEFAULTS.NERD_ASYNC_THRESHOLD_CHARS, 1, 100_000_000),
      jobTimeoutMs: r.int('NERD_JOB_TIMEOUT_MS', DEFAULTS.NERD_JOB_TIMEOUT_MS, 100, 3_600_000),
      resultCacheTtlSeconds: r.int('NERD_CACHE_TTL_SECONDS', 3600, 0, 30 * 86_400),
      maxRetryAfterSeconds: r.int('NERD_MAX_RETRY_AFTER_SECONDS', DEFAULTS.NERD_MAX_RETRY_AFTER_SECONDS, 0, 300),
    },
    extract: {
      maxFileBytes: r.int('EXTRACT_MAX_FILE_BYTES', 100_000_000, 1, 1024 * 1024 * 1024),
      uploadUrlThresholdBytes: r.int('EXTRACT_UPLOAD_URL_THRESHOLD_BYTES', 25 * 1024 * 1024, 0, 1024 * 1024 * 1024),
      uploadTimeoutMs: r.int('EXTRACT_UPLOAD_TIMEOUT_MS', 300_000, 1_000, 3_600_000),
      pollInitialMs: r.int('EXTRACT_POLL_INITIAL_MS', 500, 10, 60_000),
      pollMaxMs: r.int('EXTRACT_POLL_MAX_MS', 10_000, 10, 600_000),
      maxAwaitSeconds: r.int('EXTRACT_MAX_AWAIT_SECONDS', 60, 1, 3_600),
      entitiesBatchChars: r.int('EXTRACT_ENTITIES_BATCH_CHARS', 20_000, 100, 100_000_000),
      resultCacheBytes: r.int('EXTRACT_RESULT_CACHE_MB', 64, 0, 65_536) * 1024 * 1024,
    },
    link: {
      maxRecords: r.int('LINK_MAX_RECORDS', 1000, 1, 100_000),
      batchSize: r.int('LINK_BATCH_SIZE', 100, 1, 10_000),
      concurrency: r.int('LINK_CONCURRENCY', 4, 1, 32),
      maxTopN: r.int('LINK_MAX_TOP_N', 10, 1, 100),
    },
    scribe: {
      maxFileBytes: r.int('SCRIBE_MAX_FILE_BYTES', 1_000_000_000, 1, 1_000_000_000),
      uploadTimeoutMs: r.int('SCRIBE_UPLOAD_TIMEOUT_MS', 1_800_000, 1_000, 3_600_000),
      // Scribe's guidance: poll with HEAD 2 s or more apart, backing off (UPSTREAMS-MORE §1.4).
      pollInitialMs: r.int('SCRIBE_POLL_INITIAL_MS', 2_000, 10, 60_000),
      pollMaxMs: r.int('SCRIBE_POLL_MAX_MS', 15_000, 10, 600_000),
      maxAwaitSeconds: r.int('SCRIBE_MAX_AWAIT_SECONDS', 60, 1, 3_600),
      requestsPerSecond: r.int('SCRIBE_REQUESTS_PER_SECOND', 4, 1, 5),
      allowPrivateMediaUrls: r.bool('SCRIBE_ALLOW_PRIVATE_MEDIA_URLS', false),
    },
    kfinance: {
      companyCacheTtlSeconds: r.int('KFINANCE_COMPANY_CACHE_TTL_SECONDS', 6 * 3600, 0, 30 * 86_400),
      historyCacheTtlSeconds: r.int('KFINANCE_HISTORY_CACHE_TTL_SECONDS', 86_400, 0, 30 * 86_400),
      financialsCacheTtlSeconds: r.int('KFINANCE_FINANCIALS_CACHE_TTL_SECONDS', 6 * 3600, 0, 30 * 86_400),
      listCacheTtlSeconds: r.int('KFINANCE_LIST_CACHE_TTL_SECONDS', 3600, 0, 30 * 86_400),
      mergersApi: r.oneOf('KFINANCE_MERGERS_API', ['v7', 'spec'] as const, 'v7'),
      renewOn403AfterSeconds: r.int('KFINANCE_RENEW_ON_403_AFTER_SECONDS', 30, 0, 3_600),
    },
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
    documentCacheBytes: r.int('DOCUMENT_CACHE_MB', 32, 0, 65_536) * 1024 * 1024,
    compileQueriesAfter: r.int('GRAPHQL_JIT_AFTER', 2, 0, 1_000_000),
    cacheEncryptionKey: readEncryptionKey(r, problems, cacheUrl, env),
    telemetry: readTelemetry(r, problems),
  };

  if (config.scribe.pollMaxMs < config.scribe.pollInitialMs) problems.push(`SCRIBE_POLL_MAX_MS: ${config.scribe.pollMaxMs} is below SCRIBE_POLL_INITIAL_MS (${config.scribe.pollInitialMs})`);
  if (config.extract.pollMaxMs < config.extract.pollInitialMs) problems.push(`EXTRACT_POLL_MAX_MS: ${config.extract.pollMaxMs} is below EXTRACT_POLL_INITIAL_MS (${config.extract.pollInitialMs})`);
  if (problems.length > 0) throw new ConfigError(problems);
  return deepFreeze(config);
}

/**
 * Caller scopes an API key or JWT may grant: each app's own, as `callerScope` reads a field's
 * (its OAuth scope, or its key where it has none: "skykit"), and "*" for all. Derived from the
 * app registry, like every list of apps.
 */
export const CALLER_SCOPES: readonly string[] = Object.freeze([...UPSTREAM_APPS.map((app) => app.scope || app.key), '*']);

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

function readAppCredential(r: Reader, app: KenshoApp, keyPair: KeyPairConfig | undefined): KenshoAppCredential {
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

/** A proxy URL for display: scheme, host and port only (a proxy's user:password is a secret). */
export function redactProxyUrl(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  try {
    const url = new URL(raw);
    return `${url.protocol}//${url.username || url.password ? '***@' : ''}${url.host}`;
  } catch {
    return '(invalid)';
  }
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

/** Small typed reader that records problems instead of throwing at the first one. */
export class Reader {
  constructor(
    private readonly env: Env,
    private readonly problems: string[],
  ) {}

  string(name: string): string | undefined {
    const v = this.env[name]?.trim();
    return v ? v : undefined;
  }

  /** Like string(), but the value is never repeated in a message. */
  secret(name: string): string | undefined {
    const v = this.string(name);
    if (v && /\s/.test(v)) {
      this.problems.push(`${name}: contains whitespace; paste the token alone`);
      return undefined;
    }
    return v;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    if (!/^[-+]?\d+$/.test(raw)) {
      this.problems.push(`${name}: "${raw}" is not a whole number (it must be between ${min} and ${max})`);
      return fallback;
    }
    const n = Number(raw);
    if (n < min || n > max) {
      this.problems.push(`${name}: ${raw} must be between ${min} and ${max}`);
      return fallback;
    }
    return n;
  }

  bool(name: string, fallback: boolean): boolean {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    if (raw === 'true' || raw === 'false') return raw === 'true';
    this.problems.push(`${name}: "${raw}" is not true or false`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    this.problems.push(`${name}: "${raw}" is not one of ${allowed.join(', ')}`);
    return fallback;
  }

  url(name: string, fallback: string): string {
    const raw = this.string(name) ?? fallback;
    try {
      const url = new URL(raw);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('scheme');
      if (url.username || url.password) {
        this.problems.push(`${name}: must not carry user:password`);
      }
      return raw.replace(/\/+$/, '');
    } catch {
      this.problems.push(`${name}: "${raw}" is not an http(s) URL`);
      return fallback;
    }
  }

  /**
   * A private key from `<fileVar>` (a path) or `<pemVar>` (the PEM itself). Returns undefined when
   * neither is set, null when set but unusable (the problem is recorded).
   */
  privateKey(fileVar: string, pemVar: string): import('node:crypto').KeyObject | undefined | null {
    const file = this.string(fileVar);
    const pem = this.env[pemVar]?.trim() ? this.env[pemVar] : undefined;
    if (file && pem) {
      this.problems.push(`${fileVar} and ${pemVar} are both set; set one`);
      return null;
    }
    if (!file && !pem) return undefined;
    let text: string;
    const source = file ? fileVar : pemVar;
    if (file) {
      try {
        text = readFileSync(file, 'utf8');
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code ?? 'error';
        this.problems.push(`${fileVar}: cannot read "${file}" (${code})`);
        return null;
      }
    } else {
      // Environments often flatten newlines in multi-line values to a literal "\n".
      text = (pem as string).replace(/\\n/g, '\n');
    }
    try {
      return loadRsaPrivateKey(text);
    } catch (e) {
      this.problems.push(`${source}: ${(e as Error).message}`);
      return null;
    }
  }
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
