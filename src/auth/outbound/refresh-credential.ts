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
  /**
   * How this app's refresh endpoint spells its query parameter and its answer field. Most apps
   * use `refresh_token` → `access_token`; Link uses camelCase `refreshToken` → `accessToken`
   * (UPSTREAMS §1.2). Default: the snake_case pair.
   */
  readonly wire?: RefreshWire;
}

/** The names one app's refresh endpoint uses on the wire (UPSTREAMS §1.2). */
export interface RefreshWire {
  /** The query parameter carrying the refresh token. */
  readonly param: string;
  /** The answer's field holding the access token. */
  readonly field: string;
}

/** `GET …/oauth2/refresh?refresh_token=…` → `{"access_token"}`: NERD, Extract, Scribe, kFinance. */
export const SNAKE_CASE_REFRESH: RefreshWire = Object.freeze({ param: 'refresh_token', field: 'access_token' });
/** `GET …/oauth2/refresh?refreshToken=…` → `{"accessToken"}`: Kensho Link. */
export const CAMEL_CASE_REFRESH: RefreshWire = Object.freeze({ param: 'refreshToken', field: 'accessToken' });

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

  /** Calls `GET {base}/oauth2/refresh?<param>=…` and reads the app's access-token field. */
  async obtain(scope: string, signal?: AbortSignal): Promise<ObtainedToken> {
    const { app: ref, baseUrl, refreshToken, transport, clock, timeoutMs } = this.options;
    const app = ref.key;
    if (scope !== this.options.scope) {
      throw new UpstreamError('UPSTREAM_FORBIDDEN', app, `A ${ref.name} refresh token cannot grant ${scope}`, { extensions: { missingScope: scope } });
    }
    const wire = this.options.wire ?? SNAKE_CASE_REFRESH;
    const url = `${baseUrl}/oauth2/refresh?${new URLSearchParams({ [wire.param]: refreshToken })}`;
    const response = await send({ upstream: ref, endpoint: `${app}.refresh`, url, method: 'GET', timeoutMs, signal, transport }).catch((error: unknown) => {
      throw error instanceof UpstreamError ? new UpstreamError('UPSTREAM_AUTH_UNAVAILABLE', app, error.message, { cause: error }) : error;
    });
    if (response.status >= 200 && response.status < 300) {
      // The app's documented field first; the other spelling too, since only the parameter name
      // is known to be checked strictly (UPSTREAMS §1.2).
      const accessToken = stringField(response.body, wire.field) ?? stringField(response.body, 'access_token') ?? stringField(response.body, 'accessToken');
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

