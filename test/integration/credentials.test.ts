import { describe, expect, it } from 'vitest';
import { findLeaks, makeKeyPair, startStack, type StackOptions } from '../helpers/stack.js';

const QUERY = '{ annotateText(text: "Apple and Microsoft") { knowledgeBase annotations { text } } }';

async function withStack<T>(options: StackOptions, run: (stack: Awaited<ReturnType<typeof startStack>>) => Promise<T>): Promise<T> {
  const stack = await startStack(options);
  try {
    return await run(stack);
  } finally {
    await stack.close();
  }
}

describe('credentials', () => {
  it.each(['pkcs1', 'pkcs8'] as const)('signs client assertions with a %s private key', async (keyFormat) => {
    await withStack({ keyFormat }, async (stack) => {
      const r = await stack.gql(QUERY);
      expect(r.errors).toBeUndefined();
      expect(stack.sim.counters.tokenRequests('kensho:app:nerd')).toBe(1);
    });
  });

  it('uses a NERD refresh token and renews it on the hour', async () => {
    let now = Date.UTC(2026, 10, 22, 10, 58, 0);
    const clock = () => now;
    await withStack({ auth: 'refresh-token', simulator: { clock }, gatewayClock: clock }, async (stack) => {
      expect((await stack.gql(QUERY)).errors).toBeUndefined();
      expect(stack.sim.counters.calls('nerd.refresh')).toBe(1);
      expect(stack.sim.counters.calls('okta.token')).toBe(0);
      // A token obtained at 10:58 lives until 11:00 (120 s): its renewal windows are 9 s (background)
      // and 6 s (synchronous) before the hour, so at 10:59:30 it is still simply used.
      now = Date.UTC(2026, 10, 22, 10, 59, 30);
      expect((await stack.gql(QUERY)).errors).toBeUndefined();
      expect(stack.sim.counters.calls('nerd.refresh')).toBe(1);
      // Inside the last 6 s a renewal is tried; before the hour the endpoint answers the same
      // expiry, so one more try follows, and then none until the hour (no loop in the last minute).
      for (const [second, calls] of [[55, 2], [56, 3], [57, 3], [58, 3], [59, 3]] as const) {
        now = Date.UTC(2026, 10, 22, 10, 59, second);
        expect((await stack.gql(QUERY)).errors).toBeUndefined();
        await stack.gateway.services.tokens.idle();
        expect(stack.sim.counters.calls('nerd.refresh'), `at 10:59:${second}`).toBe(calls);
      }
      now = Date.UTC(2026, 10, 22, 11, 0, 1);
      expect((await stack.gql(QUERY)).errors).toBeUndefined();
      expect(stack.sim.counters.calls('nerd.refresh')).toBe(4);
      const info = await stack.gql<{ gateway: { upstreams: Array<{ app: string; credential: string }> } }>('{ gateway { upstreams { app credential } } }');
      expect(info.data!.gateway.upstreams).toContainEqual({ app: 'NERD', credential: 'REFRESH_TOKEN' });
      expect(findLeaks(stack.logs.join(''), stack.secrets)).toEqual([]);
    });
  });

  it("uses an app's own refresh token beside a key pair granted only another app, and says so at start", async () => {
    await withStack({ clientScopes: ['kensho:app:nerd'], extractRefreshToken: true }, async (stack) => {
      const r = await stack.gql<{ annotateText: unknown[]; extraction: unknown }>(`{ annotateText(text: "Apple") { knowledgeBase } extraction(id: "6f1c3a52-0d7e-4a9b-9d1e-2b7c8e9f0a11") { id } }`);
      expect(r.errors).toBeUndefined();
      expect(r.data!.extraction).toBeNull(); // unknown job: Extract answered 404, with a token it accepted
      // Okta was asked for NERD only; Extract's token came from its refresh endpoint.
      expect(stack.sim.counters.calls('okta.token')).toBe(1);
      expect(stack.sim.counters.tokenRequests('kensho:app:nerd')).toBe(1);
      expect(stack.sim.counters.calls('extract.refresh')).toBe(1);
      const info = await stack.gql<{ gateway: { upstreams: Array<{ app: string; credential: string }> } }>('{ gateway { upstreams { app credential } } }');
      expect(info.data!.gateway.upstreams).toEqual(
        expect.arrayContaining([
          { app: 'NERD', credential: 'KEY_PAIR' },
          { app: 'EXTRACT', credential: 'REFRESH_TOKEN' },
        ]),
      );
      const startLine = stack.logs.find((l) => l.includes('upstream credentials'));
      expect(startLine).toMatch(/nerd key_pair \(okta:0oa-test-\w+\), extract refresh_token \(refresh:extract:[0-9a-f]{12}\)/);
      expect(findLeaks(stack.logs.join(''), stack.secrets)).toEqual([]);
    });
  });

  it('reports a rejected refresh token clearly, without echoing it', async () => {
    await withStack({ auth: 'none', env: { KENSHO_NERD_REFRESH_TOKEN: 'not-a-real-refresh-token-123' } }, async (stack) => {
      const r = await stack.gql(QUERY);
      expect(r.errors?.[0]?.extensions?.code).toBe('UPSTREAM_AUTH_FAILED');
      expect(r.errors?.[0]?.message).toMatch(/Refresh token rejected for Kensho NERD/);
      expect(r.raw).not.toContain('not-a-real-refresh-token-123');
      expect(stack.logs.join('')).not.toContain('not-a-real-refresh-token-123');
    });
  });

  it('uses a pasted access token until it expires, then says when it expired', async () => {
    // The simulator issues the token on the same clock the gateway reads: its expiry is exactly
    // 600 s of that clock after issue, however long the stack took to start (on the real clock a
    // start of 22 s left the token valid 601 s after the test's own reading).
    let now = Date.now();
    await withStack({ auth: 'access-token', accessTokenLifetimeSeconds: 600, gatewayClock: () => now, simulator: { clock: () => now } }, async (stack) => {
      expect((await stack.gql(QUERY)).errors).toBeUndefined();
      now += 601_000;
      const r = await stack.gql(QUERY);
      expect(r.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAUTHENTICATED');
      expect(r.errors?.[0]?.message).toMatch(/expired at \d{4}-\d\d-\d\dT/);
    });
  });

  it('reports an unknown client as UPSTREAM_AUTH_FAILED naming invalid_client', async () => {
    const { pem } = makeKeyPair();
    await withStack({ auth: 'none', env: { KENSHO_CLIENT_ID: '0oa-never-registered', KENSHO_PRIVATE_KEY: pem } }, async (stack) => {
      const r = await stack.gql(QUERY);
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_AUTH_FAILED', oauthError: 'invalid_client' });
      expect(r.errors?.[0]?.message).toMatch(/rejected client 0oa-never-registered/);
      expect(findLeaks(r.raw + stack.logs.join(''), [pem.split('\n')[1]!])).toEqual([]);
      // Readiness names the refused credential's kind and scope until it works again, never the
      // Client ID (it answers anyone who can reach it; the log has the details).
      const ready = await fetch(`${stack.url}/readyz`);
      expect(ready.status).toBe(503);
      const body = (await ready.json()) as { checks: { credentials: { ok: boolean; detail: string } } };
      expect(body.checks.credentials.detail).toBe('okta (kensho:app:nerd): UPSTREAM_AUTH_FAILED');
      const metrics = await (await fetch(`${stack.url}/metrics`)).text();
      expect(metrics).toMatch(/gateway_token_fetches_total\{credential="okta",outcome="error"/);
      expect(metrics + JSON.stringify(body)).not.toContain('0oa-never-registered');
    });
  });

  it('/readyz obtains a token with each credential before it says ready: a key Okta refuses is named before any query, and probes do not call Okta each time', async () => {
    const { pem } = makeKeyPair();
    type Readiness = { ready: boolean; checks: { credentials: { ok: boolean; detail: string } } };
    const probe = async (url: string) => {
      const res = await fetch(`${url}/readyz`);
      return { status: res.status, body: (await res.json()) as Readiness };
    };
    // The gateway's clock stands still, so the token endpoint's failure cooldown never ends here.
    const frozen = Date.now();
    await withStack({ auth: 'none', skykit: false, gatewayClock: () => frozen, env: { KENSHO_CLIENT_ID: '0oa-never-registered', KENSHO_PRIVATE_KEY: pem } }, async (stack) => {
      for (let i = 0; i < 5; i++) {
        const { status, body } = await probe(stack.url);
        expect(status).toBe(503);
        expect(body.checks.credentials).toEqual({ ok: false, detail: 'okta (kensho:app:nerd): UPSTREAM_AUTH_FAILED' });
      }
      // One token request for five probes: the refusal is remembered through the cooldown.
      expect(stack.sim.counters.calls('okta.token')).toBe(1);
    });
    // A Client ID granted Extract only: proven with Extract's scope after NERD's is refused.
    await withStack({ clientScopes: ['kensho:app:extract'], gatewayClock: () => frozen }, async (stack) => {
      for (let i = 0; i < 5; i++) expect((await probe(stack.url)).body.checks.credentials.ok).toBe(true);
      expect(stack.sim.counters.tokenRequests('kensho:app:extract')).toBe(1);
      expect(stack.sim.counters.calls('okta.token')).toBe(2);
    });
  });

  it('reports an expired client assertion (gateway clock two hours slow) clearly', async () => {
    await withStack({ gatewayClock: () => Date.now() - 2 * 3_600_000 }, async (stack) => {
      const r = await stack.gql(QUERY);
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_AUTH_FAILED', oauthError: 'invalid_client' });
      expect(r.errors?.[0]?.message).toMatch(/expired/i);
    });
  });

  it('reports a scope the client was not granted as UPSTREAM_FORBIDDEN naming the scope', async () => {
    await withStack({ clientScopes: ['kensho:app:extract'] }, async (stack) => {
      const r = await stack.gql(QUERY);
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_FORBIDDEN', missingScope: 'kensho:app:nerd' });
    });
  });

  it('does not retry a 403 from NERD and names the missing scope', async () => {
    await withStack({ auth: 'access-token', accessTokenScopes: ['kensho:app:extract'] }, async (stack) => {
      const r = await stack.gql(QUERY);
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_FORBIDDEN', missingScope: 'kensho:app:nerd' });
      expect(stack.sim.counters.calls('nerd.annotations-sync')).toBe(1);
    });
  });

  it('answers UPSTREAM_NOT_CONFIGURED for NERD fields while the rest of the query resolves', async () => {
    await withStack({ auth: 'none' }, async (stack) => {
      const r = await stack.gql<{ gateway: { version: string } }>('{ gateway { version } annotateText(text: "Apple") { knowledgeBase } }');
      expect(r.data?.gateway.version).toMatch(/^\d+\.\d+\.\d+/);
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_NOT_CONFIGURED', upstream: 'nerd' });
      expect(r.errors?.[0]?.message).toMatch(/KENSHO_NERD_REFRESH_TOKEN/);
      expect(stack.sim.counters.log()).toHaveLength(0);
    });
  });
});
