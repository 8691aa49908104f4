import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { SkykitCredentialConfig } from '../../config/types.js';
import type { Credential, ObtainedToken } from '../../auth/outbound/credential.js';

/**
 * How far `iat` is set back. Skykit accepts a token only between its `iat` and `exp` [doc], so a
 * gateway clock a little ahead of Skykit's would otherwise mint tokens that are not valid yet.
 */
export const SKYKIT_IAT_BACKDATE_SECONDS = 30;

/**
 * Skykit's credential (UPSTREAMS §4): no token endpoint; the gateway signs its own RS256 JWT
 * with `iss` = the registered e-mail, `iat` and `exp` (exp − iat ≤ 1 h). The token manager caches
 * it like any token, so one JWT serves every request until it nears expiry, and a 401 re-mints.
 * Every token carries a random `jti`: iat has one-second resolution, so without it a token
 * re-minted after a 401 within the same second would be byte-identical to the rejected one.
 */
export class SkykitJwtCredential implements Credential {
  readonly kind = 'skykit-jwt' as const;
  readonly renewable = true;
  readonly id: string;

  constructor(
    private readonly config: SkykitCredentialConfig,
    private readonly clock: () => number,
  ) {
    this.id = `skykit:${config.issuer}`;
  }

  /** Signs a fresh, unique JWT; `scope` does not apply to Skykit and is ignored. */
  async obtain(): Promise<ObtainedToken> {
    const iat = Math.floor(this.clock() / 1000) - SKYKIT_IAT_BACKDATE_SECONDS;
    // Counted from the backdated iat, so exp − iat stays within Skykit's one hour.
    const exp = iat + Math.min(3600, this.config.jwtLifetimeSeconds);
    // No claim beyond iss/iat/exp is documented; a JWT library ignores an unknown jti.
    const accessToken = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
      .setJti(randomUUID())
      .setIssuer(this.config.issuer)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(this.config.privateKey);
    return { accessToken, expiresAt: exp * 1000 };
  }
}
