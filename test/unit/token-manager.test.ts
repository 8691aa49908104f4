import Keyv from 'keyv';
import { describe, expect, it, vi } from 'vitest';
import type { Credential, ObtainedToken } from '../../src/auth/outbound/credential.js';
import { earliestExpiry, nextFullHour } from '../../src/auth/outbound/credential.js';
import { TokenManager, type TokenEvent } from '../../src/auth/outbound/token-manager.js';
import { afterRenewal, tokenPhase } from '../../src/auth/outbound/token-phase.js';
import type { LeaseOutcome } from '../../src/store/lease.js';
import { UpstreamError } from '../../src/errors.js';
import { PATIENCE_MS } from '../helpers/patience.js';

/** A credential whose answers the test scripts; counts calls per scope. */
class ScriptedCredential implements Credential {
  readonly id = 'test:cred';
  readonly kind = 'key-pair' as const;
  renewable = true;
  calls: string[] = [];
  lifetimeMs = 3_600_000;
  fail: Error | undefined;
  delayMs = 0;
  /** While set, each call waits for it: the test decides when the token endpoint answers. */
  gate: Promise<void> | undefined;
  constructor(private readonly clock: { now: number }) {}
  async obtain(scope: string): Promise<ObtainedToken> {
    this.calls.push(scope);
    const n = this.calls.length;
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    if (this.gate) await this.gate;
    if (this.fail) throw this.fail;
    return { accessToken: `token-${scope}-${n}`, expiresAt: this.clock.now + this.lifetimeMs };
  }
}

function setup(opts: { renewMarginMs?: number; backgroundRenewMs?: number; recoveryProbeMs?: number } = {}) {
  const clock = { now: Date.UTC(2026, 10, 22, 10, 0, 0) };
  const events: TokenEvent[] = [];
  const cred = new ScriptedCredential(clock);
  const manager = new TokenManager({
    cache: new Keyv(),
    clock: () => clock.now,
    renewMarginMs: opts.renewMarginMs ?? 60_000,
    backgroundRenewMs: opts.backgroundRenewMs ?? 240_000,
    recoveryProbeMs: opts.recoveryProbeMs,
    onEvent: (e) => events.push(e),
  });
  return { clock, cred, manager, events };
}

const flush = () => new Promise((r) => setTimeout(r, 5));

describe('TokenManager', () => {
  it('makes one upstream call for 50 concurrent requests of a cold cache (single flight)', async () => {
    const { cred, manager } = setup();
    cred.delayMs = 20;
    const tokens = await Promise.all(Array.from({ length: 50 }, () => manager.getToken(cred, 'kensho:app:nerd')));
    expect(cred.calls).toEqual(['kensho:app:nerd']);
    expect(new Set(tokens)).toEqual(new Set(['token-kensho:app:nerd-1']));
  });

  it('keys tokens by scope: each scope gets its own token and its own call', async () => {
    const { cred, manager } = setup();
    const [a, b] = await Promise.all([manager.getToken(cred, 'kensho:app:nerd'), manager.getToken(cred, 'kensho:app:extract')]);
    expect(a).not.toBe(b);
    expect(cred.calls.sort()).toEqual(['kensho:app:extract', 'kensho:app:nerd']);
    await manager.getToken(cred, 'kensho:app:nerd');
    expect(cred.calls).toHaveLength(2);
  });

  it('renews in the background inside the renewal window without making the request wait', async () => {
    const { clock, cred, manager, events } = setup();
    const first = await manager.getToken(cred, 's');
    clock.now += 3_600_000 - 60_000 - 100_000; // 100 s before the margin: inside the 240 s window
    // The token endpoint does not answer until the test says so: the request must not wait for it.
    let answer!: () => void;
    cred.gate = new Promise((resolve) => (answer = resolve));
    const during = await manager.getToken(cred, 's');
    expect(during).toBe(first); // served while the renewal is still waiting on the endpoint
    expect(cred.calls).toHaveLength(2); // renewal started
    answer();
    const renewed = () => events.some((e) => e.type === 'fetch' && e.reason === 'background' && e.outcome === 'ok');
    await vi.waitFor(() => expect(renewed()).toBe(true), { timeout: PATIENCE_MS });
    expect(await manager.getToken(cred, 's')).toBe('token-s-2');
  });

  it('waits for a new token once inside the margin', async () => {
    const { clock, cred, manager } = setup();
    await manager.getToken(cred, 's');
    clock.now += 3_600_000 - 30_000; // 30 s left, margin is 60 s
    expect(await manager.getToken(cred, 's')).toBe('token-s-2');
  });

  it('serves a still-valid token when renewal inside the margin fails (a failure never poisons the cache)', async () => {
    const { clock, cred, manager, events } = setup();
    const first = await manager.getToken(cred, 's');
    clock.now += 3_600_000 - 30_000;
    cred.fail = new UpstreamError('UPSTREAM_AUTH_UNAVAILABLE', 'okta', 'down');
    expect(await manager.getToken(cred, 's')).toBe(first);
    expect(events.some((e) => e.type === 'stale-served')).toBe(true);
  });

  it('invalidate drops exactly the rejected token, not a newer one', async () => {
    const { cred, manager } = setup();
    const old = await manager.getToken(cred, 's');
    await manager.invalidate(cred, 's', old);
    const fresh = await manager.getToken(cred, 's');
    expect(fresh).toBe('token-s-2');
    // A late 401 for the old token must not drop the fresh one.
    await manager.invalidate(cred, 's', old);
    expect(await manager.getToken(cred, 's')).toBe(fresh);
    expect(cred.calls).toHaveLength(2);
  });

  it('backs off after a token-endpoint failure: fails fast without calling again, then retries', async () => {
    const { clock, cred, manager } = setup();
    cred.fail = new UpstreamError('UPSTREAM_AUTH_UNAVAILABLE', 'okta', 'The Kensho token endpoint is unavailable (HTTP 503)');
    await expect(manager.getToken(cred, 's')).rejects.toMatchObject({ code: 'UPSTREAM_AUTH_UNAVAILABLE' });
    await expect(manager.getToken(cred, 's')).rejects.toMatchObject({ code: 'UPSTREAM_AUTH_UNAVAILABLE', extensions: { retryAfterSeconds: expect.any(Number) } });
    expect(cred.calls).toHaveLength(1);
    cred.fail = undefined;
    clock.now += 1_001;
    expect(await manager.getToken(cred, 's')).toBe('token-s-2');
  });

  it('grows the backoff with each consecutive failure, up to the cap', async () => {
    // Without recovery probes: the backoff alone.
    const { clock, cred, manager } = setup({ recoveryProbeMs: 0 });
    cred.fail = new UpstreamError('UPSTREAM_AUTH_UNAVAILABLE', 'okta', 'down');
    for (let i = 0; i < 4; i++) {
      await expect(manager.getToken(cred, 's')).rejects.toBeTruthy();
      clock.now += 1_000 * 2 ** i; // exactly the un-jittered delay: always past the jittered one
    }
    expect(cred.calls).toHaveLength(4);
    await expect(manager.getToken(cred, 's')).rejects.toBeTruthy();
    clock.now += 4_000; // the 5th delay is up to 16 s: at least 8 s, so still cooling down
    await expect(manager.getToken(cred, 's')).rejects.toBeTruthy();
    expect(cred.calls).toHaveLength(5);
  });

  it('while backing off, tries the endpoint once per recovery-probe interval and recovers on the first probe after it returns', async () => {
    const { clock, cred, manager } = setup({ recoveryProbeMs: 2_000 });
    cred.fail = new UpstreamError('UPSTREAM_AUTH_UNAVAILABLE', 'okta', 'down');
    // Ten failures: the backoff is at its 30 s cap.
    for (let i = 0; i < 10; i++) {
      await manager.getToken(cred, 's').catch(() => undefined);
      clock.now += 30_000;
    }
    const before = cred.calls.length;
    await expect(manager.getToken(cred, 's')).rejects.toBeTruthy();
    clock.now += 1_000;
    await expect(manager.getToken(cred, 's')).rejects.toBeTruthy(); // within the interval: no call
    expect(cred.calls.length).toBe(before + 1);
    cred.fail = undefined;
    clock.now += 1_000;
    expect(await manager.getToken(cred, 's')).toMatch(/^token-s-/); // the probe, 2 s after the last try
    expect(cred.calls.length).toBe(before + 2);
  });

  it('serves a non-renewable (pasted) token until it expires without trying to renew it', async () => {
    const { clock, cred, manager } = setup();
    cred.renewable = false;
    await manager.getToken(cred, 's');
    clock.now += 3_600_000 - 20_000;
    await manager.getToken(cred, 's');
    expect(cred.calls).toHaveLength(1);
  });

  it("does not let one caller's abort cancel the shared fetch", async () => {
    const { cred, manager } = setup();
    cred.delayMs = 30;
    const controller = new AbortController();
    const aborted = manager.getToken(cred, 's', controller.signal);
    const other = manager.getToken(cred, 's');
    controller.abort(new Error('client went away'));
    await expect(aborted).rejects.toThrow('client went away');
    expect(await other).toBe('token-s-1');
    expect(cred.calls).toHaveLength(1);
    await flush();
  });
});

describe('expiry rules', () => {
  const now = Date.UTC(2026, 10, 22, 10, 59, 0);
  const jwtWithExp = (exp: number) => `${b64({ alg: 'none' })}.${b64({ exp })}.sig`;
  function b64(o: object) {
    return Buffer.from(JSON.stringify(o)).toString('base64url');
  }

  it('takes the sooner of expires_in and the JWT exp', () => {
    expect(earliestExpiry(now, jwtWithExp(now / 1000 + 60), 3600, 1)).toBe(now + 60_000);
    expect(earliestExpiry(now, jwtWithExp(now / 1000 + 7200), 3600, 1)).toBe(now + 3_600_000);
    expect(earliestExpiry(now, 'opaque', undefined, 5_000)).toBe(now + 5_000);
  });

  it('puts refresh-flow expiry on the next full hour', () => {
    expect(nextFullHour(now)).toBe(Date.UTC(2026, 10, 22, 11, 0, 0));
  });
});

describe('TokenManager with a shared store', () => {
  it('serves from its own copy while the shared store is down, without fetching again', async () => {
    const clock = { now: Date.UTC(2026, 10, 22, 10, 0, 0) };
    const shared = new Keyv();
    let storeUp = true;
    const store = {
      get: (k: string) => (storeUp ? shared.get(k) : Promise.resolve(undefined)),
      set: (k: string, v: unknown, ttl?: number) => (storeUp ? shared.set(k, v, ttl) : Promise.resolve(false)),
      delete: (k: string) => (storeUp ? shared.delete(k) : Promise.resolve(false)),
    };
    const cred = new ScriptedCredential(clock);
    const manager = new TokenManager({ cache: store, clock: () => clock.now, renewMarginMs: 60_000, backgroundRenewMs: 240_000 });
    const first = await manager.getToken(cred, 's');
    storeUp = false;
    for (let i = 0; i < 5; i++) expect(await manager.getToken(cred, 's')).toBe(first);
    expect(cred.calls).toHaveLength(1);
  });

  it('adopts a token another replica renewed instead of fetching its own', async () => {
    const clock = { now: Date.UTC(2026, 10, 22, 10, 0, 0) };
    const shared = new Keyv();
    // Resolves once a's renewed token is in the shared store, where b looks.
    let storedRenewal!: () => void;
    const renewalStored = new Promise<void>((resolve) => (storedRenewal = resolve));
    const store = {
      get: (k: string) => shared.get(k),
      set: async (k: string, v: unknown, ttl?: number) => {
        const done = await shared.set(k, v, ttl);
        if ((v as { accessToken?: string }).accessToken === 'token-s-2') storedRenewal();
        return done;
      },
      delete: (k: string) => shared.delete(k),
    };
    const credA = new ScriptedCredential(clock);
    const credB = new ScriptedCredential(clock);
    const opts = { cache: store, clock: () => clock.now, renewMarginMs: 60_000, backgroundRenewMs: 240_000 };
    const a = new TokenManager(opts);
    const b = new TokenManager(opts);
    await a.getToken(credA, 's');
    await b.getToken(credB, 's'); // b reads a's token from the shared store
    expect(credB.calls).toHaveLength(0);
    clock.now += 3_600_000 - 60_000 - 100_000; // both enter the background window
    await a.getToken(credA, 's'); // a renews in the background
    await renewalStored;
    expect(await b.getToken(credB, 's')).toBe('token-s-2'); // b adopts it
    expect(credB.calls).toHaveLength(0);
  });
});

describe('renewal windows scale with the lifetime (token-phase)', () => {
  const policy = { syncCapMs: 60_000, backgroundCapMs: 300_000, guardCapMs: 5_000 };
  const token = (lifetimeS: number, fruitlessRenewals = 0) => ({ accessToken: 't', obtainedAt: 0, expiresAt: lifetimeS * 1000, fruitlessRenewals });
  const at = (lifetimeS: number, leftS: number, fruitless = 0, renewable = true) => tokenPhase(token(lifetimeS, fruitless), (lifetimeS - leftS) * 1000, renewable, policy).kind;

  it.each([
    // lifetime, seconds left, phase
    [300, 280, 'fresh'],
    [300, 23, 'fresh'], // 7.5 % of 300 s is 22.5 s
    [300, 22, 'renew-behind'],
    [300, 15, 'renew-now'], // 5 %
    [300, 5, 'unusable'], // guard min(5 s, 2.5 %)
    [3600, 301, 'fresh'],
    [3600, 270, 'renew-behind'], // min(300 s, 7.5 %)
    [3600, 60, 'renew-now'], // min(60 s, 5 %)
    [3600, 5, 'unusable'],
    [20, 2, 'fresh'],
    [20, 1.5, 'renew-behind'],
    [20, 1, 'renew-now'],
    [20, 0.5, 'unusable'],
  ] as const)('a %i s token with %d s left is %s', (lifetime, left, phase) => {
    expect(at(lifetime, left)).toBe(phase);
  });

  it('after one fruitless renewal waits for the synchronous window; after two, serves until expiry itself', () => {
    expect(at(3600, 200, 1)).toBe('fresh');
    expect(at(3600, 60, 1)).toBe('renew-now');
    expect(at(3600, 30, 2)).toBe('fresh');
    expect(at(3600, 1, 2)).toBe('fresh'); // no guard: nothing newer can be had before the hour
    expect(at(3600, 0, 2)).toBe('unusable');
  });

  it('never renews a pasted token', () => {
    expect(at(3600, 30, 0, false)).toBe('fresh');
    expect(at(3600, 4, 0, false)).toBe('unusable');
  });

  it('keeps the current token (marked fruitless) when a renewal brings no later expiry', () => {
    const current = token(3600);
    expect(afterRenewal(current, { ...token(3600), accessToken: 'u', obtainedAt: 3_000_000 })).toEqual({ ...current, accessToken: 'u', fruitlessRenewals: 1 });
    const later = { accessToken: 'v', obtainedAt: 3_000_000, expiresAt: 7_200_000, fruitlessRenewals: 0 };
    expect(afterRenewal(current, later)).toBe(later);
  });
});

describe('TokenManager: renewals that gain nothing are not repeated', () => {
  it('an on-the-hour token renewed early: one background try, one more in the last minute, then the next fetch at expiry', async () => {
    const { clock, cred, manager } = setup();
    const hourEnd = clock.now + 3_600_000;
    // Like a refresh endpoint before the hour: every answer expires at the same full hour.
    cred.obtain = async (scope: string) => {
      cred.calls.push(scope);
      return { accessToken: `token-${cred.calls.length}`, expiresAt: clock.now < hourEnd ? hourEnd : hourEnd + 3_600_000 };
    };
    for (let t = 0; t < 3_600; t++) {
      await manager.getToken(cred, 's');
      await manager.idle();
      clock.now += 1_000;
    }
    expect(cred.calls).toHaveLength(3); // start, the background try, the last-minute try
    await manager.getToken(cred, 's'); // at the hour
    expect(cred.calls).toHaveLength(4);
  });
});

describe('TokenManager: cross-replica lease outcomes', () => {
  function leased(outcomes: LeaseOutcome[]) {
    const clock = { now: Date.UTC(2026, 10, 22, 10, 0, 0) };
    const shared = new Keyv();
    const asked: LeaseOutcome[] = [];
    const lease = {
      acquire: async () => {
        const outcome = outcomes.shift() ?? 'granted';
        asked.push(outcome);
        return outcome;
      },
      release: async () => undefined,
    };
    const cred = new ScriptedCredential(clock);
    const manager = new TokenManager({ cache: shared, lease, clock: () => clock.now, sleep: async () => void (clock.now += 25), renewMarginMs: 60_000, backgroundRenewMs: 240_000 });
    return { clock, shared, cred, manager, asked };
  }

  it('a lease that could not be confirmed (slow store) waits for the shared token instead of fetching', async () => {
    const { clock, shared, cred, manager } = leased(['unknown', 'unknown', 'held']);
    const pending = manager.getToken(cred, 's');
    // Another replica's token lands in the store meanwhile.
    await shared.set('token:test:cred:s', { accessToken: 'from-another-replica', expiresAt: clock.now + 3_600_000, obtainedAt: clock.now, fruitlessRenewals: 0 });
    expect(await pending).toBe('from-another-replica');
    expect(cred.calls).toHaveLength(0);
  });

  it('a store known to be failing (breaker open) lets the replica fetch at once', async () => {
    const { cred, manager, asked } = leased(['unavailable']);
    expect(await manager.getToken(cred, 's')).toBe('token-s-1');
    expect(asked).toEqual(['unavailable']);
  });

  it('gives up waiting after the lease time and fetches itself (the holder died)', async () => {
    const { cred, manager } = leased(Array.from({ length: 1_000 }, () => 'held' as const));
    expect(await manager.getToken(cred, 's')).toBe('token-s-1');
    expect(cred.calls).toHaveLength(1);
  });
});
