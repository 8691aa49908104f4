import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { KeyPairConfig } from '../../config/types.js';
import { GatewayError, UpstreamError, scrubUpstreamText, type UpstreamRef } from '../../errors.js';
import { send, stringField } from '../../net/send.js';
import type { Transport } from '../../net/transport.js';
import { earliestExpiry, type Credential, type ObtainedToken } from './credential.js';

/** Kensho's token endpoint, as errors name it. */
export const OKTA: UpstreamRef = Object.freeze({ key: 'okta', name: 'the Kensho token endpoint' });

export interface OktaCredentialOptions {
  readonly keyPair: KeyPairConfig;
  readonly transport: Transport;
  readonly clock: () => number;
  readonly timeoutMs: number;
}

/**
 * Kensho's production flow (UPSTREAMS §1.1): Okta client credentials with a client assertion,
 * an RS256 JWT signed with the customer's private key. One credential serves every Kensho app;
 * the token manager asks it for one scope at a time.
 */
export class OktaCredential implements Credential {
  readonly kind = 'key-pair' as const;
  readonly renewable = true;
  readonly id: string;

  constructor(private readonly options: OktaCredentialOptions) {
    // The Client ID is not a secret (Kensho: "a Client ID, not a secret").
    this.id = `okta:${options.keyPair.clientId}`;
  }

  /** Signs a fresh assertion (unique `jti`: Okta refuses replays) and exchanges it for a token. */
  async obtain(scope: string, signal?: AbortSignal): Promise<ObtainedToken> {
    const { clientId, privateKey, tokenUrl, assertionLifetimeSeconds } = this.options.keyPair;
    const nowSeconds = Math.floor(this.options.clock() / 1000);
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
      .setIssuer(clientId)
      .setSubject(clientId)
      .setAudience(tokenUrl)
      .setIssuedAt(nowSeconds)
      .setExpirationTime(nowSeconds + assertionLifetimeSeconds)
      .setJti(randomUUID())
      .sign(privateKey);

    const response = await send({
      upstream: OKTA,
      endpoint: 'okta.token',
      url: tokenUrl,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        scope,
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: assertion,
      }).toString(),
      timeoutMs: this.options.timeoutMs,
      signal,
      transport: this.options.transport,
    }).catch((error: unknown) => {
      throw error instanceof UpstreamError ? authUnavailable(error.message, error) : error;
    });

    if (response.status === 200) {
      const accessToken = stringField(response.body, 'access_token');
      if (!accessToken) {
        throw new UpstreamError('UPSTREAM_BAD_RESPONSE', 'okta', 'The Kensho token endpoint answered 200 without an access_token', { status: 200 });
      }
      const expiresIn = numberish((response.body as Record<string, unknown>).expires_in);
      // Okta tokens last at most 60 minutes; if neither expires_in nor exp is readable, assume 5.
      return { accessToken, expiresAt: earliestExpiry(this.options.clock(), accessToken, expiresIn, 300_000) };
    }
    throw oktaError(response.status, response.body, scope, clientId);
  }
}

/** Maps an Okta error answer (RFC 6749 §5.2) to a gateway error; never echoes the assertion. */
export function oktaError(status: number, body: unknown, scope: string, clientId: string): GatewayError {
  const error = stringField(body, 'error');
  const description = scrubUpstreamText(stringField(body, 'error_description'));
  const detail = description ? `: ${description}` : '';
  const extensions = { oauthError: error ?? null };
  if (status === 429 || status >= 500) {
    return authUnavailable(`The Kensho token endpoint is unavailable (HTTP ${status})`, undefined, status);
  }
  switch (error) {
    case 'invalid_scope':
      return new UpstreamError('UPSTREAM_FORBIDDEN', 'okta', `Kensho client ${clientId} is not granted the scope ${scope}${detail}`, {
        status,
        extensions: { ...extensions, missingScope: scope },
      });
    case 'invalid_client':
    case 'invalid_grant':
    case 'unauthorized_client':
      return new UpstreamError('UPSTREAM_AUTH_FAILED', 'okta', `The Kensho token endpoint rejected client ${clientId} (${error})${detail}`, {
        status,
        extensions,
      });
    default:
      return new UpstreamError(
        'UPSTREAM_AUTH_FAILED',
        'okta',
        `The Kensho token endpoint refused the token request (HTTP ${status}${error ? `, ${error}` : ''})${detail}`,
        { status, extensions },
      );
  }
}

function authUnavailable(message: string, cause?: unknown, status?: number): UpstreamError {
  return new UpstreamError('UPSTREAM_AUTH_UNAVAILABLE', 'okta', message, { cause, status });
}

function numberish(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}
