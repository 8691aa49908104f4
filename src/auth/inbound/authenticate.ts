import { hash, timingSafeEqual } from 'node:crypto';
import { createLocalJWKSet, createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { InboundAuthConfig } from '../../config/types.js';
import { GatewayError } from '../../errors.js';
import { ANONYMOUS, UnauthenticatedError, type Caller } from './caller.js';

/** Headers as node gives them. */
type Headers = Readonly<Record<string, string | string[] | undefined>>;

/** Turns request headers into a Caller, or throws UnauthenticatedError. */
export type Authenticator = (headers: Headers) => Promise<Caller>;

/** Builds the authenticator for the configured mode (none, api-key or jwt); `clock` is when a JWT's `exp` and `nbf` are checked. */
export function createAuthenticator(config: InboundAuthConfig, clock: () => number = Date.now): Authenticator {
  switch (config.mode) {
    case 'none':
      return async () => ANONYMOUS;
    case 'api-key':
      return apiKeyAuthenticator(config.keys);
    case 'jwt':
      return jwtAuthenticator(config, clock);
  }
}

function header(headers: Headers, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function bearer(headers: Headers): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header(headers, 'authorization') ?? '');
  return m?.[1];
}

/**
 * API keys: sent as `x-api-key` or `Authorization: Bearer`; only their SHA-256 is configured.
 * Keys are random and long, so a fast hash suffices; comparison is constant-time.
 */
function apiKeyAuthenticator(keys: Extract<InboundAuthConfig, { mode: 'api-key' }>['keys']): Authenticator {
  const table = keys.map((k) => ({ ...k, digest: Buffer.from(k.sha256, 'hex'), scopeSet: new Set(k.scopes) }));
  return async (headers) => {
    const presented = header(headers, 'x-api-key') ?? bearer(headers);
    if (!presented) throw new UnauthenticatedError('An API key is required (x-api-key header or Authorization: Bearer)');
    const digest = hash('sha256', presented, 'buffer');
    let match: (typeof table)[number] | undefined;
    // Compare against every key so timing does not reveal which prefix matched.
    for (const k of table) if (timingSafeEqual(k.digest, digest)) match = k;
    if (!match) throw new UnauthenticatedError('The API key is not valid');
    return { name: match.name, scopes: match.scopeSet };
  };
}

function jwtAuthenticator(config: Extract<InboundAuthConfig, { mode: 'jwt' }>, clock: () => number): Authenticator {
  // jose's remote set fetches once, caches, and refetches with a cooldown on an unknown kid.
  const keys: JWTVerifyGetKey =
    'url' in config.jwks
      ? createRemoteJWKSet(new URL(config.jwks.url), { timeoutDuration: 5_000, cooldownDuration: 30_000, cacheMaxAge: 600_000 })
      : createLocalJWKSet({ keys: [...config.jwks.keys] });
  return async (headers) => {
    const token = bearer(headers);
    if (!token) throw new UnauthenticatedError('A bearer token is required (Authorization: Bearer <JWT>)');
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: config.issuer,
        audience: config.audience,
        algorithms: [...config.algorithms],
        clockTolerance: config.clockToleranceSeconds,
        currentDate: new Date(clock()),
        requiredClaims: ['exp'],
      }));
    } catch (error) {
      if (error instanceof joseErrors.JOSEError) throw new UnauthenticatedError(`The bearer token was rejected: ${describeJoseError(error)}`);
      // The key set could not be fetched: the gateway's problem, not the caller's.
      throw new GatewayError('AUTH_UNAVAILABLE', 'The key set that verifies bearer tokens cannot be reached; retry shortly');
    }
    const raw = payload[config.scopesClaim];
    const scopes = typeof raw === 'string' ? raw.split(/\s+/).filter(Boolean) : Array.isArray(raw) ? raw.filter((s): s is string => typeof s === 'string') : [];
    const name = payload[config.nameClaim];
    return { name: typeof name === 'string' && name ? name : 'jwt-caller', scopes: new Set(scopes) };
  };
}

function describeJoseError(error: InstanceType<typeof joseErrors.JOSEError>): string {
  if (error instanceof joseErrors.JWTExpired) return 'it has expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `claim "${error.claim}" is ${error.reason === 'missing' ? 'missing' : 'not accepted'}`;
  if (error instanceof joseErrors.JWKSNoMatchingKey) return 'no key in the key set matches it';
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'its algorithm is not allowed';
  if (error instanceof joseErrors.JWKSTimeout) return 'the key set timed out';
  return 'it is not a valid signed JWT';
}
