import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { SimHttpError, mediaType, readJson, readMultipart } from './http-util.js';
import type { SimAccessClaims } from './tokens.js';

/** Knobs Scribe reads on each request. */
export interface ScribeKnobs {
  /** Jobs finish this long after they are created (default 300 ms). */
  scribeJobDurationMs: number;
  /** New jobs fail (as a failed download or an unreadable file would make them). */
  failScribeJobs: boolean;
  /** Largest upload (default 1 GB = 1 000 000 000 bytes, as documented). */
  scribeMaxFileBytes: number;
  /** Requests per second per account before 429 (default 5, documented); 0: no limit. */
  scribeRequestsPerSecond: number;
  /**
   * What HEAD and GET answer for a failed job: not documented (UPSTREAMS-MORE §1.4) [assumed];
   * default 422. GET's body is `{detail, msg_code}` whatever the status, 200 included: the spec
   * says the result call returns "the transcript (or any failures while generating it)".
   */
  scribeFailureStatus: number;
  /**
   * The Content-Type the multipart `options` part must carry: 'any' (default; its text is read as
   * JSON whatever the part says) or 'json' (anything but `application/json` is a 400). The spec
   * names no encoding; OpenAPI's default for an object part is JSON (UPSTREAMS-MORE §1.1, §5) [assumed].
   */
  scribeOptionsPartType: 'any' | 'json';
  /** How long finished results stay downloadable (the `Expires` header); not published [assumed]. */
  scribeResultTtlSeconds: number;
}

/** Media types the `media` part may carry (UPSTREAMS-MORE §1.2, from the v2 spec). */
export const SCRIBE_MEDIA_TYPES = [
  'application/mp3', 'audio/aac', 'audio/flac', 'audio/m4a', 'audio/mp3', 'audio/mpeg', 'audio/mpeg3', 'audio/wav',
  'audio/wave', 'audio/x-flac', 'audio/x-m4a', 'audio/x-mpeg-3', 'audio/x-wav', 'video/mp4',
] as const;

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Sentences the fake transcriber "hears": each names a company and a place NERD's simulator knows. */
const SENTENCES = [
  'Welcome to the Kensho quarterly call from Cambridge.',
  'Apple reported strong iPhone sales in Cupertino this quarter.',
  'Our team in London expects Microsoft to keep investing.',
  'Kensho and S&P Global opened a new office in New York.',
  'Analysts in Tokyo asked about Toyota and the supply chain.',
  'Apple and Google both announced results before the market opened in New York.',
  'The Federal Reserve meeting in Paris was mentioned by Goldman Sachs.',
];

interface Slice {
  transcript: string;
  accuracy: number;
  start_ms: number;
  duration_ms: number;
  speaker_id: number;
  speaker_accuracy: number;
  token_meta: Array<{ transcript: string; accuracy: number; start_ms: number; duration_ms: number; align_success: boolean }>;
}

type Outcome = { transcript: { transcript: string; accuracy: number; slice_meta: Slice[] } } | { error: string; msgCode: string };

interface Job {
  readonly id: string;
  readonly owner: string;
  readonly createdAt: number;
  outcome?: Promise<Outcome>;
}

type Answer = { status: number; body: unknown; headers?: Record<string, string> };

/**
 * Kensho Scribe batch v2 (UPSTREAMS-MORE §1): jobs from an uploaded file or a media URL, HEAD/GET
 * (202 running, 200 done with `Expires`), JSON and WebVTT renderings, an idempotent DELETE, and
 * the 5 requests/second limit per account. The transcript is made up but deterministic: derived
 * from the media's bytes (sentence choice) and, for WAV, its duration (timings). A media URL is
 * never fetched (the simulator runs inside `npm start`, beside the gateway, and fetches nothing
 * on a caller's behalf): its text stands for the media, see `mediaFromUrl`.
 */
export class ScribeSimulator {
  private readonly jobs = new Map<string, Job>();
  /** Accepted request times per account, for the per-second limit. */
  private readonly recent = new Map<string, number[]>();
  /** The options part (or JSON options) of the latest submission, for tests. */
  lastOptions: Record<string, unknown> | undefined;
  /** The Content-Type of the latest multipart `options` part (busboy reads none as text/plain), for tests. */
  lastOptionsPartType: string | undefined;

  constructor(
    private readonly clock: () => number,
    private readonly knobs: ScribeKnobs,
  ) {}

  /** 429 above `scribeRequestsPerSecond` per account in any one-second window. */
  limit(claims: SimAccessClaims): void {
    const perSecond = this.knobs.scribeRequestsPerSecond;
    if (perSecond <= 0) return;
    const now = this.clock();
    const times = (this.recent.get(claims.cid) ?? []).filter((t) => t > now - 1000);
    if (times.length >= perSecond) {
      this.recent.set(claims.cid, times);
      throw new SimHttpError(429, { detail: 'Too many requests: stay at or below 5 requests per second', msg_code: 'S2T-RL-0429' }, { 'retry-after': '1' });
    }
    times.push(now);
    this.recent.set(claims.cid, times);
  }

  /** POST /api/v2/transcription: multipart upload (`media`, optional `options`) or JSON with `media_url`. */
  async create(req: IncomingMessage, claims: SimAccessClaims): Promise<Answer> {
    let media: Promise<Buffer>;
    if (mediaType(req) === 'application/json') {
      const body = await readJson(req);
      const { media_url: url, ...options } = body;
      if (typeof url !== 'string' || url.length >= 2048 || !/^https?:\/\//i.test(url)) throw badRequest('media_url must be a complete http(s) URL shorter than 2048 characters');
      this.lastOptions = options;
      this.lastOptionsPartType = undefined;
      checkOptions(options);
      media = mediaFromUrl(url);
    } else {
      const form = await readMultipart(req, { maxFileBytes: this.knobs.scribeMaxFileBytes });
      const file = form.files.find((f) => f.field === 'media');
      if (!file) throw badRequest('media is required');
      if (file.truncated) throw badRequest(`media is larger than the ${this.knobs.scribeMaxFileBytes} byte limit`);
      const type = file.mimeType.split(';')[0]!.trim().toLowerCase();
      if (!(SCRIBE_MEDIA_TYPES as readonly string[]).includes(type)) throw badRequest(`unsupported media type ${type}`);
      const raw = form.fields.get('options');
      let options: Record<string, unknown> = {};
      this.lastOptionsPartType = form.fieldTypes.get('options');
      if (raw !== undefined && this.knobs.scribeOptionsPartType === 'json' && this.lastOptionsPartType !== 'application/json') {
        throw badRequest(`the options part must be application/json, not ${this.lastOptionsPartType ?? 'untyped'}`);
      }
      if (raw !== undefined) {
        try {
          options = JSON.parse(raw) as Record<string, unknown>;
        } catch {
          throw badRequest('options must be a JSON object');
        }
        if (typeof options !== 'object' || options === null || Array.isArray(options)) throw badRequest('options must be a JSON object');
      }
      this.lastOptions = options;
      checkOptions(options);
      media = Promise.resolve(file.data);
    }
    const job: Job = { id: randomBytes(16).toString('hex'), owner: claims.cid, createdAt: this.clock() };
    const fail = this.knobs.failScribeJobs;
    job.outcome = media.then(
      (bytes): Outcome => (fail ? { error: 'Transcription failed (simulated failure)', msgCode: 'S2T-JOB-0500' } : transcribe(bytes)),
      (): Outcome => ({ error: 'The media could not be downloaded from media_url', msgCode: 'S2T-DL-0404' }),
    );
    this.jobs.set(job.id, job);
    return { status: 201, body: { transcription_id: job.id } };
  }

  /** HEAD or GET /api/v2/transcription/{id}: 202 while running, 200 with `Expires` when done. */
  async read(id: string, req: IncomingMessage, claims: SimAccessClaims, head: boolean): Promise<Answer> {
    const job = this.jobs.get(id);
    if (!job || job.owner !== claims.cid) throw new SimHttpError(404, { detail: 'transcription not found', msg_code: 'S2T-BA-0404' });
    const accept = (req.headers.accept ?? 'application/json').split(',')[0]!.split(';')[0]!.trim().toLowerCase();
    const format = accept === '*/*' || accept === '' ? 'application/json' : accept;
    if (![ 'application/json', 'text/vtt', DOCX].includes(format)) throw new SimHttpError(406, { detail: `cannot render a transcript as ${format}`, msg_code: 'S2T-BA-0010' });
    if (this.clock() - job.createdAt < this.knobs.scribeJobDurationMs) return { status: 202, body: undefined };
    const outcome = await job.outcome!;
    if ('error' in outcome) {
      const body = { detail: outcome.error, msg_code: outcome.msgCode };
      if (head) return { status: this.knobs.scribeFailureStatus, body: undefined };
      throw new SimHttpError(this.knobs.scribeFailureStatus, body);
    }
    const headers = { expires: new Date(job.createdAt + this.knobs.scribeJobDurationMs + this.knobs.scribeResultTtlSeconds * 1000).toUTCString() };
    if (head) return { status: 200, body: undefined, headers };
    if (format === 'text/vtt') return { status: 200, body: vtt(outcome.transcript), headers: { ...headers, 'content-type': 'text/vtt' } };
    if (format === DOCX) return { status: 200, body: `PK\u0003\u0004 simulated docx of ${id}`, headers: { ...headers, 'content-type': DOCX } };
    return { status: 200, body: outcome.transcript, headers };
  }

  /** DELETE /api/v2/transcription/{id}: 200 whatever the id ("forget", UPSTREAMS-MORE §1.1). */
  delete(id: string, claims: SimAccessClaims): Answer {
    const job = this.jobs.get(id);
    if (job && job.owner === claims.cid) this.jobs.delete(id);
    return { status: 200, body: undefined };
  }
}

function badRequest(detail: string): SimHttpError {
  return new SimHttpError(400, { detail, msg_code: 'S2T-BA-0010' });
}

/** The documented option values (UPSTREAMS-MORE §1.1 `commonOptions`); unknown keys are ignored. */
function checkOptions(o: Record<string, unknown>): void {
  if (o.transcriber !== undefined && o.transcriber !== 'machine' && o.transcriber !== 'human') throw badRequest('transcriber must be machine or human');
  if (o.priority !== undefined && !['low', 'medium', 'high'].includes(String(o.priority))) throw badRequest('priority must be low, medium or high');
  if (o.callback_uri !== undefined && !/^https?:\/\//.test(String(o.callback_uri))) throw badRequest('callback_uri must be an http(s) URI');
}

/**
 * The media behind a URL, as far as the simulator pretends: the URL's own bytes (so each URL
 * transcribes differently, and the same URL the same way). Scribe downloads it with a plain GET
 * (UPSTREAMS-MORE §1.1); the simulator never does, since it runs beside the gateway and must not
 * fetch anything a caller names. A host under `.invalid` (RFC 2606: never resolves) stands for a
 * download that fails, which fails the job while the POST succeeds, as documented.
 */
export async function mediaFromUrl(url: string): Promise<Buffer> {
  if (new URL(url).hostname.toLowerCase().replace(/\.$/, '').endsWith('.invalid')) throw new Error('download failed: the host does not resolve');
  return Buffer.from(url, 'utf8');
}

/** Duration of a PCM WAV file in ms, or undefined when the bytes are not one. */
export function wavDurationMs(bytes: Buffer): number | undefined {
  if (bytes.length < 12 || bytes.toString('latin1', 0, 4) !== 'RIFF' || bytes.toString('latin1', 8, 12) !== 'WAVE') return undefined;
  let byteRate = 0;
  for (let at = 12; at + 8 <= bytes.length; ) {
    const id = bytes.toString('latin1', at, at + 4);
    const size = bytes.readUInt32LE(at + 4);
    if (id === 'fmt ' && at + 20 <= bytes.length) byteRate = bytes.readUInt32LE(at + 16);
    if (id === 'data') return byteRate > 0 ? Math.round((Math.min(size, bytes.length - at - 8) / byteRate) * 1000) : undefined;
    at += 8 + size + (size % 2);
  }
  return undefined;
}

/** The fake transcriber: sentences chosen by the media's hash, timed over its duration, two speakers. */
export function transcribe(bytes: Buffer): Outcome {
  if (bytes.length === 0) return { error: 'The media file is empty', msgCode: 'S2T-MD-0001' };
  const digest = createHash('sha256').update(bytes).digest();
  const durationMs = wavDurationMs(bytes) ?? 3_000 + (digest[0]! % 8) * 500;
  const count = Math.max(2, Math.min(SENTENCES.length, Math.round(durationMs / 1500)));
  const first = digest[1]! % SENTENCES.length;
  const texts = Array.from({ length: count }, (_, i) => SENTENCES[(first + i) % SENTENCES.length]!);
  const sliceMs = Math.floor(durationMs / count);
  const slices: Slice[] = texts.map((text, i) => {
    const words = text.split(' ');
    const start = i * sliceMs;
    const wordMs = Math.floor(sliceMs / words.length);
    const accuracy = 0.85 + (digest[(i + 2) % digest.length]! % 15) / 100;
    return {
      transcript: text,
      accuracy,
      start_ms: start,
      duration_ms: sliceMs,
      // The third slice is an unsure speaker (negative id), as Scribe marks them.
      speaker_id: i === 2 ? -1 : i % 2,
      speaker_accuracy: i === 2 ? 0.4 : 0.95,
      token_meta: words.map((w, j) => ({ transcript: w, accuracy, start_ms: start + j * wordMs, duration_ms: wordMs, align_success: j % 7 !== 6 })),
    };
  });
  const accuracy = Math.round((slices.reduce((n, s) => n + s.accuracy, 0) / slices.length) * 1000) / 1000;
  return { transcript: { transcript: texts.join(' '), accuracy, slice_meta: slices } };
}

/** WebVTT as the spec's example renders it: a confidence NOTE and `<v speaker_N>` cues. */
function vtt(t: { accuracy: number; slice_meta: Slice[] }): string {
  const stamp = (ms: number) => new Date(ms).toISOString().slice(11, 23);
  const cues = t.slice_meta.map((s) => `${stamp(s.start_ms)} --> ${stamp(s.start_ms + s.duration_ms)}\n<v speaker_${s.speaker_id}>${s.transcript}</v>`);
  return `WEBVTT\n\nNOTE Confidence: ${Math.round(t.accuracy * 100)}%\n\n${cues.join('\n\n')}\n`;
}
