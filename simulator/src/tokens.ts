import { randomUUID } from 'node:crypto';
import { SignJWT, generateKeyPair, jwtVerify, type CryptoKey } from 'jose';

/** Claims of an access token the simulator issued (Okta's usual shape, UPSTREAMS §1.1). */
export interface SimAccessClaims {
  readonly sub: string;
  readonly cid: string;
  readonly scp: string[];
  readonly jti: string;
  readonly iat: number;
  readonly exp: number;
}

/** Outcome of checking a bearer token. */
export type TokenCheck = { ok: true; claims: SimAccessClaims } | { ok: false; reason: string };

/**
 * The simulator's token authority: signs RS256 access tokens with its own key (as Okta does) and
 * verifies them on every app endpoint, honouring revocation.
 */
export class TokenAuthority {
  /** jti of every token issued and not yet revoked; revocation moves them to `revoked`. */
  private readonly issued = new Set<string>();
  private readonly revoked = new Set<string>();

  private constructor(
    private readonly privateKey: CryptoKey,
    private readonly publicKey: CryptoKey,
    private readonly issuer: () => string,
    private readonly clock: () => number,
  ) {}

  /** Creates an authority with a fresh key pair. */
  static async create(issuer: () => string, clock: () => number): Promise<TokenAuthority> {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    return new TokenAuthority(privateKey, publicKey, issuer, clock);
  }

  /** Signs an access token for `clientId` with `scopes`, valid for `lifetimeSeconds` (or until `expiresAt` ms). */
  async issue(clientId: string, scopes: string[], lifetime: { seconds: number } | { expiresAt: number }): Promise<{ token: string; exp: number }> {
    const iat = Math.floor(this.clock() / 1000);
    const exp = 'seconds' in lifetime ? iat + lifetime.seconds : Math.floor(lifetime.expiresAt / 1000);
    const jti = randomUUID();
    this.issued.add(jti);
    const token = await new SignJWT({ cid: clientId, scp: scopes })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: 'sim-1' })
      .setIssuer(this.issuer())
      .setAudience('api://default')
      .setSubject(clientId)
      .setJti(jti)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(this.privateKey);
    return { token, exp };
  }

  /** Every token issued until now stops working. */
  revokeAll(): void {
    for (const jti of this.issued) this.revoked.add(jti);
    this.issued.clear();
  }

  /** Verifies signature, issuer, expiry (on the simulator's clock) and revocation. */
  async check(token: string | undefined): Promise<TokenCheck> {
    if (!token) return { ok: false, reason: 'missing bearer token' };
    try {
      const { payload } = await jwtVerify(token, this.publicKey, {
        issuer: this.issuer(),
        algorithms: ['RS256'],
        currentDate: new Date(this.clock()),
      });
      const claims = payload as unknown as SimAccessClaims;
      if (this.revoked.has(claims.jti)) return { ok: false, reason: 'token revoked' };
      return { ok: true, claims: { ...claims, scp: Array.isArray(claims.scp) ? claims.scp : [] } };
    } catch (error) {
      const code = (error as { code?: string }).code;
      return { ok: false, reason: code === 'ERR_JWT_EXPIRED' ? 'token expired' : 'invalid token' };
    }
  }
}
