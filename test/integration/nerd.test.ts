import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { findLeaks, startStack, type Stack } from '../helpers/stack.js';
import { earlyAnswer } from '../helpers/early-answer.js';
import { manualClock } from '../helpers/manual-clock.js';

const ANNOTATE = /* GraphQL */ `
  query Annotate($text: String!, $kbs: [KnowledgeBase!], $tagPeople: Boolean) {
    annotateText(text: $text, knowledgeBases: $kbs, tagPeople: $tagPeople) {
      knowledgeBase
      annotations { text startIndex endIndex nerType nerScore nedScore entity { kbId label type knowledgeBase wikidataId url } }
      relevance { kbId score }
    }
  }
`;

interface AnnotateData {
  annotateText: Array<{
    knowledgeBase: string;
    annotations: Array<{
      text: string;
      startIndex: number;
      endIndex: number;
      nerType: string;
      nedScore: number | null;
      entity: { kbId: string; label: string | null; type: string | null; knowledgeBase: string; wikidataId: string | null; url: string | null } | null;
    }>;
    relevance: Array<{ kbId: string; score: number }>;
  }>;
}

const TEXT = 'Kensho Technologies, part of S&P Global, works with Apple from Cambridge.';

describe('annotateText end to end (key pair → Okta → NERD)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => stack.close());
  afterEach(() => {
    stack.sim.clearFaults();
  });

  it('annotates against both knowledge bases with offsets that index the text (non-ASCII too)', async () => {
    const text = 'Na 🚀 Zürich, Apple et Microsoft ont parlé à São Paulo.';
    const r = await stack.gql<AnnotateData>(ANNOTATE, { text, kbs: ['WIKIMEDIA', 'CAPIQ'] });
    expect(r.errors).toBeUndefined();
    const [wiki, capiq] = r.data!.annotateText;
    expect(wiki!.knowledgeBase).toBe('WIKIMEDIA');
    expect(capiq!.knowledgeBase).toBe('CAPIQ');
    expect(wiki!.annotations.map((a) => a.text)).toEqual(expect.arrayContaining(['Zürich', 'Apple', 'Microsoft', 'São Paulo']));
    for (const kb of r.data!.annotateText) {
      for (const a of kb.annotations) expect(text.slice(a.startIndex, a.endIndex)).toBe(a.text);
    }
    expect(capiq!.annotations.every((a) => a.nerType === 'ORG')).toBe(true);
    expect(capiq!.annotations.map((a) => a.text)).not.toContain('Zürich');
    expect(capiq!.annotations.every((a) => a.entity === null || /^\d+$/.test(a.entity.kbId))).toBe(true);
    expect(wiki!.relevance.length).toBeGreaterThan(0);
  });

  it('returns a null entity for a span that could not be linked', async () => {
    const r = await stack.gql<AnnotateData>(ANNOTATE, { text: 'Acme Widgets signed a deal with Apple.' });
    const acme = r.data!.annotateText[0]!.annotations.find((a) => a.text === 'Acme Widgets');
    expect(acme).toBeDefined();
    expect(acme!.entity).toBeNull();
    expect(acme!.nedScore).toBeNull();
  });

  it('sends identical annotate calls of one operation to NERD once', async () => {
    stack.sim.counters.reset();
    const r = await stack.gql(`query { a: annotateText(text: "Apple and Tesla") { knowledgeBase } b: annotateText(text: "Apple and Tesla") { knowledgeBase } c: annotateText(text: "Nvidia") { knowledgeBase } }`);
    expect(r.errors).toBeUndefined();
    expect(stack.sim.counters.calls('nerd.annotations-sync')).toBe(2);
  });

  it('recovers from a revoked token with exactly one new token and one retry', async () => {
    await stack.gql(ANNOTATE, { text: TEXT }); // warm
    stack.sim.counters.reset();
    stack.sim.revokeAllTokens();
    const r = await stack.gql<AnnotateData>(ANNOTATE, { text: TEXT });
    expect(r.errors).toBeUndefined();
    expect(stack.sim.counters.tokenRequests()).toBe(1);
    expect(stack.sim.counters.calls('nerd.annotations-sync')).toBe(2);
    const statuses = stack.sim.counters.log().filter((c) => c.endpoint === 'nerd.annotations-sync').map((c) => c.status);
    expect(statuses).toEqual([401, 200]);
  });

  it('retries a 429 after its Retry-After, then answers UPSTREAM_RATE_LIMITED with retryAfterSeconds', async () => {
    stack.sim.inject({ target: 'nerd.annotations-sync', status: 429, retryAfterSeconds: 1, times: 1 });
    stack.sim.counters.reset();
    const ok = await stack.gql<AnnotateData>(ANNOTATE, { text: 'Apple once more' });
    expect(ok.errors).toBeUndefined();
    expect(stack.sim.counters.calls('nerd.annotations-sync')).toBe(2);

    stack.sim.inject({ target: 'nerd.annotations-sync', status: 429, retryAfterSeconds: 120, times: 1 });
    const limited = await stack.gql(ANNOTATE, { text: 'Apple yet again' });
    expect(limited.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_RATE_LIMITED', retryAfterSeconds: 120 });
  });

  it('maps garbage and failures from NERD to stable codes without crashing', async () => {
    stack.sim.inject({ target: 'nerd.annotations-sync', status: 200, body: '<html>oops</html>' });
    const garbage = await stack.gql(ANNOTATE, { text: 'Apple garbage' });
    expect(garbage.errors?.[0]?.extensions?.code).toBe('UPSTREAM_BAD_RESPONSE');

    stack.sim.inject({ target: 'nerd.annotations-sync', status: 200, body: { results: [{ knowledge_base: 'wikimedia', annotations: [{ start_index: 'x' }] }] } });
    const badShape = await stack.gql(ANNOTATE, { text: 'Apple bad shape' });
    expect(badShape.errors?.[0]?.extensions?.code).toBe('UPSTREAM_BAD_RESPONSE');

    stack.sim.counters.reset();
    stack.sim.inject({ target: 'nerd.annotations-sync', status: 503 });
    const blip = await stack.gql(ANNOTATE, { text: 'Apple blip' });
    expect(blip.errors).toBeUndefined(); // one 503 is retried with backoff
    expect(stack.sim.counters.calls('nerd.annotations-sync')).toBe(2);

    stack.sim.inject({ target: 'nerd.annotations-sync', status: 503, times: 6 });
    const down = await stack.gql(ANNOTATE, { text: 'Apple down' });
    expect(down.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE'); // after 6 attempts

    const after = await stack.gql(ANNOTATE, { text: 'Apple fine again' });
    expect(after.errors).toBeUndefined();
  });

  it.each([
    ['empty text', { text: '   ' }, /must not be empty/],
    ['too-long text', { text: 'x'.repeat(100_001) }, /at most 100000/],
    ['no knowledge base', { text: 'Apple', kbs: [] }, /at least one/],
  ])('refuses %s with BAD_USER_INPUT and no upstream or token call', async (_name, variables, message) => {
    stack.sim.counters.reset();
    const r = await stack.gql(ANNOTATE, variables);
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0]?.message).toMatch(message);
    expect(stack.sim.counters.log()).toHaveLength(0);
  });

  it('answers malformed GraphQL and wrong variables with a stable code (400 with graphql-response+json, 200 with legacy JSON)', async () => {
    const modern = { accept: 'application/graphql-response+json' };
    const parse = await stack.gql('query { annotateText(text: ', undefined, modern);
    expect(parse.status).toBe(400);
    expect(parse.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    const legacy = await stack.gql('query { annotateText(text: ', undefined, { accept: 'application/json' });
    expect(legacy.status).toBe(200);
    expect(legacy.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    const vars = await stack.gql(ANNOTATE, { text: 42 }, modern);
    expect(vars.status).toBe(400);
    expect(vars.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const unknown = await stack.gql('{ nope }');
    expect(unknown.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses bodies that are not JSON or too large, and serves health and readiness', async () => {
    const notJson = await fetch(`${stack.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(notJson.status).toBe(400);
    // Refused on its declared length, before the rest of it is sent.
    const big = await earlyAnswer(`${stack.url}/graphql`, { 'content-type': 'application/json' }, 1_100_000, '{"query": "{ gateway { version } } #xxxx');
    expect(big.status).toBe(413);
    expect((JSON.parse(big.body) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe('REQUEST_TOO_LARGE');
    expect((await fetch(`${stack.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${stack.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true });
  });

  it('serves GET queries (with a CSRF preflight header) and refuses GET without one', async () => {
    const q = encodeURIComponent('{ gateway { version upstreams { app configured credential } } }');
    const ok = await fetch(`${stack.url}/graphql?query=${q}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { data: { gateway: { upstreams: Array<{ app: string; configured: boolean; credential: string }> } } };
    expect(body.data.gateway.upstreams).toContainEqual({ app: 'NERD', configured: true, credential: 'KEY_PAIR' });
    const blocked = await fetch(`${stack.url}/graphql?query=${q}`);
    expect(blocked.status).toBe(400);
  });

  it('never puts a secret in a response or a log line', async () => {
    await stack.gql(ANNOTATE, { text: TEXT });
    const everything = stack.logs.join('');
    expect(findLeaks(everything, stack.secrets)).toEqual([]);
  });
});

describe('NERD contract variants (UPSTREAMS §3), each as the simulator can answer', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => stack.close());
  afterEach(() => {
    stack.sim.clearFaults();
    Object.assign(stack.sim.knobs, { nerdOffsetUnit: 'codepoint', nerdRelevanceShape: 'nested', nerdPeopleEntitlement: true });
  });

  // Characters outside the BMP (two UTF-16 units, one code point) before, between and after spans.
  const ASTRAL = '𝐀𝐁𝐂 report 🚀: Apple Inc. met Tim Cook in Zürich 🚀🚀 and 𝐗 Apple Inc. again 🚀.';

  it.each(['codepoint', 'utf16'] as const)('answers UTF-16 offsets after emoji and mathematical letters when NERD counts in %s', async (unit) => {
    stack.sim.knobs.nerdOffsetUnit = unit;
    const r = await stack.gql<AnnotateData>(ANNOTATE, { text: ASTRAL, kbs: ['WIKIMEDIA', 'CAPIQ'] });
    expect(r.errors).toBeUndefined();
    const [wiki, capiq] = r.data!.annotateText;
    expect(wiki!.annotations.map((a) => a.text)).toEqual(['Apple Inc.', 'Tim Cook', 'Zürich', 'Apple Inc.']);
    expect(capiq!.annotations.map((a) => a.text)).toEqual(['Apple Inc.', 'Apple Inc.']);
    for (const kb of r.data!.annotateText) for (const a of kb.annotations) expect(ASTRAL.slice(a.startIndex, a.endIndex)).toBe(a.text);
    expect(wiki!.annotations.at(-1)!.startIndex).toBe(ASTRAL.lastIndexOf('Apple Inc.'));
    // No offset needed a search: each fitted the unit NERD counted in.
    expect(stack.logs.join('')).not.toContain('NERD span offsets did not match');
  });

  it('places a span whose offsets fit no unit by its text, and drops offsets it cannot place, with a warning', async () => {
    const text = 'Apple and Tesla in London.';
    stack.sim.inject({
      target: 'nerd.annotations-sync',
      status: 200,
      body: {
        results: [
          {
            knowledge_base: 'wikimedia',
            annotations: [
              { start_index: 12, end_index: 17, text: 'Tesla', ner_score: 0.9, ned_score: 0.9, ner_type: 'ORG', entity_label: 'Tesla, Inc.', entity_type: 'COMPANY', entity_kb_id: '478214' },
              { start_index: 0, end_index: 4, text: 'Pear', ner_score: 0.9, ned_score: null, ner_type: 'ORG', entity_label: null, entity_type: null, entity_kb_id: null },
            ],
            entity_relevance_scores: {},
          },
        ],
      },
    });
    const before = stack.logs.length;
    const r = await stack.gql<{ annotateText: Array<{ annotations: Array<{ text: string; startIndex: number | null; endIndex: number | null }> }> }>(ANNOTATE, { text });
    expect(r.errors).toBeUndefined();
    expect(r.data!.annotateText[0]!.annotations).toEqual([
      { text: 'Tesla', startIndex: 10, endIndex: 15, nerType: 'ORG', nerScore: 0.9, nedScore: 0.9, entity: expect.objectContaining({ kbId: '478214' }) },
      { text: 'Pear', startIndex: null, endIndex: null, nerType: 'ORG', nerScore: 0.9, nedScore: null, entity: null },
    ]);
    const warning = stack.logs.slice(before).find((l) => l.includes('NERD span offsets did not match'));
    expect(warning).toBeDefined();
    expect(JSON.parse(warning!)).toMatchObject({ level: expect.anything(), spansSearched: 1, spansWithoutOffsets: 1 });
  });

  it('passes bare Wikidata ids through and adds wikidataId and url; CapIQ entities have neither', async () => {
    const r = await stack.gql<AnnotateData>(ANNOTATE, { text: 'Apple opened an office in Nairobi, not London.', kbs: ['WIKIMEDIA', 'CAPIQ'] });
    expect(r.errors).toBeUndefined();
    const [wiki, capiq] = r.data!.annotateText;
    const entity = (kb: typeof wiki, text: string) => kb!.annotations.find((a) => a.text === text)!.entity;
    expect(entity(wiki, 'Nairobi')).toEqual({ kbId: '3870', label: 'Nairobi', type: 'CITY', knowledgeBase: 'WIKIMEDIA', wikidataId: 'Q3870', url: 'https://www.wikidata.org/wiki/Q3870' });
    // The simulator sends London's id as a JSON number: it comes through written the same way.
    expect(entity(wiki, 'London')).toMatchObject({ kbId: '84', wikidataId: 'Q84', url: 'https://www.wikidata.org/wiki/Q84' });
    expect(entity(wiki, 'Apple')).toMatchObject({ kbId: '312', wikidataId: 'Q312' });
    expect(entity(capiq, 'Apple')).toEqual({ kbId: '24937', label: 'Apple Inc.', type: 'COMPANY', knowledgeBase: 'CAPIQ', wikidataId: null, url: null });
    expect(wiki!.relevance.map((x) => x.kbId).sort()).toEqual(['312', '3870', '84']);
  });

  it("gives the knowledge base's entity type, not the NER type, and null links for unlinked spans", async () => {
    const r = await stack.gql<AnnotateData>(ANNOTATE, { text: 'The United Nations, the Federal Reserve, Tim Cook and Acme Widgets met in Tokyo.' });
    expect(r.errors).toBeUndefined();
    expect(r.data!.annotateText[0]!.annotations.map((a) => [a.text, a.nerType, a.entity?.type ?? null, a.entity?.kbId ?? null, a.nedScore === null])).toEqual([
      ['United Nations', 'ORG', 'NGO', '1065', false],
      ['Federal Reserve', 'ORG', 'GOVERNMENT', '53536', false],
      ['Tim Cook', 'PERSON', 'PERSON', '265852', false],
      ['Acme Widgets', 'ORG', null, null, true],
      ['Tokyo', 'GPE', 'CITY', '1490', false],
    ]);
  });

  it('sends tagPeople to NERD: Wikimedia people come either way, CapIQ people only with it, and an account without the entitlement gets UPSTREAM_FORBIDDEN', async () => {
    const text = 'Tim Cook runs Apple.';
    const people = async (kbs: string[], tagPeople?: boolean) => {
      const r = await stack.gql<AnnotateData>(ANNOTATE, { text, kbs, ...(tagPeople === undefined ? {} : { tagPeople }) });
      expect(r.errors).toBeUndefined();
      return r.data!.annotateText[0]!.annotations.filter((a) => a.entity?.type === 'PERSON').map((a) => a.text);
    };
    expect(await people(['WIKIMEDIA'])).toEqual(['Tim Cook']);
    expect(await people(['WIKIMEDIA'], false)).toEqual(['Tim Cook']);
    expect(await people(['CAPIQ'])).toEqual([]);
    expect(await people(['CAPIQ'], true)).toEqual(['Tim Cook']);

    stack.sim.knobs.nerdPeopleEntitlement = false;
    stack.sim.counters.reset();
    const refused = await stack.gql(ANNOTATE, { text: `${text} again`, kbs: ['CAPIQ'], tagPeople: true });
    expect(refused.errors?.[0]?.extensions?.code).toBe('UPSTREAM_FORBIDDEN');
    expect(refused.errors?.[0]?.message).toMatch(/people tagging/);
    expect(stack.sim.counters.log().filter((c) => c.endpoint === 'nerd.annotations-sync').map((c) => c.status)).toEqual([403]);
  });

  it.each(['nested', 'flat', 'list'] as const)('reads relevance scores sent %s', async (shape) => {
    stack.sim.knobs.nerdRelevanceShape = shape;
    const r = await stack.gql<AnnotateData>(ANNOTATE, { text: `Apple and Microsoft in Paris (${shape}).`, kbs: ['WIKIMEDIA', 'CAPIQ'] });
    expect(r.errors).toBeUndefined();
    for (const kb of r.data!.annotateText) {
      const linked = kb.annotations.flatMap((a) => (a.entity ? [a.entity.kbId] : []));
      expect(kb.relevance.map((x) => x.kbId).sort()).toEqual([...linked].sort());
      for (const x of kb.relevance) expect(x.score).toBeGreaterThan(0.5);
    }
    expect(r.data!.annotateText[0]!.relevance.map((x) => x.kbId).sort()).toEqual(['2283', '312', '90']);
  });
});

describe('token economy', () => {
  it('50 concurrent cold annotateText queries cause exactly one token request, for the NERD scope only', async () => {
    const stack = await startStack({ simulator: { latencyMs: 20 } });
    try {
      const results = await Promise.all(Array.from({ length: 50 }, (_, i) => stack.gql<AnnotateData>(ANNOTATE, { text: `Apple and Microsoft ${i}` })));
      expect(results.filter((r) => r.errors)).toEqual([]);
      expect(stack.sim.counters.tokenRequests()).toBe(1);
      expect(stack.sim.counters.tokenRequests('kensho:app:nerd')).toBe(1);
      expect(stack.sim.counters.calls('okta.token')).toBe(1);
      const nerdCalls = stack.sim.counters.log().filter((c) => c.endpoint.startsWith('nerd.'));
      expect(nerdCalls).toHaveLength(50);
      expect(new Set(nerdCalls.map((c) => (c.scopes ?? []).join(' ')))).toEqual(new Set(['kensho:app:nerd']));
    } finally {
      await stack.close();
    }
  });
});

describe('long texts use the async job API', () => {
  it('creates a job, polls it with backoff, reads the result and deletes the job', async () => {
    // The job takes 500 ms of this clock; the gateway's poll delays pass on it too.
    const clock = manualClock();
    const stack = await startStack({ clock, env: { NERD_ASYNC_THRESHOLD_CHARS: '50' }, simulator: { nerdJobDurationMs: 500 } });
    try {
      const text = `${'Some filler words here. '.repeat(4)}Apple and Goldman Sachs met in London.`;
      const r = await clock.until(stack.gql<AnnotateData>(ANNOTATE, { text }), 50);
      expect(r.errors).toBeUndefined();
      expect(r.data!.annotateText[0]!.annotations.map((a) => a.text)).toEqual(expect.arrayContaining(['Apple', 'Goldman Sachs', 'London']));
      const c = stack.sim.counters;
      expect(c.calls('nerd.annotations-sync')).toBe(0);
      expect(c.calls('nerd.annotations-async.create')).toBe(1);
      // Polled at once, then after 200 ms and 300 ms more (1.5x): done at 500 ms.
      const created = c.log().find((x) => x.endpoint === 'nerd.annotations-async.create')!.at;
      expect(c.log().filter((x) => x.endpoint === 'nerd.annotations-async.poll').map((x) => x.at - created)).toEqual([0, 200, 500]);
      expect(c.calls('nerd.annotations-async.delete')).toBe(1);
      expect(c.log().find((x) => x.endpoint === 'nerd.annotations-async.delete')?.status).toBe(200);

      stack.sim.knobs.failNerdJobs = true;
      c.reset();
      const failed = await clock.until(stack.gql(ANNOTATE, { text: `${text} again` }), 50);
      // The documented failure form: status success, the error in message, no results.
      expect(failed.errors?.[0]?.extensions?.code).toBe('UPSTREAM_JOB_FAILED');
      expect(failed.errors?.[0]?.message).toContain('annotation model failed on this text');
      expect(c.calls('nerd.annotations-async.delete')).toBe(1);
    } finally {
      await stack.close();
    }
  });

  it('reports a failed job message scrubbed of anything shaped like a token', async () => {
    const stack = await startStack({ env: { NERD_ASYNC_THRESHOLD_CHARS: '10' }, simulator: { nerdJobDurationMs: 0 } });
    try {
      const secret = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhYmMifQ.c2lnbmF0dXJlLXBhcnQ';
      stack.sim.inject({ target: 'nerd.annotations-async.poll', status: 200, body: { status: 'success', message: `model crashed on request with ${secret}` } });
      const failed = await stack.gql(ANNOTATE, { text: 'Apple and Tesla, twice over.' });
      expect(failed.errors?.[0]?.extensions?.code).toBe('UPSTREAM_JOB_FAILED');
      expect(failed.errors?.[0]?.message).toContain('model crashed on request with [redacted]');
      expect(failed.raw).not.toContain(secret);
    } finally {
      await stack.close();
    }
  });

  it('reads an undocumented job status as still running: it waits for success, or times out after NERD_JOB_TIMEOUT_MS', async () => {
    const clock = manualClock();
    const stack = await startStack({ clock, env: { NERD_ASYNC_THRESHOLD_CHARS: '10', NERD_JOB_TIMEOUT_MS: '1500' }, simulator: { nerdJobDurationMs: 400 } });
    try {
      stack.sim.knobs.nerdRunningStatus = 'in_progress';
      const ok = await clock.until(stack.gql<AnnotateData>(ANNOTATE, { text: 'Apple and Tesla in Paris.' }), 50);
      expect(ok.errors).toBeUndefined();
      expect(ok.data!.annotateText[0]!.annotations.map((a) => a.text)).toEqual(['Apple', 'Tesla', 'Paris']);
      expect(stack.sim.counters.calls('nerd.annotations-async.poll')).toBeGreaterThanOrEqual(2);

      stack.sim.knobs.nerdJobDurationMs = 60_000;
      stack.sim.counters.reset();
      const started = clock.now();
      const late = await clock.until(stack.gql(ANNOTATE, { text: 'Apple and Tesla in Tokyo.' }), 50);
      expect(late.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
      expect(late.errors?.[0]?.message).toMatch(/did not finish within 1500 ms/);
      // Polled at 0, 200, 500, 950 ms and at the deadline, 1500 ms; then it gave up.
      const polls = stack.sim.counters.log().filter((x) => x.endpoint === 'nerd.annotations-async.poll');
      expect(polls.map((x) => x.at - started)).toEqual([0, 200, 500, 950, 1500]);
    } finally {
      await stack.close();
    }
  });
});
