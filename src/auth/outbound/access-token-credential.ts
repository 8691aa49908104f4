import { UpstreamError, type UpstreamRef } from '../../errors.js';
import { fingerprint, jwtExpiry, type Credential, type ObtainedToken } from './credential.js';

/**
 * A pasted access token (UPSTREAMS §1.3): served until its `exp`, then every call fails with a
 * clear "expired at" error, since nothing can renew it.
 */
export class AccessTokenCredential implements Credential {
  readonly kind = 'access-token' as const;
  readonly renewable = false;
  readonly id: string;
  private readonly expiresAt: number | undefined;

  constructor(
    private readonly app: UpstreamRef,
    private readonly accessToken: string,
    private readonly clock: () => number,
  ) {
    this.id = `pasted:${app.key}:${fingerprint(accessToken)}`;
    this.expiresAt = jwtExpiry(accessToken);
  }

  /** Hands out the pasted token while it is valid. */
  async obtain(): Promise<ObtainedToken> {
    // A token whose exp cannot be read is tried for an hour at a time; a 401 then reports it.
    const expiresAt = this.expiresAt ?? this.clock() + 3_600_000;
    if (this.clock() >= expiresAt) {
      throw new UpstreamError(
        'UPSTREAM_UNAUTHENTICATED',
        this.app.key,
        `The pasted ${this.app.name} access token expired at ${new Date(expiresAt).toISOString()}; paste a new one or configure a refresh token or key pair`,
        { extensions: { expiredAt: new Date(expiresAt).toISOString() } },
      );
    }
    return { accessToken: this.accessToken, expiresAt };
  }
}
