import { SignJWT } from 'jose';
import type { SkykitCredentialConfig } from '../../config/types.js';
import type { Credential, ObtainedToken } from './credential.js';

/**
 * Skykit's credential (UPSTREAMS §4): no token endpoint; the gateway signs its own RS256 JWT
 * with `iss` = the registered e-mail, `iat` and `exp` (exp − iat ≤ 1 h). The token manager caches
 * it like any token, so one JWT serves every request until it nears expiry, and a 401 re-mints.
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

  /** Signs a fresh JWT; `scope` does not apply to Skykit and is ignored. */
  async obtain(): Promise<ObtainedToken> {
    const iat = Math.floor(this.clock() / 1000);
    const exp = iat + Math.min(3600, this.config.jwtLifetimeSeconds);
    const accessToken = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
      .setIssuer(this.config.issuer)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(this.config.privateKey);
    return { accessToken, expiresAt: exp * 1000 };
  }
}
