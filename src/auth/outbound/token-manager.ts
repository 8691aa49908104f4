import type { CacheStore, LeaseStore } from '../../cache.js';
import type { Credential } from './credential.js';
import { GatewayError, UpstreamError } from '../../errors.js';
import { withSpan } from '../../observability/tracing.js';

/** A cached token; what is stored in Keyv under (credential, scope). */
interface CachedToken {
  accessToken: string;
  expiresAt: number;
}

/** Something that happened inside the token manager, for logs and metrics (never a token). */
export type TokenEvent =
  | { type: 'cache'; credential: string; scope: string; outcome: 'hit' | 'miss' }
  | { type: 'fetch'; credential: string; scope: string; outcome: 'ok' | 'error'; reason: 'missing' | 'expiring' | 'background' | 'invalidated'; durationMs: number; code?: string }
  | { type: 'invalidate'; credential: string; scope: string; dropped: boolean }
  | { type: 'stale-served'; credential: string; scope: string };

export interface TokenManagerOptions {
  /** Where tokens live: in-process Keyv by default, Redis-backed Keyv when replicas share. */
  cache: CacheStore;
  /** Epoch ms; injected so tests can drive time. */
  clock?: () => number;
  /** A token is renewed (and waited for) once it has less than this left. */
  renewMarginMs: number;
  /** Before the margin, this window renews in the background while the old token still serves. */
  backgroundRenewMs: number;
  /** A token is never used closer than this to its expiry, even while renewals fail. */
  minValidityMs?: number;
  /** Backoff after token-endpoint failures: first delay and cap. */
  backoffInitialMs?: number;
  backoffMaxMs?: number;
  onEvent?: (event: TokenEvent) => void;
  /**
   * Cross-replica single flight: with a shared store, the replica holding the lease fetches and
   * the others wait for the token to appear in the store.
   */
  lease?: LeaseStore;
  /** How long a lease lasts, and so the longest a replica waits for another's fetch. */
  leaseMs?: number;
}

interface FailureState {
  failures: number;
  retryAt: number;
  error: GatewayError;
}

/**
 * Gets, caches and renews upstream access tokens, keyed by (credential, scope).
 *
 * Modelled on jose's remote JWKS cache: one shared fetch for any number of waiters (single
 * flight), renewal ahead of expiry so steady-state requests never wait, and a cooldown after
 * failures so a broken token endpoint is not hammered. A failed fetch never replaces a good
 * cached token. Written by hand because no library covers token lifecycles keyed by scope
 * over a pluggable Keyv store.
 */
export class TokenManager {
  private readonly cache: CacheStore;
  private readonly now: () => number;
  /** Per-process copy of the tokens this process obtained or read (a few keys: credential × scope). */
  private readonly local = new Map<string, CachedToken>();
  /** What each cache key stands for (scopes contain colons, so keys are not parsed back). */
  private readonly keys = new Map<string, { credential: string; scope: string }>();
  private readonly inflight = new Map<string, Promise<CachedToken>>();
  private readonly failures = new Map<string, FailureState>();
  private readonly opts: Required<Omit<TokenManagerOptions, 'cache' | 'clock' | 'onEvent' | 'lease'>>;
  private readonly lease: LeaseStore | undefined;
  private readonly emit: (event: TokenEvent) => void;

  constructor(options: TokenManagerOptions) {
    this.cache = options.cache;
    this.now = options.clock ?? Date.now;
    this.emit = options.onEvent ?? (() => {});
    this.opts = {
      renewMarginMs: options.renewMarginMs,
      backgroundRenewMs: options.backgroundRenewMs,
      minValidityMs: options.minValidityMs ?? 5_000,
      backoffInitialMs: options.backoffInitialMs ?? 1_000,
      backoffMaxMs: options.backoffMaxMs ?? 30_000,
      leaseMs: options.leaseMs ?? 10_000,
    };
    this.lease = options.lease;
  }

  /** A valid access token for `scope` from `credential`; waits only when no usable token is cached. */
  async getToken(credential: Credential, scope: string, signal?: AbortSignal): Promise<string> {
    const key = cacheKey(credential, scope);
    if (!this.keys.has(key)) this.keys.set(key, { credential: credential.id, scope });
    const cached = await this.read(key, credential.renewable);
    const now = this.now();
    const base = { credential: credential.id, scope };

    if (cached && now < cached.expiresAt - this.opts.minValidityMs) {
      const untilRenew = cached.expiresAt - this.opts.renewMarginMs - now;
      if (!credential.renewable || untilRenew > this.opts.backgroundRenewMs) {
        this.emit({ type: 'cache', ...base, outcome: 'hit' });
        return cached.accessToken;
      }
      if (untilRenew > 0) {
        // Inside the background window: serve the current token, renew alongside.
        this.emit({ type: 'cache', ...base, outcome: 'hit' });
        if (!this.coolingDown(key)) {
          this.fetch(credential, scope, key, 'background').catch(() => {
            /* recorded as a failure; the current token keeps serving */
          });
        }
        return cached.accessToken;
      }
      // Inside the margin: wait for a new token, but a token that still works beats an error.
      try {
        return (await this.fetchOrCooldown(credential, scope, key, 'expiring', signal)).accessToken;
      } catch {
        this.emit({ type: 'stale-served', ...base });
        return cached.accessToken;
      }
    }

    this.emit({ type: 'cache', ...base, outcome: 'miss' });
    return (await this.fetchOrCooldown(credential, scope, key, 'missing', signal)).accessToken;
  }

  /**
   * Drops `token` after an upstream answered 401 — only if it is still the cached one, so a
   * newer token another request already fetched is kept.
   */
  async invalidate(credential: Credential, scope: string, token: string): Promise<void> {
    const key = cacheKey(credential, scope);
    let dropped = false;
    if (this.local.get(key)?.accessToken === token) {
      this.local.delete(key);
      dropped = true;
    }
    const value: unknown = await this.cache.get(key);
    if (isCachedToken(value) && value.accessToken === token) {
      await this.cache.delete(key);
      dropped = true;
    }
    this.emit({ type: 'invalidate', credential: credential.id, scope, dropped });
  }

  /** The tokens this process holds, for the expiry gauge: ids, scopes and expiry, never tokens. */
  held(): Array<{ credential: string; scope: string; expiresAt: number }> {
    return [...this.local].map(([key, token]) => ({ ...this.keys.get(key)!, expiresAt: token.expiresAt }));
  }

  /** Credentials whose last token fetch failed (until one succeeds), with the error code. */
  failing(): Array<{ credential: string; scope: string; code: string; message: string }> {
    return [...this.failures].map(([key, state]) => ({ ...this.keys.get(key)!, code: state.error.code, message: state.error.message }));
  }

  /** Forgets failures and the per-process copies (tests, or an operator after fixing credentials). */
  reset(): void {
    this.failures.clear();
    this.local.clear();
  }

  /**
   * The best token known for `key`. The per-process copy answers while the token is far from
   * renewal, so steady-state requests make no cache round trip and survive a dead Redis; nearer
   * renewal the shared store is read too, so a token another replica already renewed is adopted
   * instead of fetched again.
   */
  private async read(key: string, renewable: boolean): Promise<CachedToken | undefined> {
    const local = this.local.get(key);
    if (local && this.comfortable(local, renewable)) return local;
    const value: unknown = await this.cache.get(key);
    const shared = isCachedToken(value) ? value : undefined;
    const best = !shared ? local : !local || shared.expiresAt > local.expiresAt ? shared : local;
    if (best) this.local.set(key, best);
    return best;
  }

  /** Polls the shared store for a token other than `stale` while another replica holds the lease. */
  private async awaitShared(key: string, stale: string | undefined): Promise<CachedToken | undefined> {
    const deadline = Date.now() + this.opts.leaseMs;
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      const value: unknown = await this.cache.get(key);
      if (isCachedToken(value) && value.accessToken !== stale && value.expiresAt - this.now() > this.opts.renewMarginMs) return value;
    }
    // The lease holder died or is slow: fetch ourselves rather than fail.
    return undefined;
  }

  private comfortable(token: CachedToken, renewable: boolean): boolean {
    const left = token.expiresAt - this.now();
    return renewable ? left > this.opts.renewMarginMs + this.opts.backgroundRenewMs : left > this.opts.minValidityMs;
  }

  private coolingDown(key: string): boolean {
    const state = this.failures.get(key);
    return state !== undefined && this.now() < state.retryAt;
  }

  private fetchOrCooldown(credential: Credential, scope: string, key: string, reason: 'missing' | 'expiring', signal?: AbortSignal): Promise<CachedToken> {
    const state = this.failures.get(key);
    if (state && this.now() < state.retryAt && !this.inflight.has(key)) {
      // Fail fast with the last error instead of calling a failing token endpoint again.
      const retryAfterSeconds = Math.max(1, Math.ceil((state.retryAt - this.now()) / 1000));
      return Promise.reject(
        new GatewayError(state.error.code, state.error.message, {
          extensions: { ...state.error.extensions, retryAfterSeconds },
        }),
      );
    }
    const pending = this.fetch(credential, scope, key, reason);
    return signal ? raceAbort(pending, signal) : pending;
  }

  private fetch(credential: Credential, scope: string, key: string, reason: 'missing' | 'expiring' | 'background' | 'invalidated'): Promise<CachedToken> {
    const existing = this.inflight.get(key);
    if (existing) return existing;
    const started = this.now();
    const base = { credential: credential.id, scope, reason };
    const run = (async () => {
      try {
        const stale = this.local.get(key)?.accessToken;
        const leaseKey = `token:${credential.id}:${scope}`;
        const leased = credential.renewable && this.lease ? await this.lease.acquire(leaseKey, this.opts.leaseMs) : true;
        if (!leased) {
          // Another replica is fetching this token: wait for it to land in the shared store.
          const shared = await this.awaitShared(key, stale);
          if (shared) {
            this.local.set(key, shared);
            this.failures.delete(key);
            return shared;
          }
        }
        let obtained: Awaited<ReturnType<Credential['obtain']>>;
        try {
          // The fetch is shared by every waiter, so no single caller's abort signal may cancel it.
          obtained = await withSpan('token.fetch', { 'gateway.credential': credential.kind, 'gateway.scope': scope, 'gateway.reason': reason }, () => credential.obtain(scope));
        } catch (error) {
          if (leased && this.lease) await this.lease.release(leaseKey);
          throw error;
        }
        const token: CachedToken = { accessToken: obtained.accessToken, expiresAt: obtained.expiresAt };
        const ttl = token.expiresAt - this.now();
        this.local.set(key, token);
        if (ttl > 0) await this.cache.set(key, token, ttl);
        // Released only once the token is in the shared store, where waiting replicas look.
        if (leased && this.lease) await this.lease.release(leaseKey);
        this.failures.delete(key);
        this.emit({ type: 'fetch', ...base, outcome: 'ok', durationMs: this.now() - started });
        return token;
      } catch (error) {
        const gatewayError = asGatewayError(error);
        const previous = this.failures.get(key)?.failures ?? 0;
        const delay = Math.min(this.opts.backoffMaxMs, this.opts.backoffInitialMs * 2 ** previous);
        // Full jitter keeps replicas that failed together from retrying together.
        const jittered = delay / 2 + Math.random() * (delay / 2);
        this.failures.set(key, { failures: previous + 1, retryAt: this.now() + jittered, error: gatewayError });
        this.emit({ type: 'fetch', ...base, outcome: 'error', durationMs: this.now() - started, code: gatewayError.code });
        throw gatewayError;
      } finally {
        this.inflight.delete(key);
      }
    })();
    this.inflight.set(key, run);
    return run;
  }
}

function cacheKey(credential: Credential, scope: string): string {
  return `token:${credential.id}:${scope}`;
}

function isCachedToken(value: unknown): value is CachedToken {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.accessToken === 'string' && typeof v.expiresAt === 'number';
}

function asGatewayError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  // Never pass an unknown error's message through: it might quote a request carrying a secret.
  return new UpstreamError('UPSTREAM_AUTH_UNAVAILABLE', 'okta', 'Could not obtain an upstream access token', { cause: error });
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}
