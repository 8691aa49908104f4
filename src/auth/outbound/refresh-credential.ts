import { UpstreamError, type UpstreamRef } from '../../errors.js';
import { send, stringField } from '../../net/send.js';
import type { Transport } from '../../net/transport.js';
import { fingerprint, jwtExpiry, nextFullHour, type Credential, type ObtainedToken } from './credential.js';

export interface RefreshCredentialOptions {
  /** The Kensho app this refresh token belongs to. */
  readonly app: UpstreamRef;
  /** The app's base URL; the refresh endpoint hangs off it (UPSTREAMS §1.2). */
  readonly baseUrl: string;
  readonly refreshToken: string;
  /** The one scope this refresh token can serve. */
  readonly scope: string;
  readonly transport: Transport;
  readonly clock: () => number;
  readonly timeoutMs: number;
}

/**
 * A per-app refresh token copied from the app's Account page (development and testing).
 * Access tokens from it expire every hour on the hour, so expiry comes from the JWT's `exp`,
 * falling back to the next full hour — never an assumed 3600 s.
 */
export class RefreshTokenCredential implements Credential {
  readonly kind = 'refresh-token' as const;
  readonly renewable = true;
  readonly id: string;

  constructor(private readonly options: RefreshCredentialOptions) {
    this.id = `refresh:${options.app.key}:${fingerprint(options.refreshToken)}`;
  }

  /** Calls `GET {base}/oauth2/refresh?refresh_token=…` and reads `access_token`. */
  async obtain(scope: string, signal?: AbortSignal): Promise<ObtainedToken> {
    const { app: ref, baseUrl, refreshToken, transport, clock, timeoutMs } = this.options;
    const app = ref.key;
    if (scope !== this.options.scope) {
      throw new UpstreamError('UPSTREAM_FORBIDDEN', app, `A ${ref.name} refresh token cannot grant ${scope}`, { extensions: { missingScope: scope } });
    }
    const url = `${baseUrl}/oauth2/refresh?${new URLSearchParams({ refresh_token: refreshToken })}`;
    const response = await send({ upstream: ref, endpoint: `${app}.refresh`, url, method: 'GET', timeoutMs, signal, transport }).catch((error: unknown) => {
      throw error instanceof UpstreamError ? new UpstreamError('UPSTREAM_AUTH_UNAVAILABLE', app, error.message, { cause: error }) : error;
    });
    if (response.status >= 200 && response.status < 300) {
      // Link answers camelCase `accessToken`; accept both spellings (UPSTREAMS §1.2).
      const accessToken = stringField(response.body, 'access_token') ?? stringField(response.body, 'accessToken');
      if (!accessToken) {
        throw new UpstreamError('UPSTREAM_BAD_RESPONSE', app, `The ${ref.name} refresh endpoint answered without an access token`, { status: response.status });
      }
      const now = clock();
      return { accessToken, expiresAt: jwtExpiry(accessToken) ?? nextFullHour(now) };
    }
    if (response.status === 429 || response.status >= 500) {
      throw new UpstreamError('UPSTREAM_AUTH_UNAVAILABLE', app, `The ${ref.name} refresh endpoint is unavailable (HTTP ${response.status})`, { status: response.status });
    }
    throw new UpstreamError(
      'UPSTREAM_AUTH_FAILED',
      app,
      `Refresh token rejected for ${ref.name} (HTTP ${response.status}); copy a new one from the app's Account page (they expire 7 days after last use)`,
      { status: response.status },
    );
  }
}

