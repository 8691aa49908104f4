import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, transcribe, wavDurationMs, type Simulator } from '@kensho-gateway/simulator';
import { manualClock } from '../helpers/manual-clock.js';

/** Kensho Scribe batch v2 in the simulator (UPSTREAMS-MORE §1), over real HTTP, with the WAV fixtures. */

const audio = (name: string) => readFileSync(fileURLToPath(new URL(`../fixtures/audio/${name}`, import.meta.url)));
const CALL = audio('earnings-call.wav');

interface Transcript {
  transcript: string;
  accuracy: number;
  slice_meta: Array<{ transcript: string; start_ms: number; duration_ms: number; speaker_id: number; token_meta: Array<{ transcript: string; start_ms: number; align_success: boolean }> }>;
}

describe('Scribe simulator', () => {
  let sim: Simulator;
  let token: string;
  let media: Server;
  let mediaUrl: string;
  /** Requests the media server saw: the simulator must never make one. */
  let mediaHits = 0;
  const api = () => `${sim.urls.scribe}/api/v2/transcription`;
  const auth = () => ({ authorization: `Bearer ${token}` });
  const upload = (bytes: Buffer, type = 'audio/wav', options?: unknown) => {
    const form = new FormData();
    form.append('media', new Blob([new Uint8Array(bytes)], { type }), 'call.wav');
    if (options !== undefined) form.append('options', JSON.stringify(options));
    return fetch(api(), { method: 'POST', body: form, headers: auth() });
  };
  // Jobs and the per-second window run on this clock: a job is running until the test moves it.
  const clock = manualClock();
  /** A fresh per-second budget: the window moves past every earlier request. */
  const settle = () => clock.advance(1_050);

  beforeAll(async () => {
    sim = await startSimulator({ clock: clock.now, scribeJobDurationMs: 200 });
    token = await sim.issueAccessToken({ scopes: ['kensho:app:scribe'] });
    media = createServer((req, res) => {
      mediaHits += 1;
      res.writeHead(200, { 'content-type': 'audio/wav' }).end(CALL);
    });
    await new Promise<void>((r) => media.listen(0, '127.0.0.1', r));
    mediaUrl = `http://127.0.0.1:${(media.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await sim.close();
    await new Promise((r) => media.close(r));
  });
  afterEach(async () => {
    sim.knobs.failScribeJobs = false;
    // Each test starts with a fresh per-second budget.
    await settle();
  });

  it('derives a deterministic transcript from the WAV: duration, two speakers, NERD-known entities', () => {
    expect(wavDurationMs(CALL)).toBe(4_000);
    const a = transcribe(CALL);
    expect(a).toEqual(transcribe(Buffer.from(CALL)));
    if (!('transcript' in a)) throw new Error('expected a transcript');
    const t = a.transcript;
    const last = t.slice_meta.at(-1)!;
    expect(last.start_ms + last.duration_ms).toBeLessThanOrEqual(4_000);
    expect(new Set(t.slice_meta.map((s) => s.speaker_id)).size).toBeGreaterThanOrEqual(2);
    expect(t.transcript).toMatch(/Kensho|Apple|Microsoft|Toyota|Google/);
    expect(t.transcript).toMatch(/Cambridge|Cupertino|London|New York|Tokyo|Paris/);
    expect(transcribe(audio('short-note.wav'))).not.toEqual(a);
  });

  it('takes an upload: 201 with a 32-hex id, 202 while running, 200 with Expires, JSON and WebVTT', async () => {
    const created = await upload(CALL, 'audio/wav', { transcriber: 'machine', context: { id: 'q3' } });
    expect(created.status).toBe(201);
    const { transcription_id: id } = (await created.json()) as { transcription_id: string };
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(sim.scribe.lastOptions()).toEqual({ transcriber: 'machine', context: { id: 'q3' } });
    expect((await fetch(`${api()}/${id}`, { method: 'HEAD', headers: auth() })).status).toBe(202);
    await clock.advance(250);
    const head = await fetch(`${api()}/${id}`, { method: 'HEAD', headers: auth() });
    expect(head.status).toBe(200);
    expect(Date.parse(head.headers.get('expires')!)).toBeGreaterThan(clock.now());
    const json = await fetch(`${api()}/${id}`, { headers: { ...auth(), accept: 'application/json' } });
    expect(json.status).toBe(200);
    const body = (await json.json()) as Transcript;
    expect(body.slice_meta[0]!.token_meta[0]!.transcript).toBe(body.slice_meta[0]!.transcript.split(' ')[0]);
    const vtt = await fetch(`${api()}/${id}`, { headers: { ...auth(), accept: 'text/vtt' } });
    expect(vtt.headers.get('content-type')).toBe('text/vtt');
    const text = await vtt.text();
    expect(text.startsWith('WEBVTT')).toBe(true);
    expect(text).toMatch(/NOTE Confidence: \d+%/);
    expect(text).toContain('<v speaker_0>');
    await settle();
    expect((await fetch(`${api()}/${id}`, { headers: { ...auth(), accept: 'text/plain' } })).status).toBe(406);
    // DELETE forgets; 200 for unknown ids too.
    expect((await fetch(`${api()}/${id}`, { method: 'DELETE', headers: auth() })).status).toBe(200);
    expect((await fetch(`${api()}/${id}`, { method: 'HEAD', headers: auth() })).status).toBe(404);
    expect((await fetch(`${api()}/${'0'.repeat(32)}`, { method: 'DELETE', headers: auth() })).status).toBe(200);
  });

  it('never fetches media_url: the URL stands for the media; a host under .invalid fails the job (the POST still succeeds)', async () => {
    const url = `${mediaUrl}/call.wav`;
    const ok = await fetch(api(), { method: 'POST', headers: { ...auth(), 'content-type': 'application/json' }, body: JSON.stringify({ media_url: url, transcriber: 'machine' }) });
    expect(ok.status).toBe(201);
    const missing = await fetch(api(), { method: 'POST', headers: { ...auth(), 'content-type': 'application/json' }, body: JSON.stringify({ media_url: 'https://media.invalid/nothing.wav' }) });
    expect(missing.status).toBe(201);
    await clock.advance(300);
    const good = (await ok.json()) as { transcription_id: string };
    const bad = (await missing.json()) as { transcription_id: string };
    const got = (await (await fetch(`${api()}/${good.transcription_id}`, { headers: auth() })).json()) as Transcript;
    expect(got).toEqual((transcribe(Buffer.from(url)) as { transcript: Transcript }).transcript);
    const failed = await fetch(`${api()}/${bad.transcription_id}`, { headers: auth() });
    expect(failed.status).toBe(422);
    expect(await failed.json()).toMatchObject({ msg_code: expect.any(String), detail: expect.stringContaining('media_url') });
    expect(mediaHits).toBe(0);
    expect((await fetch(api(), { method: 'POST', headers: { ...auth(), 'content-type': 'application/json' }, body: JSON.stringify({ media_url: 'ftp://x/y.wav' }) })).status).toBe(400);
  });

  it.each([200, 400, 422, 500])('answers a failed job with %i and {detail, msg_code} on GET, the same status on HEAD', async (status) => {
    sim.knobs.failScribeJobs = true;
    sim.knobs.scribeFailureStatus = status;
    try {
      const { transcription_id: id } = (await (await upload(CALL)).json()) as { transcription_id: string };
      await clock.advance(250);
      expect((await fetch(`${api()}/${id}`, { method: 'HEAD', headers: auth() })).status).toBe(status);
      const got = await fetch(`${api()}/${id}`, { headers: auth() });
      expect(got.status).toBe(status);
      expect(await got.json()).toEqual({ detail: expect.any(String), msg_code: 'S2T-JOB-0500' });
    } finally {
      sim.knobs.scribeFailureStatus = 422;
    }
  });

  it('takes the options part with any Content-Type by default; requires application/json when told to', async () => {
    // Written by hand: FormData turns a typed part into a file part (with a filename).
    const typed = (type: string | undefined) => {
      const b = 'sim-test-boundary';
      const body = Buffer.concat([
        Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="options"\r\n${type ? `Content-Type: ${type}\r\n` : ''}\r\n${JSON.stringify({ transcriber: 'machine' })}\r\n`),
        Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="media"; filename="call.wav"\r\nContent-Type: audio/wav\r\n\r\n`),
        CALL,
        Buffer.from(`\r\n--${b}--\r\n`),
      ]);
      return fetch(api(), { method: 'POST', body, headers: { ...auth(), 'content-type': `multipart/form-data; boundary=${b}` } });
    };
    expect((await typed(undefined)).status).toBe(201);
    expect(sim.scribe.lastOptionsPartType()).toBe('text/plain');
    sim.knobs.scribeOptionsPartType = 'json';
    try {
      const plain = await typed(undefined);
      expect(plain.status).toBe(400);
      expect(await plain.json()).toMatchObject({ detail: expect.stringContaining('application/json'), msg_code: 'S2T-BA-0010' });
      expect((await typed('application/json')).status).toBe(201);
      expect(sim.scribe.lastOptionsPartType()).toBe('application/json');
      expect(sim.scribe.lastOptions()).toEqual({ transcriber: 'machine' });
    } finally {
      sim.knobs.scribeOptionsPartType = 'any';
    }
  });

  it('refuses media types Scribe does not list, a missing media part, bad options, and oversized files', async () => {
    const ogg = await upload(audio('voice-memo.ogg'), 'audio/ogg');
    expect(ogg.status).toBe(400);
    expect(await ogg.json()).toMatchObject({ msg_code: 'S2T-BA-0010' });
    expect((await upload(CALL, 'audio/wav', { transcriber: 'robot' })).status).toBe(400);
    await settle();
    sim.knobs.scribeMaxFileBytes = 1_000;
    try {
      expect((await upload(CALL)).status).toBe(400);
    } finally {
      sim.knobs.scribeMaxFileBytes = 1_000_000_000;
    }
    const form = new FormData();
    form.append('options', '{}');
    expect((await fetch(api(), { method: 'POST', body: form, headers: auth() })).status).toBe(400);
  });

  it('answers 401 without a token, 403 without the scope, and 429 above 5 requests per second', async () => {
    expect((await fetch(`${api()}/${'0'.repeat(32)}`, { method: 'HEAD' })).status).toBe(401);
    const nerdOnly = await sim.issueAccessToken({ scopes: ['kensho:app:nerd'] });
    expect((await fetch(`${api()}/${'0'.repeat(32)}`, { method: 'HEAD', headers: { authorization: `Bearer ${nerdOnly}` } })).status).toBe(403);
    await settle();
    const statuses = await Promise.all(Array.from({ length: 8 }, () => fetch(`${api()}/${'0'.repeat(32)}`, { method: 'DELETE', headers: auth() }).then((r) => [r.status, r.headers.get('retry-after')] as const)));
    expect(statuses.filter(([s]) => s === 200)).toHaveLength(5);
    expect(statuses.filter(([s]) => s === 429)).toHaveLength(3);
    expect(statuses.find(([s]) => s === 429)![1]).toBe('1');
  });

  it('gets a Scribe token from the Scribe refresh endpoint only', async () => {
    const rt = sim.issueRefreshToken('scribe');
    const r = await fetch(`${sim.urls.scribe}/oauth2/refresh?refresh_token=${rt}`);
    expect(r.status).toBe(200);
    expect((await fetch(`${sim.urls.nerd}/oauth2/refresh?refresh_token=${rt}`)).status).toBe(401);
  });
});
