import type { LeaseStore } from '../../store/lease.js';
import type { CacheStore } from '../../store/store.js';
import type { Credential } from './credential.js';
import { GatewayError, UpstreamError } from '../../errors.js';
import { withSpan } from '../../observability/tracing.js';
import { onAbort } from '../../net/on-abort.js';
import { abortableSleep } from '../../net/sleep.js';
import { afterRenewal, asCachedToken, tokenPhase, type CachedToken, type RenewalPolicy, type TokenPhase } from './token-phase.js';

/** Why a token was fetched. */
export type FetchReason = 'missing' | 'expiring' | 'background' | 'invalidated';

/** Something that happened inside the token manager, for logs and metrics (never a token). */
export type TokenEvent =
  | { type: 'cache'; credential: string; scope: string; outcome: 'hit' | 'miss' }
  | { type: 'fetch'; credential: string; scope: string; outcome: 'ok' | 'error'; reason: FetchReason; durationMs: number; code?: string; gained?: boolean }
  | { type: 'invalidate'; credential: string; scope: string; dropped: boolean }
  | { type: 'stale-served'; credential: string; scope: string };

export interface TokenManagerOptions {
  /** Where tokens live: in-process Keyv by default, Redis-backed Keyv when replicas share. */
  cache: CacheStore;
  /** Epoch ms; injected so tests can drive time. */
  clock?: () => number;
  /** Waits `ms` (on the injected clock's terms); used while another replica holds the lease. */
  sleep?: (ms: number) => Promise<void>;
  /** Longest synchronous renewal window before expiry; shorter for short-lived tokens (5 % of the lifetime). */
  renewMarginMs: number;
  /** Added to the margin: the longest background-renewal lead (7.5 % of the lifetime below it). */
  backgroundRenewMs: number;
  /** Longest guard before expiry inside which a token is no longer sent (2.5 % of the lifetime below it). */
  minValidityMs?: number;
  /** Backoff after token-endpoint failures: first delay and cap. */
  backoffInitialMs?: number;
  backoffMaxMs?: number;
  /**
   * While backing off after failures, one fetch may still try the token endpoint this often
   * (0: never), so a recovered endpoint is used within about this long instead of after the
   * whole backoff. With a lease store, one replica probes per interval for the fleet, and the
   * others read its token from the shared store.
   */
  recoveryProbeMs?: number;
  onEvent?: (event: TokenEvent) => void;
  /**
   * Cross-replica single flight: with a shared store, the replica holding the lease fetches and
   * the others wait for the token to appear in the store.
   */
  lease?: LeaseStore;
  /** How long a lease lasts, and so the longest a replica waits for another's fetch. */
  leaseMs?: number;
  /** Delay between looks at the shared store while waiting for another replica's token. */
  leasePollMs?: number;
}

interface FailureState {
  failures: number;
  retryAt: number;
  /** When a recovery probe may next try the endpoint during the backoff. */
  probeAt: number;
  error: GatewayError;
}

/**
 * Gets, caches and renews upstream access tokens, keyed by (credential, scope).
 *
 * Modelled on jose's remote JWKS cache: one shared fetch for any number of waiters (single
 * flight, in process and across replicas through a lease), renewal ahead of expiry scaled to the
 * token's lifetime so steady-state requests never wait (token-phase.ts), and a cooldown after
 * failures so a broken token endpoint is not hammered. A failed fetch never replaces a good
 * cached token. Written by hand because no library covers token lifecycles keyed by scope over a
 * pluggable Keyv store.
 */
export class TokenManager {
  private readonly cache: CacheStore;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  /** Per-process copy of the tokens this process obtained or read (a few keys: credential × scope). */
  private readonly local = new Map<string, CachedToken>();
  /** What each cache key stands for (scopes contain colons, so keys are not parsed back). */
  private readonly keys = new Map<string, { credential: string; scope: string }>();
  private readonly inflight = new Map<string, Promise<CachedToken>>();
  private readonly failures = new Map<string, FailureState>();
  private readonly policy: RenewalPolicy;
  private readonly backoff: { initialMs: number; maxMs: number; probeMs: number };
  private readonly lease: { store: LeaseStore; ttlMs: number; pollMs: number } | undefined;
  private readonly emit: (event: TokenEvent) => void;

  constructor(options: TokenManagerOptions) {
    this.cache = options.cache;
    this.now = options.clock ?? Date.now;
    this.sleep = options.sleep ?? abortableSleep;
    this.emit = options.onEvent ?? (() => {});
    this.policy = {
      syncCapMs: options.renewMarginMs,
      backgroundCapMs: options.renewMarginMs + options.backgroundRenewMs,
      guardCapMs: options.minValidityMs ?? 5_000,
    };
    this.backoff = { initialMs: options.backoffInitialMs ?? 1_000, maxMs: options.backoffMaxMs ?? 30_000, probeMs: options.recoveryProbeMs ?? 2_000 };
    this.lease = options.lease ? { store: options.lease, ttlMs: options.leaseMs ?? 10_000, pollMs: options.leasePollMs ?? 25 } : undefined;
  }

  /**
   * The token this process holds for `scope` when it is fresh (no renewal due), at once: the
   * common case of every upstream call, without the promise of `getToken`. Undefined otherwise;
   * `getToken` then decides (renewal, the shared store, a fetch).
   */
  freshToken(credential: Credential, scope: string): string | undefined {
    const local = this.local.get(cacheKey(credential, scope));
    if (!local || tokenPhase(local, this.now(), credential.renewable, this.policy).kind !== 'fresh') return undefined;
    this.emit({ type: 'cache', credential: credential.id, scope, outcome: 'hit' });
    return local.accessToken;
  }

  /** A valid access token for `scope` from `credential`; waits only when no usable token is cached. */
  async getToken(credential: Credential, scope: string, signal?: AbortSignal): Promise<string> {
    const fresh = this.freshToken(credential, scope);
    if (fresh !== undefined) return fresh;
    const key = cacheKey(credential, scope);
    if (!this.keys.has(key)) this.keys.set(key, { credential: credential.id, scope });
    const cached = await this.read(key);
    const base = { credential: credential.id, scope };
    const phase: TokenPhase = cached ? tokenPhase(cached, this.now(), credential.renewable, this.policy) : { kind: 'unusable' };

    switch (phase.kind) {
      case 'fresh':
        this.emit({ type: 'cache', ...base, outcome: 'hit' });
        return cached!.accessToken;
      case 'renew-behind':
        this.emit({ type: 'cache', ...base, outcome: 'hit' });
        if (!this.coolingDown(key)) {
          this.fetch(credential, scope, key, 'background', cached).catch(() => {
            /* recorded as a failure; the current token keeps serving */
          });
        }
        return cached!.accessToken;
      case 'renew-now':
        // A token that still works beats an error.
        try {
          return (await this.fetchOrCooldown(credential, scope, key, 'expiring', cached, signal)).accessToken;
        } catch {
          this.emit({ type: 'stale-served', ...base });
          return cached!.accessToken;
        }
      case 'unusable':
        this.emit({ type: 'cache', ...base, outcome: 'miss' });
        return (await this.fetchOrCooldown(credential, scope, key, 'missing', undefined, signal)).accessToken;
    }
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
    if (asCachedToken(await this.cache.get(key))?.accessToken === token) {
      await this.cache.delete(key);
      dropped = true;
    }
    this.emit({ type: 'invalidate', credential: credential.id, scope, dropped });
  }

  /**
   * How long ago `token` was obtained (ms), when it is the token this process holds for `scope`;
   * undefined when it holds another one (the token was already replaced) or none.
   */
  tokenAge(credential: Credential, scope: string, token: string): number | undefined {
    const local = this.local.get(cacheKey(credential, scope));
    return local?.accessToken === token ? Math.max(0, this.now() - local.obtainedAt) : undefined;
  }

  /** The tokens this process holds, for the expiry gauge: ids, scopes and expiry, never tokens. */
  held(): Array<{ credential: string; scope: string; expiresAt: number }> {
    return [...this.local].map(([key, token]) => ({ ...this.keys.get(key)!, expiresAt: token.expiresAt }));
  }

  /** Credentials whose last token fetch failed (until one succeeds), with the error code. */
  failing(): Array<{ credential: string; scope: string; code: string; message: string }> {
    return [...this.failures].map(([key, state]) => ({ ...this.keys.get(key)!, code: state.error.code, message: state.error.message }));
  }

  /** Settles when no fetch is in flight (background renewals included): for shutdown and tests. */
  async idle(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight.values()]);
  }

  /** Forgets failures and the per-process copies (tests, or an operator after fixing credentials). */
  reset(): void {
    this.failures.clear();
    this.local.clear();
  }

  /**
   * The best token known for `key`. The per-process copy answers while it is fresh, so
   * steady-state requests make no cache round trip and survive a dead Redis; nearer renewal the
   * shared store is read too, so a token another replica already renewed is adopted instead of
   * fetched again.
   */
  private async read(key: string): Promise<CachedToken | undefined> {
    // A fresh local token was answered by freshToken before this is called.
    const local = this.local.get(key);
    const shared = asCachedToken(await this.cache.get(key));
    const best = !shared ? local : !local || newer(shared, local) ? shared : local;
    if (best) this.local.set(key, best);
    return best;
  }

  private coolingDown(key: string): boolean {
    const state = this.failures.get(key);
    return state !== undefined && this.now() < state.retryAt;
  }

  private async fetchOrCooldown(credential: Credential, scope: string, key: string, reason: FetchReason, current: CachedToken | undefined, signal?: AbortSignal): Promise<CachedToken> {
    const state = this.failures.get(key);
    if (state && this.now() < state.retryAt && !this.inflight.has(key) && !(await this.mayProbe(key, state))) {
      // Fail fast with the last error instead of calling a failing token endpoint again.
      const retryAfterSeconds = Math.max(1, Math.ceil((state.retryAt - this.now()) / 1000));
      return Promise.reject(
        new GatewayError(state.error.code, state.error.message, {
          extensions: { ...state.error.extensions, retryAfterSeconds },
        }),
      );
    }
    const pending = this.fetch(credential, scope, key, reason, current);
    return signal ? raceAbort(pending, signal) : pending;
  }

  /**
   * Whether a fetch may try the endpoint during the backoff (a recovery probe): at most one per
   * `recoveryProbeMs` in this process, and with a lease store one per interval for the fleet
   * (a probe lease that is left to expire). A store that cannot say lets this replica probe.
   */
  private async mayProbe(key: string, state: FailureState): Promise<boolean> {
    const { probeMs } = this.backoff;
    if (probeMs <= 0 || this.now() < state.probeAt) return false;
    state.probeAt = this.now() + probeMs;
    if (!this.lease) return true;
    return (await this.lease.store.acquire(`probe:${key}`, probeMs)) !== 'held';
  }

  /** One fetch per key at a time in this process; records the outcome and the backoff. */
  private fetch(credential: Credential, scope: string, key: string, reason: FetchReason, current: CachedToken | undefined): Promise<CachedToken> {
    const existing = this.inflight.get(key);
    if (existing) return existing;
    const started = this.now();
    const base = { credential: credential.id, scope, reason };
    const run = (async () => {
      try {
        const { token, gained } = await this.renewShared(credential, scope, key, reason, current);
        this.failures.delete(key);
        this.emit({ type: 'fetch', ...base, outcome: 'ok', durationMs: this.now() - started, gained });
        return token;
      } catch (error) {
        const gatewayError = asGatewayError(error);
        const previous = this.failures.get(key)?.failures ?? 0;
        const delay = Math.min(this.backoff.maxMs, this.backoff.initialMs * 2 ** previous);
        // Full jitter keeps replicas that failed together from retrying together.
        const jittered = delay / 2 + Math.random() * (delay / 2);
        this.failures.set(key, { failures: previous + 1, retryAt: this.now() + jittered, probeAt: this.now() + this.backoff.probeMs, error: gatewayError });
        this.emit({ type: 'fetch', ...base, outcome: 'error', durationMs: this.now() - started, code: gatewayError.code });
        throw gatewayError;
      } finally {
        this.inflight.delete(key);
      }
    })();
    this.inflight.set(key, run);
    return run;
  }

  /**
   * Fleet-wide single flight: with a lease store, only the replica holding the lease calls the
   * token endpoint; the others wait (bounded) for its token to appear in the shared store. A
   * store that is merely slow answers `unknown`, which still waits; only a store known to be
   * failing (`unavailable`) lets every replica fetch on its own.
   */
  private async renewShared(credential: Credential, scope: string, key: string, reason: FetchReason, current: CachedToken | undefined): Promise<{ token: CachedToken; gained: boolean }> {
    const lease = this.lease;
    if (!lease || !credential.renewable) return this.obtain(credential, scope, key, reason, current);
    const leaseKey = key;
    const deadline = this.now() + lease.ttlMs;
    // Bounded by the clock and by a count, so an injected clock that stands still cannot spin forever.
    let looks = Math.ceil(lease.ttlMs / lease.pollMs);
    let outcome = await lease.store.acquire(leaseKey, lease.ttlMs);
    while (outcome === 'held' || outcome === 'unknown') {
      if (this.now() >= deadline || looks-- <= 0) break; // the holder died or the store is stuck: fetch rather than fail
      await this.sleep(lease.pollMs);
      const adopted = await this.adoptShared(key, credential.renewable, current);
      if (adopted) return { token: adopted, gained: adopted.expiresAt > (current?.expiresAt ?? 0) };
      outcome = await lease.store.acquire(leaseKey, lease.ttlMs);
    }
    try {
      if (outcome === 'granted') {
        // Another replica may have stored a token between our read and our lease.
        const adopted = await this.adoptShared(key, credential.renewable, current);
        if (adopted) return { token: adopted, gained: adopted.expiresAt > (current?.expiresAt ?? 0) };
      }
      return await this.obtain(credential, scope, key, reason, current);
    } finally {
      // Released only after the token is in the shared store, where waiting replicas look.
      if (outcome === 'granted') await lease.store.release(leaseKey);
    }
  }

  /** A token in the shared store that another replica put there since `current`, if one is fresh. */
  private async adoptShared(key: string, renewable: boolean, current: CachedToken | undefined): Promise<CachedToken | undefined> {
    const shared = asCachedToken(await this.cache.get(key));
    if (!shared || (current && !newer(shared, current))) return undefined;
    if (tokenPhase(shared, this.now(), renewable, this.policy).kind !== 'fresh') return undefined;
    this.local.set(key, shared);
    return shared;
  }

  /** Calls the credential, and stores what the renewal leaves (a later token, or `current` marked fruitless). */
  private async obtain(credential: Credential, scope: string, key: string, reason: FetchReason, current: CachedToken | undefined): Promise<{ token: CachedToken; gained: boolean }> {
    const obtainedAt = this.now();
    // The fetch is shared by every waiter, so no single caller's abort signal may cancel it.
    const obtained = await withSpan('token.fetch', { 'gateway.credential': credential.kind, 'gateway.scope': scope, 'gateway.reason': reason }, () => credential.obtain(scope));
    const token = afterRenewal(current, { accessToken: obtained.accessToken, expiresAt: obtained.expiresAt, obtainedAt, fruitlessRenewals: 0 });
    this.local.set(key, token);
    const ttl = token.expiresAt - this.now();
    if (ttl > 0) await this.cache.set(key, token, ttl);
    return { token, gained: token.fruitlessRenewals === 0 };
  }
}

/** True when `a` should replace `b`: it expires later, or it records more fruitless renewals of the same expiry. */
function newer(a: CachedToken, b: CachedToken): boolean {
  return a.expiresAt > b.expiresAt || (a.expiresAt === b.expiresAt && a.fruitlessRenewals > b.fruitlessRenewals);
}

function cacheKey(credential: Credential, scope: string): string {
  return `token:${credential.id}:${scope}`;
}

function asGatewayError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  // Never pass an unknown error's message through: it might quote a request carrying a secret.
  return new UpstreamError('UPSTREAM_AUTH_UNAVAILABLE', 'okta', 'Could not obtain an upstream access token', { cause: error });
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const stop = onAbort(signal, () => reject(signal.reason));
    promise.then(
      (v) => {
        stop();
        resolve(v);
      },
      (e: unknown) => {
        stop();
        reject(e);
      },
    );
  });
}
