import { createPrivateKey } from 'node:crypto';
import Keyv from 'keyv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jwtExpiry, type Credential } from '../../src/auth/outbound/credential.js';
import { OktaCredential } from '../../src/auth/outbound/okta-credential.js';
import { RefreshTokenCredential } from '../../src/auth/outbound/refresh-credential.js';
import { TokenManager } from '../../src/auth/outbound/token-manager.js';
import { memoryLease } from '../../src/store/lease.js';
import { startSimulator, type Simulator } from '@kensho-gateway/simulator';
import { undiciTransport } from '../../src/net/transport.js';
import { makeKeyPair } from '../helpers/stack.js';
import { nerdApp } from '../../src/apps/nerd/app.js';

/**
 * The token lifecycle over simulated hours: the real credentials talk HTTP to the simulator, and
 * gateway and simulator share one fake clock that the test moves one second per request.
 * UPSTREAMS §1.4: a token that lives L seconds costs about one token request per L, never one
 * per request, and a renewal that gains nothing is not repeated in a loop.
 */
const HOUR = 3_600_000;
let now = Date.UTC(2026, 10, 29, 10, 0, 0);
const clock = () => now;
let sim: Simulator;
let clientId: string;
let privateKey: ReturnType<typeof createPrivateKey>;

beforeAll(async () => {
  sim = await startSimulator({ clock });
  const pair = makeKeyPair();
  clientId = 'client-lifecycle';
  privateKey = createPrivateKey(pair.pem);
  sim.registerClient({ clientId, publicKey: pair.publicKey, scopes: ['kensho:app:nerd'] });
});
afterAll(async () => sim.close());

function okta(assertionLifetimeSeconds: number): Credential {
  return new OktaCredential({
    keyPair: { clientId, privateKey, tokenUrl: sim.urls.tokenUrl, assertionLifetimeSeconds },
    transport: undiciTransport,
    clock,
    timeoutMs: 5_000,
  });
}

function managers(count: number): TokenManager[] {
  // Replicas share one store and one lease, as they share Redis; each keeps its own process state.
  const cache = new Keyv();
  const lease = memoryLease(clock);
  return Array.from({ length: count }, () => new TokenManager({ cache, lease, clock, renewMarginMs: 60_000, backgroundRenewMs: 240_000, sleep: async () => undefined }));
}

/**
 * One request a second for `seconds`, round-robin over `replicas`; every token handed out must be
 * unexpired. Returns the simulated times of the token endpoint calls.
 */
async function drive(replicas: TokenManager[], credential: Credential, scope: string, seconds: number, endpoint: string): Promise<number[]> {
  sim.counters.reset();
  for (let s = 0; s < seconds; s++) {
    const manager = replicas[s % replicas.length]!;
    const token = await manager.getToken(credential, scope);
    expect(jwtExpiry(token)!, `token handed out at +${s}s is expired`).toBeGreaterThan(now);
    // Let background renewals finish before the clock moves on, so counts do not depend on timing.
    await Promise.all(replicas.map((m) => m.idle()));
    now += 1000;
  }
  return sim.counters
    .log()
    .filter((c) => c.endpoint === endpoint)
    .map((c) => c.at);
}

describe('token requests over a simulated hour (1 request/s)', () => {
  it('300 s tokens (a 5-minute client assertion): at most 13 token requests in one process and across 3 replicas', async () => {
    for (const replicas of [1, 3]) {
      const calls = await drive(managers(replicas), okta(300), 'kensho:app:nerd', 3600, 'okta.token');
      console.log(`300 s Okta tokens, ${replicas} replica(s): ${calls.length} token requests in one hour`);
      expect(calls.length).toBeLessThanOrEqual(13);
      expect(calls.length).toBeGreaterThanOrEqual(12);
    }
  });

  it('3600 s tokens (the default 60-minute assertion): at most 2 token requests', async () => {
    const calls = await drive(managers(1), okta(3600), 'kensho:app:nerd', 3600, 'okta.token');
    console.log(`3600 s Okta tokens: ${calls.length} token requests in one hour`);
    expect(calls.length).toBeLessThanOrEqual(2);
  });

  it('refresh-token access tokens that expire on the hour: at most 3 refresh calls in each clock hour, none looping in the last minute', async () => {
    now = Date.UTC(2026, 10, 29, 10, 20, 0);
    const credential = new RefreshTokenCredential({
      app: nerdApp,
      baseUrl: sim.urls.nerd,
      refreshToken: sim.issueRefreshToken('nerd'),
      scope: 'kensho:app:nerd',
      transport: undiciTransport,
      clock,
      timeoutMs: 5_000,
    });
    for (const replicas of [1, 3]) {
      const start = now;
      const calls = await drive(managers(replicas), credential, 'kensho:app:nerd', 3 * 3600, 'nerd.refresh');
      const perHour = new Map<number, number>();
      for (const at of calls) perHour.set(Math.floor(at / HOUR), (perHour.get(Math.floor(at / HOUR)) ?? 0) + 1);
      const full = [...perHour].filter(([hour]) => hour * HOUR >= start && (hour + 1) * HOUR <= now).map(([, n]) => n);
      console.log(`on-the-hour refresh tokens, ${replicas} replica(s): refresh calls per full clock hour ${JSON.stringify(full)}; ${calls.length} in 3 h`);
      expect(full.length).toBeGreaterThanOrEqual(2);
      for (const n of full) expect(n).toBeLessThanOrEqual(3);
    }
  });

  it.each([20, 45, 90, 300, 900, 3600])('%i s tokens cause at most one token request per lifetime, in one process and across 3 replicas', async (lifetime) => {
    sim.knobs.tokenLifetimeSeconds = lifetime;
    try {
      for (const replicas of [1, 3]) {
        const seconds = Math.max(3600, 6 * lifetime);
        const calls = await drive(managers(replicas), okta(3600), 'kensho:app:nerd', seconds, 'okta.token');
        // A renewal starts at most 7.5 % of the lifetime before expiry (plus the one-second request spacing).
        const gaps = calls.slice(1).map((at, i) => at - calls[i]!);
        expect(Math.min(...gaps)).toBeGreaterThanOrEqual(0.92 * lifetime * 1000 - 1000);
        expect(calls.length).toBeLessThanOrEqual(Math.ceil(seconds / (0.92 * lifetime - 1)) + 1);
      }
    } finally {
      sim.knobs.tokenLifetimeSeconds = 3600;
    }
  });
});

describe('recovery after a token-endpoint outage', () => {
  it('3 replicas sharing a store get tokens again within a couple of seconds of Okta coming back, not after the 30 s backoff', async () => {
    sim.knobs.tokenLifetimeSeconds = 20;
    try {
      const replicas = managers(3);
      const credential = okta(3600);
      const scope = 'kensho:app:nerd';
      // Each second, every replica asks for a token (requests on each replica), on the shared clock.
      const second = async (each: (i: number, token: string | undefined) => void) => {
        for (const [i, manager] of replicas.entries()) each(i, await manager.getToken(credential, scope).catch(() => undefined));
        await Promise.all(replicas.map((m) => m.idle()));
        now += 1000;
      };
      for (let s = 0; s < 30; s++) await second((i, token) => expect(token, `replica ${i} before the outage`).toBeDefined());
      // Okta answers 503 for 60 s: the tokens expire and the backoff grows to its 30 s cap.
      sim.inject({ target: 'okta', status: 503, times: 1_000_000 });
      sim.counters.reset();
      for (let s = 0; s < 60; s++) await second(() => undefined);
      const outageCalls = sim.counters.calls('okta.token');
      sim.clearFaults();
      const back = now;
      const recovered = new Map<number, number>();
      for (let s = 0; s < 60 && recovered.size < replicas.length; s++) {
        await second((i, token) => {
          if (token !== undefined && !recovered.has(i)) recovered.set(i, (now - back) / 1000);
        });
      }
      const slowest = Math.max(...replicas.map((_, i) => recovered.get(i) ?? Infinity));
      console.log(`Okta outage of 60 s, 3 replicas: ${outageCalls} token requests during it; every replica had a token again ${slowest} s after Okta came back`);
      // TOKEN_RECOVERY_PROBE_MS defaults to 2 s; the requests come once a simulated second.
      expect(slowest).toBeLessThanOrEqual(3);
      // The probes are shared: one token request per 2 s for the fleet during the outage, on top
      // of each replica's own backoff retries (1, 2, 4, 8, 16, 30 s: at most 7 in 60 s).
      expect(outageCalls).toBeLessThanOrEqual(60 / 2 + replicas.length * 7);
    } finally {
      sim.knobs.tokenLifetimeSeconds = 3600;
      sim.clearFaults();
    }
  });
});
