import type { IncomingMessage } from 'node:http';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { decodeJwt, jwtVerify } from 'jose';
import { SimHttpError, mediaType, readBody } from './http-util.js';
import type { TokenAuthority } from './tokens.js';

/** A key-pair client as Kensho registers it: Client ID, public key, granted scopes. */
export interface RegisteredClient {
  readonly clientId: string;
  readonly publicKey: KeyObject;
  readonly scopes: ReadonlySet<string>;
}

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** Okta's error answer (RFC 6749 §5.2). */
function oauthError(status: number, error: string, description: string): SimHttpError {
  return new SimHttpError(status, { error, error_description: description });
}

/**
 * Okta's token endpoint for client credentials with a client assertion (UPSTREAMS §1.1), as
 * strict as the real one: form encoding only, RS256 assertion with iss = sub = a registered
 * client, aud = this endpoint's URL, exp at most 60 minutes ahead, no replayed jti, and only the
 * scopes granted to the client.
 */
export class OktaSimulator {
  private readonly clients = new Map<string, RegisteredClient>();
  /** Used jti → when the assertion expires (ms); Okta rejects a reused assertion. */
  private readonly usedJti = new Map<string, number>();

  constructor(
    private readonly tokenUrl: () => string,
    private readonly authority: TokenAuthority,
    private readonly clock: () => number,
    private readonly lifetimeSeconds: () => number,
    /** Kensho: access tokens from this flow may follow the assertion's `exp` (UPSTREAMS §1.1). */
    private readonly followsAssertion: () => boolean = () => true,
  ) {}

  /** Registers a client (what Kensho does with a customer's public key). */
  register(clientId: string, publicKey: KeyObject | string, scopes: string[]): void {
    const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey.type === 'private' ? createPublicKey(publicKey) : publicKey;
    this.clients.set(clientId, { clientId, publicKey: key, scopes: new Set(scopes) });
  }

  /** Handles POST /oauth2/default/v1/token; returns the granted scope string and the answer. */
  async handle(req: IncomingMessage): Promise<{ scope: string; body: Record<string, unknown> }> {
    if (req.method !== 'POST') throw oauthError(405, 'invalid_request', 'the token endpoint accepts POST only');
    if (mediaType(req) !== 'application/x-www-form-urlencoded') {
      throw oauthError(400, 'invalid_request', 'the request body must be application/x-www-form-urlencoded');
    }
    const form = new URLSearchParams((await readBody(req)).toString('utf8'));
    if (form.get('grant_type') !== 'client_credentials') {
      throw oauthError(400, 'unsupported_grant_type', 'grant_type must be client_credentials');
    }
    if (form.get('client_assertion_type') !== ASSERTION_TYPE) {
      throw oauthError(400, 'invalid_request', `client_assertion_type must be ${ASSERTION_TYPE}`);
    }
    const assertion = form.get('client_assertion');
    if (!assertion) throw oauthError(400, 'invalid_request', 'client_assertion is required');
    const { client, exp } = await this.verifyAssertion(assertion);

    const requested = (form.get('scope') ?? '').split(/\s+/).filter(Boolean);
    if (requested.length === 0) throw oauthError(400, 'invalid_scope', 'scope is required');
    const denied = requested.filter((s) => !client.scopes.has(s));
    if (denied.length > 0) {
      throw oauthError(400, 'invalid_scope', `The following scopes are not allowed for this client: ${denied.join(' ')}`);
    }
    const scopes = [...new Set(requested)].sort();
    // At most 60 minutes; with a short assertion, no longer than the assertion itself lives.
    const untilAssertionExpires = Math.floor((exp * 1000 - this.clock()) / 1000);
    const lifetime = Math.max(1, Math.min(3600, this.lifetimeSeconds(), this.followsAssertion() ? untilAssertionExpires : 3600));
    const { token } = await this.authority.issue(client.clientId, scopes, { seconds: lifetime });
    const scope = scopes.join(' ');
    return { scope, body: { token_type: 'Bearer', expires_in: lifetime, access_token: token, scope } };
  }

  private async verifyAssertion(assertion: string): Promise<{ client: RegisteredClient; exp: number }> {
    let unverified: ReturnType<typeof decodeJwt>;
    try {
      unverified = decodeJwt(assertion);
    } catch {
      throw oauthError(401, 'invalid_client', 'The client_assertion is not a well-formed JWT.');
    }
    const client = typeof unverified.iss === 'string' ? this.clients.get(unverified.iss) : undefined;
    if (!client) throw oauthError(401, 'invalid_client', 'The client_assertion names a client that is not registered (iss).');
    const now = this.clock();
    let payload: Awaited<ReturnType<typeof jwtVerify>>['payload'];
    try {
      ({ payload } = await jwtVerify(assertion, client.publicKey, {
        algorithms: ['RS256'],
        issuer: client.clientId,
        subject: client.clientId,
        audience: this.tokenUrl(),
        requiredClaims: ['exp', 'iat'],
        currentDate: new Date(now),
      }));
    } catch (error) {
      const code = (error as { code?: string }).code;
      const claim = (error as { claim?: string }).claim;
      const why =
        code === 'ERR_JWT_EXPIRED'
          ? 'The client_assertion token is expired.'
          : code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED'
            ? 'The client_assertion signature is invalid.'
            : code === 'ERR_JOSE_ALG_NOT_ALLOWED'
              ? 'The client_assertion must be signed with RS256.'
              : claim === 'aud'
                ? 'The audience (aud) of the client_assertion must be the token endpoint URL.'
                : claim
                  ? `The client_assertion claim ${claim} is invalid.`
                  : 'The client_assertion could not be verified.';
      throw oauthError(401, 'invalid_client', why);
    }
    const exp = payload.exp as number;
    if (exp * 1000 - now > 60 * 60 * 1000 + 5_000) {
      throw oauthError(401, 'invalid_client', 'The client_assertion expiration (exp) must be at most 60 minutes in the future.');
    }
    const jti = typeof payload.jti === 'string' ? payload.jti : undefined;
    if (jti) {
      for (const [id, until] of this.usedJti) if (until < now) this.usedJti.delete(id);
      if (this.usedJti.has(jti)) throw oauthError(401, 'invalid_client', 'The client_assertion token has already been used (jti).');
      this.usedJti.set(jti, exp * 1000);
    }
    return { client, exp };
  }
}
