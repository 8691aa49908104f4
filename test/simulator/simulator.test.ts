import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { SignJWT, decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '@kensho-gateway/simulator';

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const otherKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
let now = Date.UTC(2026, 10, 22, 10, 30, 0);
const clock = () => now;

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ clock, nerdJobDurationMs: 1_000 });
  sim.registerClient({ clientId: 'client-a', publicKey: keys.publicKey, scopes: ['kensho:app:nerd', 'kensho:app:extract'] });
  // A PKCS#1-registered key works too (the simulator reads either PEM).
  const pkcs1 = generateKeyPairSync('rsa', { modulusLength: 2048 });
  sim.registerClient({ clientId: 'client-pkcs1', publicKey: pkcs1.publicKey.export({ type: 'pkcs1', format: 'pem' }) as string, scopes: ['kensho:app:nerd'] });
  Object.assign(globalThis, { __pkcs1Private: pkcs1.privateKey });
});
afterAll(async () => sim.close());

interface AssertionOpts {
  iss?: string;
  sub?: string;
  aud?: string;
  iat?: number;
  exp?: number;
  jti?: string;
  key?: KeyObject;
}

async function assertion(o: AssertionOpts = {}): Promise<string> {
  const iat = o.iat ?? Math.floor(now / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'RS256' })
    .setIssuer(o.iss ?? 'client-a')
    .setSubject(o.sub ?? o.iss ?? 'client-a')
    .setAudience(o.aud ?? sim.urls.tokenUrl)
    .setIssuedAt(iat)
    .setExpirationTime(o.exp ?? iat + 300)
    .setJti(o.jti ?? randomUUID())
    .sign(o.key ?? keys.privateKey);
}

async function tokenRequest(form: Record<string, string>, contentType = 'application/x-www-form-urlencoded') {
  const res = await fetch(sim.urls.tokenUrl, { method: 'POST', headers: { 'content-type': contentType }, body: new URLSearchParams(form).toString() });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const grant = async (a: string, scope = 'kensho:app:nerd') => tokenRequest({ grant_type: 'client_credentials', scope, client_assertion_type: ASSERTION_TYPE, client_assertion: a });

describe('Okta token endpoint', () => {
  it('grants a token with the documented shape and Okta-like claims', async () => {
    const iat = Math.floor(now / 1000);
    const r = await grant(await assertion({ iat, exp: iat + 3600 }));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: 'kensho:app:nerd' });
    const claims = decodeJwt(r.body.access_token as string);
    expect(claims).toMatchObject({ cid: 'client-a', sub: 'client-a', scp: ['kensho:app:nerd'], iss: `${sim.url}/okta/oauth2/default` });
    expect(claims.exp! - claims.iat!).toBe(3600);
  });

  it('issues tokens that live no longer than the client assertion, unless told otherwise', async () => {
    // UPSTREAMS §1.1: the access token's expiry may follow the assertion's exp (5-minute assertion → 5-minute token).
    const short = await grant(await assertion());
    expect(short.body.expires_in).toBe(300);
    const claims = decodeJwt(short.body.access_token as string);
    expect(claims.exp! - claims.iat!).toBe(300);
    sim.knobs.oktaLifetimeFollowsAssertion = false;
    try {
      expect((await grant(await assertion())).body.expires_in).toBe(3600);
    } finally {
      sim.knobs.oktaLifetimeFollowsAssertion = true;
    }
  });

  it('accepts a client registered with a PKCS#1 public key', async () => {
    const key = (globalThis as unknown as { __pkcs1Private: KeyObject }).__pkcs1Private;
    expect((await grant(await assertion({ iss: 'client-pkcs1', key }))).status).toBe(200);
  });

  it.each([
    ['an expired assertion', { iat: Math.floor(now / 1000) - 900, exp: Math.floor(now / 1000) - 300 }, /expired/],
    ['exp more than 60 minutes ahead', { exp: Math.floor(now / 1000) + 3700 }, /60 minutes/],
    ['a wrong audience', { aud: 'https://kensho.okta.com/oauth2/default/v1/token' }, /aud/],
    ['an unknown client', { iss: 'client-zzz' }, /not registered/],
    ['a bad signature', { key: otherKeys.privateKey }, /signature/],
    ['sub different from iss', { sub: 'someone-else' }, /sub/],
  ])('rejects %s with 401 invalid_client', async (_name, opts, why) => {
    const r = await grant(await assertion(opts as AssertionOpts));
    expect(r.status).toBe(401);
    expect(r.body.error).toBe('invalid_client');
    expect(String(r.body.error_description)).toMatch(why);
  });

  it('rejects a replayed assertion (same jti)', async () => {
    const a = await assertion({ jti: 'once' });
    expect((await grant(a)).status).toBe(200);
    const again = await grant(a);
    expect(again.status).toBe(401);
    expect(String(again.body.error_description)).toMatch(/already been used/);
  });

  it('refuses JSON bodies, other grant types and unregistered scopes', async () => {
    const json = await fetch(sim.urls.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(json.status).toBe(400);
    expect(((await json.json()) as { error: string }).error).toBe('invalid_request');
    const grantType = await tokenRequest({ grant_type: 'password', scope: 'kensho:app:nerd', client_assertion_type: ASSERTION_TYPE, client_assertion: await assertion() });
    expect(grantType.body.error).toBe('unsupported_grant_type');
    const scope = await grant(await assertion(), 'kensho:app:scribe');
    expect(scope.status).toBe(400);
    expect(scope.body.error).toBe('invalid_scope');
  });
});

describe('refresh endpoints', () => {
  it('issues on-the-hour tokens for its own app only', async () => {
    const rt = sim.issueRefreshToken('nerd');
    const ok = await fetch(`${sim.urls.nerd}/oauth2/refresh?refresh_token=${rt}`);
    expect(ok.status).toBe(200);
    const claims = decodeJwt(((await ok.json()) as { access_token: string }).access_token);
    expect(claims.exp! * 1000).toBe(Date.UTC(2026, 10, 22, 11, 0, 0));
    expect(claims.scp).toEqual(['kensho:app:nerd']);
    const wrongApp = await fetch(`${sim.urls.extract}/oauth2/refresh?refresh_token=${rt}`);
    expect(wrongApp.status).toBe(401);
    expect(await wrongApp.text()).not.toContain(rt);
  });

  it('expires a refresh token 7 days after its last use', async () => {
    const rt = sim.issueRefreshToken('extract');
    now += 6 * 86_400_000;
    expect((await fetch(`${sim.urls.extract}/oauth2/refresh?refresh_token=${rt}`)).status).toBe(200);
    now += 6 * 86_400_000; // 6 days after the last use: still fine
    expect((await fetch(`${sim.urls.extract}/oauth2/refresh?refresh_token=${rt}`)).status).toBe(200);
    now += 7 * 86_400_000 + 1;
    expect((await fetch(`${sim.urls.extract}/oauth2/refresh?refresh_token=${rt}`)).status).toBe(401);
  });
});

describe('NERD', () => {
  let token: string;
  beforeAll(async () => {
    token = (await grant(await assertion())).body.access_token as string;
  });
  const call = (path: string, init: RequestInit = {}, bearer: string | null = token) =>
    fetch(`${sim.urls.nerd}${path}`, { ...init, headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...(init.headers as Record<string, string>) } });

  const sync = async (body: Record<string, unknown>) => {
    const res = await call('/api/v1/annotations-sync', { method: 'POST', body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as { request_id?: string; detail?: string; results: Array<{ knowledge_base: string; annotations: Array<Record<string, unknown>>; entity_relevance_scores: unknown }> } };
  };

  it('annotates with exclusive code-point offsets by default, both knowledge bases, numeric capiq ids and null links', async () => {
    const text = '🚀 Zürich: 𝐀 Apple, S&P Global and Acme Widgets.';
    const { status, body } = await sync({ text, knowledge_bases: ['capiq', 'wikimedia'], request_id: 'r1' });
    expect(status).toBe(200);
    expect(body.request_id).toBe('r1');
    expect(body.results.map((r) => r.knowledge_base)).toEqual(['capiq', 'wikimedia']);
    const codePoints = [...text];
    for (const r of body.results) for (const a of r.annotations) expect(codePoints.slice(a.start_index as number, a.end_index as number).join('')).toBe(a.text);
    // Past two characters outside the BMP the two counts differ by two.
    const apple = body.results[1]!.annotations.find((a) => a.text === 'Apple')!;
    expect(apple.start_index).toBe(text.indexOf('Apple') - 2);
    const capiq = body.results[0]!.annotations;
    expect(capiq.every((a) => a.ner_type === 'ORG')).toBe(true);
    expect(capiq.some((a) => typeof a.entity_kb_id === 'number')).toBe(true);
    const acme = body.results[1]!.annotations.find((a) => a.text === 'Acme Widgets')!;
    expect(acme).toMatchObject({ entity_kb_id: null, entity_label: null, entity_type: null, ned_score: null });
  });

  it('counts offsets in UTF-16 code units with nerdOffsetUnit utf16', async () => {
    sim.knobs.nerdOffsetUnit = 'utf16';
    try {
      const text = '🚀 Zürich: 𝐀 Apple.';
      const { body } = await sync({ text, knowledge_bases: ['wikimedia'] });
      for (const a of body.results[0]!.annotations) expect(text.slice(a.start_index as number, a.end_index as number)).toBe(a.text);
      expect(body.results[0]!.annotations.map((a) => a.text)).toEqual(['Zürich', 'Apple']);
    } finally {
      sim.knobs.nerdOffsetUnit = 'codepoint';
    }
  });

  it('links Wikimedia entities by bare Wikidata number with the knowledge base type, not the NER type', async () => {
    const { body } = await sync({ text: 'Apple opened an office in Nairobi, says the United Nations.', knowledge_bases: ['wikimedia', 'capiq'] });
    const [wiki, capiq] = body.results;
    expect(wiki!.annotations.map((a) => [a.text, a.entity_kb_id, a.ner_type, a.entity_type])).toEqual([
      ['Apple', '312', 'ORG', 'COMPANY'],
      ['Nairobi', '3870', 'GPE', 'CITY'],
      ['United Nations', '1065', 'ORG', 'NGO'],
    ]);
    expect(capiq!.annotations.find((a) => a.text === 'Apple')).toMatchObject({ entity_kb_id: 24937, entity_type: 'COMPANY' });
  });

  it.each([
    ['nested', { '312': { relevance_score: expect.any(Number), entity_id: '312' } }],
    ['flat', { '312': expect.any(Number) }],
    ['list', [{ '312': expect.any(Number) }]],
  ] as const)('shapes entity_relevance_scores %s', async (shape, expected) => {
    sim.knobs.nerdRelevanceShape = shape;
    try {
      const { body } = await sync({ text: 'Apple', knowledge_bases: ['wikimedia'] });
      expect(body.results[0]!.entity_relevance_scores).toEqual(expected);
    } finally {
      sim.knobs.nerdRelevanceShape = 'nested';
    }
  });

  it('always links Wikimedia people; tag_people adds people to CapIQ results only, and needs the entitlement', async () => {
    const text = 'Tim Cook spoke in Tokyo for Apple.';
    const types = async (kb: string, tag: boolean) => (await sync({ text, knowledge_bases: [kb], tag_people: tag })).body.results[0]!.annotations.map((a) => `${String(a.ner_type)}/${String(a.entity_type)}`);
    expect(await types('wikimedia', false)).toEqual(['PERSON/PERSON', 'GPE/CITY', 'ORG/COMPANY']);
    expect(await types('wikimedia', true)).toEqual(['PERSON/PERSON', 'GPE/CITY', 'ORG/COMPANY']);
    expect(await types('capiq', false)).toEqual(['ORG/COMPANY']);
    // CapIQ's ner_type is always ORG [doc]; the knowledge base's type tells the person apart.
    expect(await types('capiq', true)).toEqual(['ORG/PERSON', 'ORG/COMPANY']);
    sim.knobs.nerdPeopleEntitlement = false;
    try {
      expect((await sync({ text, knowledge_bases: ['capiq'], tag_people: true })).status).toBe(403);
      expect((await sync({ text, knowledge_bases: ['wikimedia'], tag_people: true })).status).toBe(200);
    } finally {
      sim.knobs.nerdPeopleEntitlement = true;
    }
  });

  it.each([
    [{ knowledge_bases: ['wikimedia'] }, /text/],
    [{ text: 'x', knowledge_bases: [] }, /knowledge base/],
    [{ text: 'x', knowledge_bases: ['dbpedia'] }, /unknown knowledge base/],
  ])('answers 400 with detail for %j', async (body, detail) => {
    const res = await call('/api/v1/annotations-sync', { method: 'POST', body: JSON.stringify(body) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { detail: string }).detail).toMatch(detail);
  });

  it('separates 401 (no or bad token) from 403 (no NERD scope), and /me answers 403 when unauthenticated', async () => {
    expect((await call('/api/v1/annotations-sync', { method: 'POST', body: '{}' }, null)).status).toBe(401);
    expect((await call('/api/v1/annotations-sync', { method: 'POST', body: '{}' }, `${token}x`)).status).toBe(401);
    const extractOnly = (await grant(await assertion(), 'kensho:app:extract')).body.access_token as string;
    const forbidden = await call('/api/v1/annotations-sync', { method: 'POST', body: '{}' }, extractOnly);
    expect(forbidden.status).toBe(403);
    expect((await call('/me', {}, null)).status).toBe(403);
    const me = (await (await call('/me')).json()) as { scopes: string[]; uid: string };
    expect(me).toMatchObject({ scopes: ['kensho:app:nerd'], uid: 'client-a' });
  });

  it('runs async jobs: pending, 409 on early delete, success, delete, then 404', async () => {
    const created = await call('/api/v1/annotations-async', { method: 'POST', body: JSON.stringify({ text: 'Apple in London', knowledge_bases: ['wikimedia'] }) });
    expect(created.status).toBe(202);
    const { job_id } = (await created.json()) as { job_id: string };
    const poll = async () => (await (await call(`/api/v1/annotations-async?job_id=${job_id}`)).json()) as { status: string; results?: unknown[] };
    expect((await poll()).status).toBe('pending');
    expect((await call(`/api/v1/annotations-async?job_id=${job_id}`, { method: 'DELETE' })).status).toBe(409);
    now += 1_001;
    const done = await poll();
    expect(done.status).toBe('success');
    expect(done.results).toHaveLength(1);
    expect((await call(`/api/v1/annotations-async?job_id=${job_id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await call(`/api/v1/annotations-async?job_id=${job_id}`)).status).toBe(404);
    expect((await call('/api/v1/annotations-async')).status).toBe(400);
  });

  it('reports a failed job as success with the error in message and no results; a running job with nerdRunningStatus', async () => {
    sim.knobs.failNerdJobs = true;
    sim.knobs.nerdRunningStatus = 'running';
    try {
      const created = await call('/api/v1/annotations-async', { method: 'POST', body: JSON.stringify({ text: 'Apple in London', knowledge_bases: ['wikimedia'] }) });
      const { job_id } = (await created.json()) as { job_id: string };
      const poll = async () => (await (await call(`/api/v1/annotations-async?job_id=${job_id}`)).json()) as Record<string, unknown>;
      expect((await poll()).status).toBe('running');
      now += 1_001;
      const done = await poll();
      expect(done).toEqual({ status: 'success', message: 'annotation model failed on this text' });
    } finally {
      sim.knobs.failNerdJobs = false;
      sim.knobs.nerdRunningStatus = 'pending';
    }
  });

  it('keeps jobs private to the client that made them', async () => {
    sim.registerClient({ clientId: 'client-b', publicKey: otherKeys.publicKey, scopes: ['kensho:app:nerd'] });
    const other = (await grant(await assertion({ iss: 'client-b', key: otherKeys.privateKey }))).body.access_token as string;
    const created = await call('/api/v1/annotations-async', { method: 'POST', body: JSON.stringify({ text: 'Apple', knowledge_bases: ['wikimedia'] }) });
    const { job_id } = (await created.json()) as { job_id: string };
    expect((await call(`/api/v1/annotations-async?job_id=${job_id}`, {}, other)).status).toBe(404);
  });

  it('runs the upload-url flow: pre-signed form upload, then PUT starts the job', async () => {
    const spec = (await (await call('/api/v1/upload-url')).json()) as { url: string; fields: Record<string, string>; job_id: string };
    const form = new FormData();
    for (const [k, v] of Object.entries(spec.fields)) form.set(k, v);
    form.set('file', new Blob(['Goldman Sachs opened an office in Paris.'], { type: 'text/plain' }), 'text.txt');
    expect((await fetch(spec.url, { method: 'POST', body: form })).status).toBe(204);
    const forged = new FormData();
    for (const [k, v] of Object.entries(spec.fields)) forged.set(k, v);
    forged.set('signature', 'forged');
    forged.set('file', new Blob(['x']), 'x.txt');
    expect((await fetch(spec.url, { method: 'POST', body: forged })).status).toBe(403);
    const started = await call(`/api/v1/annotations-async?job_id=${spec.job_id}`, { method: 'PUT', body: JSON.stringify({ knowledge_bases: ['wikimedia'] }) });
    expect(started.status).toBe(202);
    now += 1_001;
    const done = (await (await call(`/api/v1/annotations-async?job_id=${spec.job_id}`)).json()) as { status: string; results: Array<{ annotations: Array<{ text: string }> }> };
    expect(done.status).toBe('success');
    expect(done.results[0]!.annotations.map((a) => a.text)).toEqual(['Goldman Sachs', 'Paris']);
  });

  it('revokes every issued token on demand, and injects faults with Retry-After', async () => {
    const fresh = (await grant(await assertion())).body.access_token as string;
    sim.revokeAllTokens();
    expect((await call('/me', {}, fresh)).status).toBe(403);
    const after = (await grant(await assertion())).body.access_token as string;
    expect((await call('/me', {}, after)).status).toBe(200);
    sim.inject({ target: 'nerd', status: 429, retryAfterSeconds: 7, times: 2 });
    for (let i = 0; i < 2; i++) {
      const limited = await call('/me', {}, after);
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('7');
      expect(((await limited.json()) as { detail: string }).detail).toBe('user request rate has been exceeded');
    }
    expect((await call('/me', {}, after)).status).toBe(200);
  });
});

describe('Skykit JWT verification', () => {
  const email = 'ops@example.com';
  beforeAll(() => {
    sim.registerSkykitIssuer({ email, publicKey: keys.publicKey });
    sim.registerSkykitIssuer({ email: 'viewer@example.com', publicKey: keys.publicKey, permissions: 'none' });
  });
  async function skykitJwt(o: { iss?: string; lifetime?: number; iatOffset?: number; key?: KeyObject; claims?: Record<string, unknown> } = {}) {
    const iat = Math.floor(now / 1000) + (o.iatOffset ?? 0);
    return new SignJWT(o.claims ?? {})
      .setProtectedHeader({ alg: 'RS256' })
      .setIssuer(o.iss ?? email)
      .setIssuedAt(iat)
      .setExpirationTime(iat + (o.lifetime ?? 3000))
      .sign(o.key ?? keys.privateKey);
  }
  const devices = async (jwt: string) => fetch(`${sim.urls.skykit}/sk-api/v1/devices`, { headers: { authorization: `Bearer ${jwt}` } });

  it('passes a good JWT through to the endpoint', async () => {
    expect((await devices(await skykitJwt())).status).toBe(200);
  });

  it.each([
    ['exp - iat over one hour', { lifetime: 3601 }],
    ['an expired JWT', { iatOffset: -4000 }],
    ['a wrong key', { key: otherKeys.privateKey }],
    ['an unknown issuer', { iss: 'stranger@example.com' }],
    // Valid between iat and exp [doc]: a signer whose clock runs ahead makes a not-yet-valid token.
    ['an iat in the future (signer clock 5 s ahead)', { iatOffset: 5 }],
  ])('answers 401 "Unauthorized for URL." to %s', async (_n, o) => {
    const res = await devices(await skykitJwt(o));
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ message: 'Unauthorized for URL.' });
  });

  it('ignores claims beyond iss/iat/exp (jti, others), as a JWT library does', async () => {
    expect((await devices(await skykitJwt({ claims: { jti: randomUUID(), note: 'extra' } }))).status).toBe(200);
  });

  it('accepts a token issued in its past (a backdated iat)', async () => {
    expect((await devices(await skykitJwt({ iatOffset: -30 }))).status).toBe(200);
  });

  it('answers 403 "Insufficient permission." to a user without permissions', async () => {
    const res = await devices(await skykitJwt({ iss: 'viewer@example.com' }));
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ message: 'Insufficient permission.' });
  });
});

describe('simulator counters', () => {
  it('counts every call but keeps only the latest calls in its log, so a long run does not grow', async () => {
    const small = await startSimulator({ callLogLimit: 20 });
    try {
      for (let i = 0; i < 60; i++) await fetch(`${small.url}/nerd/me`);
      expect(small.counters.calls('nerd.me')).toBe(60);
      expect(small.counters.log().length).toBeGreaterThanOrEqual(20);
      expect(small.counters.log().length).toBeLessThanOrEqual(22);
      const counted = (await (await fetch(`${small.url}/__sim/counters`)).json()) as { calls: Record<string, number> };
      expect(counted.calls['nerd.me']).toBe(60);
      small.counters.reset();
      expect(small.counters.calls('nerd.me')).toBe(0);
    } finally {
      await small.close();
    }
  });
});
