/**
 * When a cached token is renewed: a pure function of the token, the clock and the policy, so the
 * rules can be read (and tested) apart from the token manager's plumbing.
 *
 * UPSTREAMS §1.4: "any early-renewal window must scale with the token's real lifetime: a token
 * that lives L seconds should cost about one token request per L, never one per request". Kensho
 * key-pair tokens may live as long as the client assertion (5 minutes by default in Kensho's own
 * examples); refresh-flow tokens expire on the hour, so one obtained at 10:59 lives a minute. Fixed
 * windows (renew 300 s ahead) made a 300 s token due for renewal the moment it arrived.
 */

/** A token as the cache holds it (the same shape in process and in the shared store). */
export interface CachedToken {
  readonly accessToken: string;
  /** Epoch ms after which the token must not be used. */
  readonly expiresAt: number;
  /** Epoch ms when it was asked for: with `expiresAt`, the lifetime the windows scale with. */
  readonly obtainedAt: number;
  /**
   * Renewals that brought no later expiry (a refresh endpoint answers the same on-the-hour
   * expiry until the hour). 1: one more try in the last window; 2 or more: none until expiry.
   */
  readonly fruitlessRenewals: number;
}

/** How a cached token may be used now. */
export type TokenPhase =
  /** Serve it; nothing to do. */
  | { readonly kind: 'fresh' }
  /** Serve it, and renew in the background (the request does not wait). */
  | { readonly kind: 'renew-behind' }
  /** Wait for a renewal; serve this token only if the renewal fails. */
  | { readonly kind: 'renew-now' }
  /** Too close to expiry (or past it) to send: a new token is needed. */
  | { readonly kind: 'unusable' };

/** The renewal policy: caps in ms, and the fractions of the lifetime that apply below them. */
export interface RenewalPolicy {
  /** Longest synchronous window before expiry (Kensho's clients use 60 s). */
  readonly syncCapMs: number;
  /** Longest lead of a background renewal before expiry. */
  readonly backgroundCapMs: number;
  /** Longest guard before expiry inside which a token is no longer sent. */
  readonly guardCapMs: number;
}

/**
 * Fractions of the lifetime L. Background renewal starts 7.5 % of L before expiry and the
 * synchronous window is the last 5 %, so a token costs one request per 0.925 L: 13 requests an
 * hour for 300 s tokens, 2 for 3600 s tokens; the guard (2.5 %) keeps a 20 s token usable for 19.5 s.
 */
export const BACKGROUND_FRACTION = 0.075;
export const SYNC_FRACTION = 0.05;
export const GUARD_FRACTION = 0.025;

/** The phase of `token` at `now`. Non-renewable tokens (pasted) are served until the guard. */
export function tokenPhase(token: CachedToken, now: number, renewable: boolean, policy: RenewalPolicy): TokenPhase {
  const lifetime = Math.max(1, token.expiresAt - token.obtainedAt);
  const left = token.expiresAt - now;
  // After two fruitless renewals only expiry itself brings a new token, so use this one until then.
  const guard = token.fruitlessRenewals >= 2 ? 0 : Math.min(policy.guardCapMs, GUARD_FRACTION * lifetime);
  if (left <= guard) return { kind: 'unusable' };
  if (!renewable || token.fruitlessRenewals >= 2) return { kind: 'fresh' };
  const sync = Math.min(policy.syncCapMs, SYNC_FRACTION * lifetime);
  if (left <= sync) return { kind: 'renew-now' };
  // One fruitless renewal already: the next try waits for the synchronous window.
  if (token.fruitlessRenewals === 1) return { kind: 'fresh' };
  const background = Math.max(sync, Math.min(policy.backgroundCapMs, BACKGROUND_FRACTION * lifetime));
  return left <= background ? { kind: 'renew-behind' } : { kind: 'fresh' };
}

/**
 * What a renewal leaves in the cache: the new token when it expires later than `current`;
 * otherwise `current` again (same lifetime, so the windows do not shrink) marked fruitless once more.
 */
export function afterRenewal(current: CachedToken | undefined, obtained: CachedToken): CachedToken {
  if (!current || obtained.expiresAt > current.expiresAt) return obtained;
  return { ...current, accessToken: obtained.accessToken, fruitlessRenewals: current.fruitlessRenewals + 1 };
}

/** Reads a cached value leniently: older entries without `obtainedAt` count as obtained an hour before expiry. */
export function asCachedToken(value: unknown): CachedToken | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.accessToken !== 'string' || typeof v.expiresAt !== 'number') return undefined;
  return {
    accessToken: v.accessToken,
    expiresAt: v.expiresAt,
    obtainedAt: typeof v.obtainedAt === 'number' ? v.obtainedAt : v.expiresAt - 3_600_000,
    fruitlessRenewals: typeof v.fruitlessRenewals === 'number' ? v.fruitlessRenewals : 0,
  };
}
