import { createHash } from 'node:crypto';
import { decodeJwt } from 'jose';

/** A token as a credential obtained it. */
export interface ObtainedToken {
  readonly accessToken: string;
  /** Epoch ms after which the token must not be used. */
  readonly expiresAt: number;
}

/** What the token manager needs from every way of getting a token. */
export interface Credential {
  /**
   * Stable and non-secret: it names the cache key, log lines and metric labels. Derived from
   * public identifiers (a Client ID) or a short hash, never from a secret itself.
   */
  readonly id: string;
  readonly kind: 'key-pair' | 'refresh-token' | 'access-token' | 'skykit-jwt';
  /** False when the credential can hand out only the one token it holds (a pasted token). */
  readonly renewable: boolean;
  /** Gets a new token for `scope` (a space-separated scope set; '' where scopes do not apply). */
  obtain(scope: string, signal?: AbortSignal): Promise<ObtainedToken>;
}

/** A short, non-reversible fingerprint of a secret, for ids and logs. */
export function fingerprint(secret: string): string {
  return createHash('sha256').update(secret).digest('hex').slice(0, 12);
}

/** Reads `exp` (epoch seconds) without verifying: the gateway is not the audience of the token. */
export function jwtExpiry(token: string): number | undefined {
  try {
    const { exp } = decodeJwt(token);
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The earliest of the expiries we know of: `expires_in` seconds from `now` and the JWT's `exp`
 * (ARCHITECTURE: "whichever is sooner"); `fallbackMs` from now when neither is known.
 */
export function earliestExpiry(now: number, token: string, expiresInSeconds: number | undefined, fallbackMs: number): number {
  const candidates: number[] = [];
  if (expiresInSeconds !== undefined && Number.isFinite(expiresInSeconds) && expiresInSeconds > 0) {
    candidates.push(now + expiresInSeconds * 1000);
  }
  const exp = jwtExpiry(token);
  if (exp !== undefined) candidates.push(exp);
  return candidates.length > 0 ? Math.min(...candidates) : now + fallbackMs;
}

/** The next full hour after `now`: refresh-flow tokens expire "every hour, on the hour" (UPSTREAMS §1.2). */
export function nextFullHour(now: number): number {
  const hour = 3_600_000;
  return Math.floor(now / hour) * hour + hour;
}
