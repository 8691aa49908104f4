import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { loadConfig } from '../../src/config/load.js';
import { createGateway } from '../../src/gateway.js';
import { createLogger } from '../../src/logger.js';
import { serve } from '../../src/server/http.js';
import { transcribe } from '@kensho-gateway/simulator';
import { manualClock } from '../helpers/manual-clock.js';
import { PATIENCE_MS } from '../helpers/patience.js';
import { findLeaks, startStack, type Stack } from '../helpers/stack.js';
import { REDIS_SERVER, SHARING_TIMEOUTS, startRedis } from '../helpers/redis.js';
import { uploadRequest } from '../helpers/upload.js';

const audio = (name: string) => readFileSync(fileURLToPath(new URL(`../fixtures/audio/${name}`, import.meta.url)));
const NOTE = audio('short-note.wav');
const CALL = audio('earnings-call.wav');

const SUBMIT = /* GraphQL */ `
  mutation Submit($file: Upload!, $options: TranscriptionOptions) {
    submitTranscription(file: $file, options: $options) { id status }
  }
`;
const FIELDS = /* GraphQL */ `
  id status error expiresAt
  transcript {
    text confidence durationMs
    speakers { id known speakingMs }
    segments { text confidence startMs durationMs speakerId speakerConfidence words { text confidence startMs durationMs timed } }
  }
`;

interface TranscriptionData {
  id: string;
  status: string;
  error: string | null;
  expiresAt: string | null;
  vtt?: string | null;
  transcript: null | {
    text: string;
    confidence: number;
    durationMs: number;
    speakers: Array<{ id: number; known: boolean; speakingMs: number }>;
    segments: Array<{ text: string; startMs: number; durationMs: number; speakerId: number; words: Array<{ text: string; startMs: number; timed: boolean }> }>;
  };
}

/** The simulator's transcript of `bytes`, as Scribe would send it. */
function expected(bytes: Buffer) {
  const outcome = transcribe(bytes);
  if (!('transcript' in outcome)) throw new Error('fixture does not transcribe');
  return outcome.transcript;
}

/** Resolves once `check` holds (a poller stopped, a poll seen); PATIENCE_MS bounds a hang. */
async function waitFor(check: () => boolean): Promise<void> {
  await vi.waitFor(() => expect(check()).toBe(true), { timeout: PATIENCE_MS, interval: 20 });
}

/** The most calls to Scribe that fell in any one-second window, by the simulator's clock. */
function maxPerSecond(stack: Stack, from = 0): number {
  const times = stack.sim.counters.log().slice(from).filter((c) => c.endpoint.startsWith('scribe.') && c.endpoint !== 'scribe.refresh').map((c) => c.at);
  let best = 0;
  for (let i = 0; i < times.length; i++) best = Math.max(best, times.filter((t) => t >= times[i]! && t < times[i]! + 1000).length);
  return best;
}

describe('Kensho Scribe end to end (upload or URL → job → transcript, entities)', () => {
  let stack: Stack;
  let media: Server;
  let mediaUrl: string;
  const mediaRequests: Array<{ url: string; userAgent: string | undefined; authorization: string | undefined }> = [];
  const submit = (bytes: Buffer, name: string, type: string, options: Record<string, unknown> = {}) =>
    uploadRequest<{ submitTranscription: { id: string; status: string } }>(stack.url, SUBMIT, { bytes, name, type }, { options });
  const awaitDone = async (id: string, extra = '') => {
    const r = await stack.gql<{ awaitTranscription: TranscriptionData }>(`query($id: ID!) { awaitTranscription(id: $id, timeoutSeconds: 20) { ${FIELDS} ${extra} } }`, { id });
    expect(r.errors).toBeUndefined();
    return r.data!.awaitTranscription;
  };
  const scribeCalls = (from = 0) => stack.sim.counters.log().slice(from).filter((c) => c.endpoint.startsWith('scribe.') && c.endpoint !== 'scribe.refresh');

  beforeAll(async () => {
    stack = await startStack({
      clientScopes: ['kensho:app:nerd', 'kensho:app:extract', 'kensho:app:scribe'],
      simulator: { scribeJobDurationMs: 600 },
      // A small configured limit stands in for Scribe's 1 GB: earnings-call.wav (64 044 bytes) is over it.
      env: { SCRIBE_POLL_INITIAL_MS: '500', SCRIBE_POLL_MAX_MS: '500', SCRIBE_MAX_FILE_BYTES: '50000' },
    });
    media = createServer((req, res) => {
      mediaRequests.push({ url: req.url ?? '', userAgent: req.headers['user-agent'], authorization: req.headers.authorization });
      if (req.url === '/calls/q3.wav') res.writeHead(200, { 'content-type': 'audio/wav' }).end(CALL);
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => media.listen(0, '127.0.0.1', r));
    mediaUrl = `http://127.0.0.1:${(media.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await stack.close();
    await new Promise((r) => media.close(r));
  });
  afterEach(() => {
    stack.sim.clearFaults();
    stack.sim.knobs.failScribeJobs = false;
    stack.sim.knobs.scribeJobDurationMs = 600;
    stack.sim.knobs.scribeRequestsPerSecond = 5;
    stack.sim.knobs.scribeFailureStatus = 422;
    stack.sim.knobs.scribeOptionsPartType = 'any';
  });

  it('uploads a WAV, awaits it and returns the transcript, WebVTT and Expires; the media type was sniffed and sent', async () => {
    const submitted = await submit(NOTE, 'note.mp3', 'application/octet-stream', { transcriber: 'MACHINE', contextId: 'q3-call', contextTitle: 'Q3' });
    expect(submitted.errors).toBeUndefined();
    const { id, status } = submitted.data!.submitTranscription;
    expect(status).toBe('PENDING');
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(stack.sim.scribe.lastOptions()).toEqual({ transcriber: 'machine', context: { id: 'q3-call', title: 'Q3' } });
    const done = await awaitDone(id, 'vtt');
    expect(done.status).toBe('SUCCESS');
    const wire = expected(NOTE);
    expect(done.transcript!.text).toBe(wire.transcript);
    expect(done.transcript!.confidence).toBe(wire.accuracy);
    expect(done.transcript!.durationMs).toBe(wire.slice_meta.at(-1)!.start_ms + wire.slice_meta.at(-1)!.duration_ms);
    expect(done.transcript!.segments.map((s) => [s.text, s.startMs, s.speakerId])).toEqual(wire.slice_meta.map((s) => [s.transcript, s.start_ms, s.speaker_id]));
    expect(done.transcript!.segments[0]!.words.map((w) => w.text)).toEqual(wire.slice_meta[0]!.token_meta.map((t) => t.transcript));
    expect(done.transcript!.speakers.map((s) => s.id).sort()).toEqual([...new Set(wire.slice_meta.map((s) => s.speaker_id))].sort());
    expect(Date.parse(done.expiresAt!)).toBeGreaterThan(Date.now());
    expect(done.vtt!.startsWith('WEBVTT')).toBe(true);
    expect(done.vtt).toContain('<v speaker_0>');
    // A later read of the finished job comes from the gateway's memory: no Scribe call.
    const before = scribeCalls().length;
    const again = await stack.gql<{ transcription: TranscriptionData }>(`query($id: ID!) { transcription(id: $id) { ${FIELDS} } }`, { id });
    const { vtt: _vtt, ...withoutVtt } = done;
    expect(again.data!.transcription).toEqual(withoutVtt);
    expect(scribeCalls().length).toBe(before);
  });

  it('submits by URL: Scribe downloads the media, never the gateway or the simulator; bad URLs are refused without a call', async () => {
    mediaRequests.length = 0;
    const url = 'https://media.example.com/calls/q3.wav?X-Signature=abc';
    const r = await stack.gql<{ submitTranscriptionFromUrl: { id: string } }>(`mutation($u: String!) { submitTranscriptionFromUrl(mediaUrl: $u, options: { transcriber: HUMAN, priority: HIGH, mediaLanguage: "de" }) { id status } }`, { u: url });
    expect(r.errors).toBeUndefined();
    expect(stack.sim.scribe.lastOptions()).toEqual({ transcriber: 'human', priority: 'high', media_language: 'de' });
    const done = await awaitDone(r.data!.submitTranscriptionFromUrl.id);
    expect(done.status).toBe('SUCCESS');
    // The simulator's stand-in for the downloaded media is the URL itself.
    expect(done.transcript!.text).toBe(expected(Buffer.from(url)).transcript);

    const created = stack.sim.counters.calls('scribe.create');
    for (const bad of ['ftp://example.com/a.wav', 'not a url', `https://user:pw@example.com/a.wav`, `https://example.com/${'a'.repeat(2100)}`]) {
      const refused = await stack.gql(`mutation($u: String!) { submitTranscriptionFromUrl(mediaUrl: $u) { id } }`, { u: bad });
      expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(refused.errors?.[0]?.extensions?.reason).toBe('BAD_MEDIA_URL');
    }
    expect(stack.sim.counters.calls('scribe.create')).toBe(created);

    // A URL Scribe cannot download: the POST succeeds, the job fails, with Scribe's reason.
    const missing = await stack.gql<{ submitTranscriptionFromUrl: { id: string } }>(`mutation($u: String!) { submitTranscriptionFromUrl(mediaUrl: $u) { id } }`, { u: 'https://media.invalid/nothing.wav' });
    const failed = await awaitDone(missing.data!.submitTranscriptionFromUrl.id);
    expect(failed.status).toBe('FAILED');
    expect(failed.error).toMatch(/media_url.*\[S2T-/);
    expect(mediaRequests).toEqual([]);
  });

  it('refuses media URLs naming loopback, link-local, private or localhost addresses (PRIVATE_MEDIA_URL), without a call; nothing fetches them', async () => {
    mediaRequests.length = 0;
    const created = stack.sim.counters.calls('scribe.create');
    const privateUrls = [
      `${mediaUrl}/calls/q3.wav`,
      'http://169.254.169.254/latest/meta-data/iam/security-credentials/',
      'http://localhost:8080/a.wav',
      'http://media.localhost/a.wav',
      'http://10.1.2.3/a.wav',
      'https://172.16.0.9/a.wav',
      'http://192.168.1.20/a.wav',
      'http://100.64.0.1/a.wav',
      'http://0.0.0.0/a.wav',
      'http://2130706433/a.wav',
      'http://0x7f000001/a.wav',
      'http://[::1]/a.wav',
      'http://[::ffff:127.0.0.1]/a.wav',
      'http://[fe80::1]/a.wav',
      'http://[fd00::5]/a.wav',
    ];
    for (const u of privateUrls) {
      const refused = await stack.gql(`mutation($u: String!) { submitTranscriptionFromUrl(mediaUrl: $u) { id } }`, { u });
      expect(refused.errors?.[0]?.extensions, u).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PRIVATE_MEDIA_URL', argument: 'mediaUrl' });
      expect(refused.errors?.[0]?.message, u).toContain('SCRIBE_ALLOW_PRIVATE_MEDIA_URLS');
    }
    expect(stack.sim.counters.calls('scribe.create') - created).toBe(0);
    expect(mediaRequests).toEqual([]);
    // Public addresses and names pass.
    for (const u of ['http://8.8.8.8/a.wav', 'https://[2001:4860:4860::8888]/a.wav', 'https://localhost.example.com/a.wav']) {
      const ok = await stack.gql(`mutation($u: String!) { submitTranscriptionFromUrl(mediaUrl: $u) { id } }`, { u });
      expect(ok.errors, u).toBeUndefined();
    }
  });

  it('sends the options part as application/json; a Scribe that requires it takes it', async () => {
    stack.sim.knobs.scribeOptionsPartType = 'json';
    const submitted = await submit(NOTE, 'note.wav', 'audio/wav', { transcriber: 'MACHINE', contextId: 'typed' });
    expect(submitted.errors?.[0]?.message).toBeUndefined();
    expect(stack.sim.scribe.lastOptionsPartType()).toBe('application/json');
    expect(stack.sim.scribe.lastOptions()).toEqual({ transcriber: 'machine', context: { id: 'typed' } });
  });

  it.each([200, 400, 422, 500])('reports a failed job as FAILED with Scribe\'s reason when Scribe answers it with %i', async (status) => {
    stack.sim.knobs.failScribeJobs = true;
    stack.sim.knobs.scribeFailureStatus = status;
    const { id } = (await submit(NOTE, 'note.wav', 'audio/wav')).data!.submitTranscription;
    const r = await stack.gql<{ awaitTranscription: TranscriptionData | null }>(`query($id: ID!) { awaitTranscription(id: $id, timeoutSeconds: 20) { ${FIELDS} } }`, { id });
    expect(r.errors).toBeUndefined();
    expect(r.data!.awaitTranscription).toMatchObject({ id, status: 'FAILED', transcript: null, error: expect.stringMatching(/simulated failure.*\[S2T-JOB-0500\]/) });
    // Remembered as failed: a later read answers the same without a call.
    const before = scribeCalls().length;
    const again = await stack.gql<{ transcription: TranscriptionData }>(`query($id: ID!) { transcription(id: $id) { status error } }`, { id });
    expect(again.data!.transcription).toMatchObject({ status: 'FAILED' });
    expect(scribeCalls().length).toBe(before);
  });

  it('refuses media Scribe does not take, by content not name, and files over the limit, without calling Scribe', async () => {
    const created = stack.sim.counters.calls('scribe.create');
    const ogg = await submit(audio('voice-memo.ogg'), 'memo.ogg', 'audio/ogg');
    expect(ogg.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UNSUPPORTED_MEDIA_TYPE' });
    // Named and typed as MP3, still Ogg inside.
    const disguised = await submit(audio('voice-memo.ogg'), 'memo.mp3', 'audio/mpeg');
    expect(disguised.errors?.[0]?.extensions?.reason).toBe('UNSUPPORTED_MEDIA_TYPE');
    const big = await submit(CALL, 'call.wav', 'audio/wav');
    expect(big.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'FILE_TOO_LARGE', maxBytes: 50_000 });
    const badLanguage = await submit(NOTE, 'note.wav', 'audio/wav', { mediaLanguage: 'xx' });
    expect(badLanguage.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(stack.sim.counters.calls('scribe.create')).toBe(created);
    // Scribe's own limit is the default, and a body declared far over it is refused before a byte is read.
    expect(loadConfig({}).apps.scribe?.maxFileBytes).toBe(1_000_000_000);
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${stack.url}/graphql`, { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(5_000_000_000_000), 'apollo-require-preflight': 'true' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write('--x\r\n');
    });
    expect(status).toBe(413);
    expect(stack.sim.counters.calls('scribe.create')).toBe(created);
  });

  it('finds the NERD entities of a transcript in one NERD call, each upstream seeing only its own scope', async () => {
    stack.sim.counters.reset();
    const { id } = (await submit(NOTE, 'note.wav', 'audio/wav')).data!.submitTranscription;
    expect((await awaitDone(id)).status).toBe('SUCCESS');
    const before = stack.sim.counters.log().length;
    const r = await stack.gql<{ transcription: { transcript: { text: string; entities: Array<{ knowledgeBase: string; annotations: Array<{ text: string; startIndex: number; endIndex: number; entity: { kbId: string } | null }> }> } } }>(
      `query($id: ID!) { transcription(id: $id) { transcript { text entities(knowledgeBases: [WIKIMEDIA, CAPIQ]) { knowledgeBase annotations { text startIndex endIndex entity { kbId } } } } } }`,
      { id },
    );
    expect(r.errors).toBeUndefined();
    const { text, entities } = r.data!.transcription.transcript;
    const names = entities.flatMap((kb) => kb.annotations.map((a) => a.text));
    expect(names.some((n) => ['Kensho', 'Apple', 'Microsoft', 'Toyota', 'Google', 'S&P Global', 'Goldman Sachs'].includes(n))).toBe(true);
    expect(names.some((n) => ['Cambridge', 'Cupertino', 'London', 'New York', 'Tokyo', 'Paris'].includes(n))).toBe(true);
    for (const kb of entities) for (const a of kb.annotations) expect(text.slice(a.startIndex, a.endIndex)).toBe(a.text);
    const during = stack.sim.counters.log().slice(before);
    const nerdCalls = during.filter((c) => c.endpoint.startsWith('nerd.') && c.endpoint !== 'nerd.refresh');
    expect(nerdCalls).toHaveLength(1);
    expect(during.filter((c) => c.endpoint.startsWith('scribe.'))).toEqual([]);
    const all = stack.sim.counters.log();
    for (const c of all.filter((c) => c.endpoint.startsWith('scribe.') && c.endpoint !== 'scribe.refresh')) expect(c.scopes).toEqual(['kensho:app:scribe']);
    for (const c of nerdCalls) expect(c.scopes).toEqual(['kensho:app:nerd']);
    expect(stack.sim.counters.tokenRequests('kensho:app:scribe nerd')).toBe(0);
    const held = stack.gateway.services.tokens.held().map((t) => t.scope);
    expect(held).toContain('kensho:app:scribe');
    expect(held).toContain('kensho:app:nerd');
    expect(held.some((s) => s.includes(' '))).toBe(false);
    const scribeForJob = all.filter((c) => c.endpoint.startsWith('scribe.'));
    console.log(`transcript with entities: ${scribeForJob.length} Scribe calls for the job (${scribeForJob.map((c) => c.endpoint).join(', ')}), ${nerdCalls.length} NERD call for the entities, 0 Scribe calls for the query`);
  });

  it('deletes a transcription (true also for unknown ids); it is gone afterwards', async () => {
    const { id } = (await submit(NOTE, 'note.wav', 'audio/wav')).data!.submitTranscription;
    expect((await awaitDone(id)).status).toBe('SUCCESS');
    const del = await stack.gql<{ deleteTranscription: boolean }>(`mutation($id: ID!) { deleteTranscription(id: $id) }`, { id });
    expect(del.data!.deleteTranscription).toBe(true);
    const gone = await stack.gql<{ transcription: null }>(`query($id: ID!) { transcription(id: $id) { id } }`, { id });
    expect(gone.errors).toBeUndefined();
    expect(gone.data!.transcription).toBeNull();
    expect((await stack.gql<{ deleteTranscription: boolean }>(`mutation { deleteTranscription(id: "${'c'.repeat(32)}") }`)).data!.deleteTranscription).toBe(true);
    expect((await stack.gql(`{ transcription(id: "../x") { id } }`)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('never lets a token or the private key into responses or logs', () => {
    expect(findLeaks(stack.logs.join('\n'), stack.secrets)).toEqual([]);
  });
});

describe('Kensho Scribe pace and polling, on a manual clock', () => {
  // Scribe's per-second window (the simulator's), the gateway's pace and its poll delays all run
  // on this clock: a second is a second of the clock, however slowly the machine runs.
  const clock = manualClock();
  /** The gateway's pace retries its bucket every quarter interval at 5 a second. */
  const PACE_STEP_MS = 50;
  let stack: Stack;
  const scribeCalls = (from = 0) => stack.sim.counters.log().slice(from).filter((c) => c.endpoint.startsWith('scribe.') && c.endpoint !== 'scribe.refresh');
  const read = (id: string) => stack.gql(`{ transcription(id: "${id}") { id } }`);
  /**
   * Sends `ids` reads at once and moves the clock only while every unanswered one waits on it
   * (for its turn, or out a 429): never while a call is on its way, so each call reaches Scribe
   * at the moment the gateway let it go.
   */
  const readAll = async (ids: string[]) => {
    let answered = 0;
    const all = Promise.all(ids.map((id) => read(id).finally(() => (answered += 1))));
    return clock.until(all, PACE_STEP_MS, () => clock.waiting === ids.length - answered);
  };
  beforeAll(async () => {
    stack = await startStack({
      clock,
      clientScopes: ['kensho:app:nerd', 'kensho:app:extract', 'kensho:app:scribe'],
      simulator: { scribeJobDurationMs: 60_000 },
      env: { SCRIBE_POLL_INITIAL_MS: '500', SCRIBE_POLL_MAX_MS: '500' },
    });
  });
  afterAll(async () => stack.close());

  it('honours 429 and keeps every second under Scribe\'s limit, even when pushed', async () => {
    // A 429 with Retry-After is waited out (1 s of the clock) and the call repeated.
    stack.sim.inject({ target: 'scribe.head', status: 429, retryAfterSeconds: 1, times: 1 });
    const [one] = await readAll(['a'.repeat(32)]);
    expect(one!.errors).toBeUndefined();
    expect(one!.data).toEqual({ transcription: null });
    expect(scribeCalls().map((c) => c.status)).toEqual([429, 404]);
    await clock.advance(1_000);

    // Pushed: 12 reads at once. The gateway paces them; Scribe never answers 429.
    const from = stack.sim.counters.log().length;
    const ids = Array.from({ length: 12 }, (_, i) => i.toString(16).padStart(32, 'b'));
    const started = clock.now();
    const answers = await readAll(ids);
    for (const a of answers) expect(a.errors).toBeUndefined();
    const calls = scribeCalls(from);
    expect(calls).toHaveLength(12);
    expect(calls.filter((c) => c.status === 429)).toEqual([]);
    expect(maxPerSecond(stack, from)).toBeLessThanOrEqual(5);
    // One call at once, then one each 200 ms: the twelfth 2.2 s after the first.
    expect(calls.at(-1)!.at - started).toBeGreaterThanOrEqual(2_200);
    await clock.advance(1_000);

    // Scribe stricter than the gateway's pace (2/s): it answers 429, and every read still succeeds.
    stack.sim.knobs.scribeRequestsPerSecond = 2;
    try {
      const from2 = stack.sim.counters.log().length;
      const strict = await readAll(ids.slice(0, 6));
      for (const a of strict) expect(a.errors).toBeUndefined();
      const limited = scribeCalls(from2).filter((c) => c.status === 429).length;
      expect(limited).toBeGreaterThan(0);
      expect(scribeCalls(from2).filter((c) => c.status === 404)).toHaveLength(6);
      console.log(`Scribe at 2/s: ${limited} answers 429, all 6 reads succeeded after waiting them out`);
    } finally {
      stack.sim.knobs.scribeRequestsPerSecond = 5;
    }
  });

  it('polls Scribe once per job however many clients subscribe, and stops when they leave', async () => {
    await clock.advance(1_000);
    const submitted = await clock.until(uploadRequest<{ submitTranscription: { id: string } }>(stack.url, SUBMIT, { bytes: NOTE, name: 'note.wav', type: 'audio/wav' }), PACE_STEP_MS);
    const { id } = submitted.data!.submitTranscription;
    const clients: Client[] = [0, 1, 2].map(() => createClient({ url: `${stack.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true }));
    const iterators = clients.map((c) => c.iterate<{ transcriptionUpdated: { status: string } }>({ query: `subscription($id: ID!) { transcriptionUpdated(id: $id) { status } }`, variables: { id } }));
    const firsts = await clock.until(Promise.all(iterators.map((it) => it.next())), PACE_STEP_MS);
    expect(firsts.map((f) => (f.value as { data: { transcriptionUpdated: { status: string } } }).data.transcriptionUpdated.status)).toEqual(['PENDING', 'PENDING', 'PENDING']);
    expect(stack.gateway.services.scribeWatcher!.active).toBe(1);
    expect(await (await fetch(`${stack.url}/metrics`)).text()).toMatch(/^gateway_scribe_jobs_watched 1$/m);
    const polls = () => stack.sim.counters.calls('scribe.head');
    // One poller, however many subscribers: each time the clock passes its 500 ms wait it polls
    // once and waits again (three pollers would be three waits and three polls).
    for (let i = 0; i < 4; i++) {
      await clock.sleeping();
      expect(clock.waiting).toBe(1);
      const before = polls();
      await clock.advance(500);
      await clock.sleeping();
      expect(polls()).toBe(before + 1);
    }
    await Promise.all(iterators.map((it) => it.return?.()));
    await Promise.all(clients.map((c) => c.dispose()));
    await waitFor(() => stack.gateway.services.scribeWatcher!.active === 0);
    // The poller's wait ended with the last subscriber: time passing makes no poll.
    expect(clock.waiting).toBe(0);
    const afterLeave = polls();
    await clock.advance(2_000);
    expect(polls()).toBe(afterLeave);
  });
});

describe('Kensho Scribe credentials', () => {
  it("uses Scribe's own refresh token before the key pair, and its refresh endpoint only for Scribe", async () => {
    // The key pair lacks the Scribe scope: were it used, Okta would refuse it.
    const stack = await startStack({ clientScopes: ['kensho:app:nerd', 'kensho:app:extract'], envFor: (sim) => ({ KENSHO_SCRIBE_REFRESH_TOKEN: sim.issueRefreshToken('scribe') }) });
    try {
      const status = await stack.gql<{ gateway: { upstreams: Array<{ app: string; credential: string }> } }>('{ gateway { upstreams { app credential } } }');
      expect(status.data!.gateway.upstreams.find((u) => u.app === 'SCRIBE')?.credential).toBe('REFRESH_TOKEN');
      const r = await stack.gql(`{ transcription(id: "${'d'.repeat(32)}") { id } }`);
      expect(r.errors).toBeUndefined();
      expect(stack.sim.counters.calls('scribe.refresh')).toBe(1);
      expect(stack.sim.counters.tokenRequests('kensho:app:scribe')).toBe(1);
      expect(stack.sim.counters.calls('okta.token')).toBe(0);
    } finally {
      await stack.close();
    }
  });

  it('uses a pasted Scribe access token, and the key pair with kensho:app:scribe when nothing else is set', async () => {
    const pasted = await startStack({ clientScopes: ['kensho:app:nerd'], envFor: async (sim) => ({ KENSHO_SCRIBE_ACCESS_TOKEN: await sim.issueAccessToken({ scopes: ['kensho:app:scribe'] }) }) });
    try {
      expect((await pasted.gql(`{ transcription(id: "${'e'.repeat(32)}") { id } }`)).errors).toBeUndefined();
      expect(pasted.sim.counters.calls('okta.token')).toBe(0);
      expect(pasted.sim.counters.log().find((c) => c.endpoint === 'scribe.head')?.scopes).toEqual(['kensho:app:scribe']);
    } finally {
      await pasted.close();
    }
    const keyPair = await startStack({ clientScopes: ['kensho:app:nerd', 'kensho:app:extract', 'kensho:app:scribe'] });
    try {
      expect((await keyPair.gql(`{ transcription(id: "${'e'.repeat(32)}") { id } }`)).errors).toBeUndefined();
      expect(keyPair.sim.counters.calls('okta.token')).toBe(1);
      expect(keyPair.sim.counters.tokenRequests('kensho:app:scribe')).toBe(1);
    } finally {
      await keyPair.close();
    }
  });
});

describe('Media URLs to private addresses with SCRIBE_ALLOW_PRIVATE_MEDIA_URLS=true', () => {
  it('passes them to Scribe, and still nothing fetches them', async () => {
    let hits = 0;
    const media = createServer((_req, res) => {
      hits += 1;
      res.writeHead(200, { 'content-type': 'audio/wav' }).end(CALL);
    });
    await new Promise<void>((r) => media.listen(0, '127.0.0.1', r));
    const stack = await startStack({ clientScopes: ['kensho:app:nerd', 'kensho:app:extract', 'kensho:app:scribe'], env: { SCRIBE_ALLOW_PRIVATE_MEDIA_URLS: 'true' } });
    try {
      const u = `http://127.0.0.1:${(media.address() as AddressInfo).port}/q3.wav`;
      const r = await stack.gql<{ submitTranscriptionFromUrl: { id: string } }>(`mutation($u: String!) { submitTranscriptionFromUrl(mediaUrl: $u) { id } }`, { u });
      expect(r.errors).toBeUndefined();
      expect(stack.sim.counters.calls('scribe.create')).toBe(1);
      const done = await stack.gql<{ awaitTranscription: { status: string } }>(`query($id: ID!) { awaitTranscription(id: $id, timeoutSeconds: 10) { status } }`, { id: r.data!.submitTranscriptionFromUrl.id });
      expect(done.data!.awaitTranscription.status).toBe('SUCCESS');
      expect(hits).toBe(0);
    } finally {
      await stack.close();
      await new Promise((r) => media.close(r));
    }
  });
});

describe('Kensho Scribe down for a whole long poll', () => {
  it('answers UPSTREAM_UNAVAILABLE (retryable), never null, when Scribe answers 503 to every poll of awaitTranscription', async () => {
    const stack = await startStack({
      clientScopes: ['kensho:app:nerd', 'kensho:app:extract', 'kensho:app:scribe'],
      simulator: { scribeJobDurationMs: 60_000 },
      // The default retries and circuit breaker: each poll retries its 503s before it counts as failed.
      env: { SCRIBE_POLL_INITIAL_MS: '200', SCRIBE_POLL_MAX_MS: '200' },
    });
    try {
      const submitted = await uploadRequest<{ submitTranscription: { id: string } }>(stack.url, SUBMIT, { bytes: NOTE, name: 'note.wav', type: 'audio/wav' });
      const { id } = submitted.data!.submitTranscription;
      const query = `query($id: ID!) { awaitTranscription(id: $id, timeoutSeconds: 3) { id status } }`;

      // Down from the start of the wait: no state known at all.
      stack.sim.inject({ target: 'scribe', status: 503, times: 100_000 });
      const from = stack.sim.counters.log().length;
      const down = await stack.gql<{ awaitTranscription: { status: string } | null }>(query, { id });
      const polls = stack.sim.counters.log().slice(from).filter((c) => c.endpoint === 'scribe.head');
      console.log(`Scribe 503 for the whole wait: ${polls.length} polls, answer ${JSON.stringify(down.data)}, errors ${JSON.stringify(down.errors?.map((e) => e.extensions?.code))}`);
      expect(polls.length).toBeGreaterThanOrEqual(2);
      expect(polls.every((c) => c.status === 503)).toBe(true);
      expect(down.data?.awaitTranscription ?? null).toBeNull();
      expect(down.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', upstream: 'scribe' });
      expect(down.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);

      // A plain read during the outage is an error too, not "no such transcription".
      const read = await stack.gql(`query($id: ID!) { transcription(id: $id) { id } }`, { id });
      expect(read.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');

      // Known PENDING, then down: the error carries the last known status.
      stack.sim.clearFaults();
      // A longer wait: the outage must have failed a poll (its retries spent) before the wait
      // ends, however slowly a loaded machine runs them.
      const watch = stack.gql<{ awaitTranscription: { status: string } | null }>(query.replace('timeoutSeconds: 3', 'timeoutSeconds: 15'), { id });
      await waitFor(() => stack.sim.counters.log().slice(from).some((c) => c.endpoint === 'scribe.head' && c.status === 202));
      stack.sim.inject({ target: 'scribe', status: 503, times: 100_000 });
      const later = await watch;
      expect(later.data?.awaitTranscription ?? null).toBeNull();
      expect(later.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', upstream: 'scribe', lastKnownStatus: 'PENDING' });

      // Back up: the same wait answers the job again (once the circuit breaker the outage opened
      // lets a call through).
      stack.sim.clearFaults();
      // Asked again until the breaker's trial call passes (PATIENCE_MS bounds a hang, not 30 tries).
      const ask = () => stack.gql<{ awaitTranscription: { status: string } | null }>(`query($id: ID!) { awaitTranscription(id: $id, timeoutSeconds: 1) { id status } }`, { id });
      let up = await ask();
      await vi.waitFor(
        async () => {
          if (up.errors) up = await ask();
          expect(up.errors).toBeUndefined();
        },
        { timeout: PATIENCE_MS, interval: 500 },
      );
      expect(up.data!.awaitTranscription).toEqual({ id, status: 'PENDING' });
    } finally {
      await stack.close();
    }
  });
});

describe.skipIf(!REDIS_SERVER)('Scribe deletes seen by every replica through Redis', () => {
  it('a transcript deleted through one replica is no longer served by another that had it cached', async () => {
    const redis = await startRedis();
    const stack = await startStack({
      clientScopes: ['kensho:app:nerd', 'kensho:app:extract', 'kensho:app:scribe'],
      simulator: { scribeJobDurationMs: 300 },
      env: { CACHE_URL: redis.url, CACHE_ENCRYPTION_KEY: randomBytes(32).toString('base64'), SCRIBE_POLL_INITIAL_MS: '300', SCRIBE_POLL_MAX_MS: '300' },
      storeTimeouts: SHARING_TIMEOUTS,
    });
    const other = await serve(createGateway(loadConfig({ ...stack.env, LOG_LEVEL: 'silent' }), { logger: createLogger('silent'), storeTimeouts: SHARING_TIMEOUTS }), { host: '127.0.0.1', port: 0 });
    const gqlAt = async <T>(url: string, query: string, variables: Record<string, unknown>) =>
      (await (await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) })).json()) as { data?: T; errors?: Array<{ extensions?: Record<string, unknown> }> };
    try {
      const { id } = (await uploadRequest<{ submitTranscription: { id: string } }>(stack.url, SUBMIT, { bytes: NOTE, name: 'note.wav', type: 'audio/wav' })).data!.submitTranscription;
      const read = `query($id: ID!) { transcription(id: $id) { status transcript { text } } }`;
      const waited = await gqlAt<{ awaitTranscription: { status: string } }>(stack.url, `query($id: ID!) { awaitTranscription(id: $id, timeoutSeconds: 10) { status } }`, { id });
      expect(waited.data!.awaitTranscription.status).toBe('SUCCESS');
      // Replica B reads (and so holds) the finished transcript.
      const before = await gqlAt<{ transcription: { status: string; transcript: { text: string } } | null }>(other.url, read, { id });
      expect(before.data!.transcription!.transcript.text).toBe(expected(NOTE).transcript);
      // Deleted through replica A.
      expect((await gqlAt<{ deleteTranscription: boolean }>(stack.url, `mutation($id: ID!) { deleteTranscription(id: $id) }`, { id })).data!.deleteTranscription).toBe(true);
      const afterB = await gqlAt<{ transcription: unknown }>(other.url, read, { id });
      const afterA = await gqlAt<{ transcription: unknown }>(stack.url, read, { id });
      console.log(`after a delete through replica A, replica B answers ${JSON.stringify(afterB.data)}`);
      expect(afterB.errors).toBeUndefined();
      expect(afterB.data!.transcription).toBeNull();
      expect(afterA.data!.transcription).toBeNull();
    } finally {
      await other.close(500);
      await stack.close();
      await redis.stop();
    }
  });
});

describe.skipIf(!REDIS_SERVER)('Scribe pace shared by replicas through Redis', () => {
  it('two replicas together stay under 5 calls a second: one bucket in Redis', async () => {
    const redis = await startRedis();
    const stack = await startStack({
      clientScopes: ['kensho:app:nerd', 'kensho:app:extract', 'kensho:app:scribe'],
      env: { CACHE_URL: redis.url, CACHE_ENCRYPTION_KEY: randomBytes(32).toString('base64') },
      // The shared bucket is one Redis call per try: with its 250 ms budget a busy test process
      // fell back to each replica's own bucket, 8 calls a second together.
      storeTimeouts: SHARING_TIMEOUTS,
    });
    const other = await serve(createGateway(loadConfig({ ...stack.env, LOG_LEVEL: 'silent' }), { logger: createLogger('silent'), storeTimeouts: SHARING_TIMEOUTS }), { host: '127.0.0.1', port: 0 });
    try {
      const read = (url: string, i: number) =>
        fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ transcription(id: "${i.toString(16).padStart(32, 'f')}") { id } }` }) }).then((r) => r.json() as Promise<{ errors?: unknown }>);
      const from = stack.sim.counters.log().length;
      // 8 reads on each replica at once: alone, each replica's own bucket would allow 4 a second, 8 together.
      const answers = await Promise.all(Array.from({ length: 16 }, (_, i) => read(i % 2 === 0 ? stack.url : other.url, i)));
      for (const a of answers) expect(a.errors).toBeUndefined();
      const calls = stack.sim.counters.log().slice(from).filter((c) => c.endpoint === 'scribe.head');
      expect(calls).toHaveLength(16);
      expect(calls.filter((c) => c.status === 429)).toEqual([]);
      expect(maxPerSecond(stack, from)).toBeLessThanOrEqual(5);
      // 16 calls at 4 a second across both replicas span about 4 s of the simulator's clock
      // (about 2 s if each replica paced alone).
      const span = calls.at(-1)!.at - calls[0]!.at;
      expect(span).toBeGreaterThanOrEqual(3_000);
      console.log(`two replicas, 16 reads: at most ${maxPerSecond(stack, from)} Scribe calls in any second, ${span} ms from first to last`);
    } finally {
      await other.close(500);
      await stack.close();
      await redis.stop();
    }
  });
});
