import Keyv from 'keyv';
import { describe, expect, it } from 'vitest';
import type { Credential } from '../../src/auth/outbound/credential.js';
import { TokenManager } from '../../src/auth/outbound/token-manager.js';
import { UpstreamHttp } from '../../src/upstreams/http.js';
import { send } from '../../src/net/send.js';
import { fetchTransport } from '../../src/net/transport.js';
import { parseNerdResults } from '../../src/apps/nerd/wire.js';
import { nerdApp } from '../../src/apps/nerd/app.js';

let issued = 0;
const credential: Credential = {
  id: 'test',
  kind: 'key-pair',
  renewable: true,
  async obtain() {
    issued += 1;
    return { accessToken: `tok-${issued}`, expiresAt: Date.now() + 3_600_000 };
  },
};

/** A fetch that answers from a script and records what it was asked. */
function scriptedFetch(answers: Array<() => Response>) {
  const seen: Array<{ url: string; auth: string | null; redirect: RequestRedirect | undefined }> = [];
  const fetchFn = (async (input: string | URL | Request, init?: RequestInit) => {
    seen.push({ url: String(input), auth: new Headers(init?.headers).get('authorization'), redirect: init?.redirect });
    const next = answers.shift();
    if (!next) throw new Error('unexpected call');
    return next();
  }) as typeof fetch;
  return { fetchFn, seen };
}

function client(fetchFn: typeof fetch, sleeps: number[] = []) {
  return new UpstreamHttp({
    app: nerdApp,
    baseUrl: 'https://nerd.example',
    credential,
    tokens: new TokenManager({ cache: new Keyv(), renewMarginMs: 60_000, backgroundRenewMs: 0 }),
    transport: fetchTransport(fetchFn),
    clock: Date.now,
    timeoutMs: 1_000,
    maxRetryAfterSeconds: 5,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) => () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const call = { endpoint: 'nerd.test', method: 'POST' as const, path: '/x', json: {}, scope: 'kensho:app:nerd' };

describe('UpstreamHttp', () => {
  it('never follows redirects and reports them', async () => {
    const { fetchFn, seen } = scriptedFetch([() => new Response(null, { status: 302, headers: { location: 'https://evil.example/' } })]);
    await expect(client(fetchFn).request(call)).rejects.toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE' });
    expect(seen[0]!.redirect).toBe('manual');
  });

  it('on 401 drops that token, gets a new one and retries once', async () => {
    const { fetchFn, seen } = scriptedFetch([json(401, { detail: 'expired' }), json(200, { ok: true })]);
    const r = await client(fetchFn).request(call);
    expect(r.body).toEqual({ ok: true });
    expect(seen).toHaveLength(2);
    expect(seen[0]!.auth).not.toBe(seen[1]!.auth);
  });

  it('gives up after the one retry with UPSTREAM_UNAUTHENTICATED', async () => {
    const { fetchFn, seen } = scriptedFetch([json(401, {}), json(401, {})]);
    await expect(client(fetchFn).request(call)).rejects.toMatchObject({ code: 'UPSTREAM_UNAUTHENTICATED' });
    expect(seen).toHaveLength(2);
  });

  it('does not retry a 403', async () => {
    const { fetchFn, seen } = scriptedFetch([json(403, { detail: 'no' })]);
    await expect(client(fetchFn).request(call)).rejects.toMatchObject({ code: 'UPSTREAM_FORBIDDEN', extensions: { missingScope: 'kensho:app:nerd' } });
    expect(seen).toHaveLength(1);
  });

  it('waits out short Retry-After values, at most three times', async () => {
    const sleeps: number[] = [];
    const { fetchFn } = scriptedFetch([json(429, {}, { 'retry-after': '2' }), json(429, {}, { 'retry-after': '1' }), json(429, {}, { 'retry-after': '3' }), json(429, {}, { 'retry-after': '1' })]);
    await expect(client(fetchFn, sleeps).request(call)).rejects.toMatchObject({ code: 'UPSTREAM_RATE_LIMITED', extensions: { retryAfterSeconds: 1 } });
    expect(sleeps).toEqual([2000, 1000, 3000]);
  });

  it('maps a body that is not JSON to UPSTREAM_BAD_RESPONSE and an upstream 400 to BAD_USER_INPUT with its detail', async () => {
    const { fetchFn } = scriptedFetch([() => new Response('<html>', { status: 200 }), json(400, { detail: 'text too long for your plan' })]);
    const c = client(fetchFn);
    await expect(c.request(call)).rejects.toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE' });
    await expect(c.request(call)).rejects.toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('text too long for your plan') });
  });

  it('scrubs anything token-shaped out of upstream messages', async () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlc2lnbmF0dXJl';
    const { fetchFn } = scriptedFetch([json(400, { detail: `bad token ${jwt}` })]);
    const error = await client(fetchFn).request(call).catch((e: Error) => e);
    expect((error as Error).message).not.toContain(jwt);
    expect((error as Error).message).toContain('[redacted]');
  });
});

describe('send', () => {
  it('times out with UPSTREAM_UNAVAILABLE naming the endpoint, not the URL', async () => {
    const hanging = ((_u: string, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)))) as typeof fetch;
    const error = await send({ upstream: nerdApp, endpoint: 'nerd.refresh', url: 'https://nerd.example/oauth2/refresh?refresh_token=SECRET', method: 'GET', timeoutMs: 50, transport: fetchTransport(hanging) }).catch((e: Error) => e);
    expect(error).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    expect((error as Error).message).toMatch(/did not answer within 50 ms \(nerd.refresh\)/);
    expect(JSON.stringify(error) + (error as Error).message).not.toContain('SECRET');
  });

  it('refuses answers larger than the limit', async () => {
    const big = (async () => new Response('x'.repeat(2_000))) as typeof fetch;
    await expect(send({ upstream: nerdApp, endpoint: 'e', url: 'https://x', method: 'GET', timeoutMs: 1_000, transport: fetchTransport(big), maxResponseBytes: 1_000 })).rejects.toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE' });
  });
});

describe('parseNerdResults', () => {
  it('accepts numeric ids and numbers as strings, and nulls for unlinked spans', () => {
    const [r] = parseNerdResults(
      {
        results: [
          {
            knowledge_base: 'capiq',
            annotations: [
              { start_index: 0, end_index: 6, text: 'Kensho', ner_score: '0.9', ned_score: 0.96, ner_type: 'ORG', entity_label: 'Kensho Technologies', entity_type: 'ORG', entity_kb_id: 251994106 },
              { start_index: 10, end_index: 14, text: 'Acme', ner_score: 0.8, ned_score: null, ner_type: 'ORG', entity_label: null, entity_type: null, entity_kb_id: null, extra: 'ignored' },
            ],
            entity_relevance_scores: { '251994106': 0.5 },
          },
        ],
      },
      'e',
    );
    expect(r!.annotations[0]).toMatchObject({ entityKbId: '251994106', nerScore: 0.9 });
    expect(r!.annotations[1]).toMatchObject({ entityKbId: null, nedScore: null, entityLabel: null });
    expect(r!.relevance.get('251994106')).toBe(0.5);
  });

  it.each([[null], [{}], [{ results: [{ knowledge_base: 'other' }] }], [{ results: [{ knowledge_base: 'wikimedia', annotations: [{ start_index: 5, end_index: 2 }] }] }]])(
    'rejects unreadable results (%j) with UPSTREAM_BAD_RESPONSE',
    (body) => {
      expect(() => parseNerdResults(body, 'e')).toThrowError(expect.objectContaining({ code: 'UPSTREAM_BAD_RESPONSE' }));
    },
  );
});

describe('UpstreamHttp with a resilience policy', () => {
  it('keeps retries of a hanging upstream within UPSTREAM_TIMEOUT_MS for the whole call', async () => {
    const { createUpstreamPolicy } = await import('../../src/net/resilience.js');
    let attempts = 0;
    const hanging = ((_u: string, init?: RequestInit) => {
      attempts += 1;
      return new Promise<Response>((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)));
    }) as typeof fetch;
    const http = new UpstreamHttp({
      app: nerdApp,
      baseUrl: 'https://nerd.example',
      credential,
      tokens: new TokenManager({ cache: new Keyv(), renewMarginMs: 60_000, backgroundRenewMs: 0 }),
      transport: fetchTransport(hanging),
      clock: Date.now,
      timeoutMs: 300,
      maxRetryAfterSeconds: 5,
      policy: createUpstreamPolicy({ maxAttempts: 6, initialDelayMs: 10, maxDelayMs: 20, breakerThreshold: 100, halfOpenAfterMs: 1_000 }),
    });
    await expect(http.request({ ...call, method: 'GET', json: undefined })).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    // The first attempt used the whole budget, so no retry was started (without it: 6 attempts).
    expect(attempts).toBe(1);
  });
});
