import { createHash } from 'node:crypto';
import type { CacheStore } from '../../store/store.js';
import { UpstreamError, scrubUpstreamText } from '../../errors.js';
import type { UpstreamHttp } from '../../upstreams/http.js';
import { stringField } from '../../net/send.js';
import { allInPlace, placeSpans } from './offsets.js';
import { parseNerdResults, type NerdKbResult, type NerdRequestBody } from './wire.js';
import type { NerdJobReaper } from './job-reaper.js';
import { nextPollDelay } from '../../upstreams/job-watcher.js';
import { noteSource } from '../../upstreams/provenance-scope.js';

export interface NerdClientOptions {
  readonly http: UpstreamHttp;
  /** Texts longer than this go through the async job API. */
  readonly asyncThresholdChars: number;
  readonly jobTimeoutMs: number;
  readonly clock: () => number;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** First poll delay and cap for async jobs. */
  readonly pollInitialMs?: number;
  readonly pollMaxMs?: number;
  /** Results by content (text, knowledge bases, options); shared by replicas through Redis. */
  readonly resultCache?: { readonly store: CacheStore; readonly ttlMs: number };
  /** Deletes async jobs however their operation ends (job-reaper.ts). */
  readonly reaper: NerdJobReaper;
  /** Where a warning goes when spans had to be searched for or lost their offsets. */
  readonly logger?: { warn(obj: object, msg: string): void };
}

/** How a result is kept in the cache: the relevance map as entries. */
type StoredResult = Array<Omit<NerdKbResult, 'relevance'> & { relevance: Array<[string, number]> }>;

/**
 * A cached result with when NERD answered it (the gateway's clock) and the endpoint that did, so
 * an answer served from the cache can say how old it is (`extensions.provenance`).
 */
interface Stamped {
  readonly results: StoredResult;
  readonly at: number;
  readonly endpoint: string;
}

/**
 * The cache's keys: `nerd:v2:` since results carry their fetch time; a replica of an older version
 * (plain arrays under `nerd:`) neither reads nor overwrites these.
 */
const CACHE_PREFIX = 'nerd:v2:';
const SYNC = 'nerd.annotations-sync';
/** A job's results come with the poll that finds it done. */
const ASYNC_RESULT = 'nerd.annotations-async.poll';

function isStamped(value: unknown): value is Stamped {
  return typeof value === 'object' && value !== null && Array.isArray((value as Stamped).results) && typeof (value as Stamped).at === 'number' && typeof (value as Stamped).endpoint === 'string';
}

/** A typed client for Kensho NERD v1 (UPSTREAMS §3). Input is validated by the caller. */
export class NerdClient {
  constructor(private readonly options: NerdClientOptions) {}

  /**
   * Annotates `body.text`: from the result cache when the same content was annotated within the
   * TTL, else the sync call for short texts and an async job for long ones.
   */
  async annotate(body: NerdRequestBody, scope: string, signal?: AbortSignal): Promise<NerdKbResult[]> {
    const cache = this.options.resultCache;
    const key = cache ? `${CACHE_PREFIX}${createHash('sha256').update(JSON.stringify([body.text, body.knowledge_bases, body.tag_people ?? false, body.originating_entity_id ?? null])).digest('base64url')}` : '';
    if (cache) {
      const hit = (await cache.store.get(key)) as Stamped | undefined;
      if (isStamped(hit)) {
        noteSource(signal, 'nerd', hit.endpoint, hit.at, this.options.clock());
        return hit.results.map((r) => ({ ...r, relevance: new Map(r.relevance) }));
      }
    }
    const async = body.text.length > this.options.asyncThresholdChars;
    const raw = async ? await this.annotateAsync(body, scope, signal) : await this.annotateSync(body, scope, signal);
    const at = this.options.clock();
    const results = this.toUtf16(body.text, raw);
    if (cache) {
      const stored: Stamped = { results: results.map((r) => ({ ...r, relevance: [...r.relevance] })), at, endpoint: async ? ASYNC_RESULT : SYNC };
      await cache.store.set(key, stored, cache.ttlMs);
    }
    return results;
  }

  /**
   * Offsets as UTF-16 indices of the text sent, whatever unit NERD counted in (offsets.ts).
   * A span found only by searching for its text, or not at all (offsets null), is logged: both
   * mean NERD's offsets did not fit its own span text.
   */
  private toUtf16(text: string, results: NerdKbResult[]): NerdKbResult[] {
    // Most answers: every span already where NERD said, in a text without astral characters.
    if (results.every((r) => allInPlace(text, r.annotations))) return results;
    let searched = 0;
    let dropped = 0;
    const out = results.map((r) => {
      const placed = placeSpans(
        text,
        r.annotations.map((a) => ({ start: a.startIndex ?? -1, end: a.endIndex ?? -1, text: a.text })),
      );
      const annotations = r.annotations.map((a, i) => {
        const p = placed[i];
        if (!p) {
          dropped++;
          return { ...a, startIndex: null, endIndex: null };
        }
        if (p.how === 'nearest') searched++;
        // Most spans are already where NERD said, in UTF-16 units: kept as they are.
        if (p.start === a.startIndex && p.end === a.endIndex && a.text !== '') return a;
        // A span sent without text gets the slice it was placed at.
        return { ...a, startIndex: p.start, endIndex: p.end, text: a.text === '' ? text.slice(p.start, p.end) : a.text };
      });
      return { ...r, annotations };
    });
    if (searched + dropped > 0) {
      this.options.logger?.warn({ upstream: 'nerd', spansSearched: searched, spansWithoutOffsets: dropped, textLength: text.length }, 'NERD span offsets did not match the span text');
    }
    return out;
  }

  private async annotateSync(body: NerdRequestBody, scope: string, signal?: AbortSignal): Promise<NerdKbResult[]> {
    const endpoint = SYNC;
    // Annotating is a pure function of the body: safe to send again.
    const response = await this.options.http.request({ endpoint, method: 'POST', path: '/api/v1/annotations-sync', json: body, scope, signal, idempotent: true });
    return parseNerdResults(response.body, endpoint);
  }

  /**
   * Creates a job, polls it with growing delays until it ends or the job timeout passes, then
   * deletes it: NERD keeps every job, with the caller's text, until asked (409 while pending).
   * A job whose operation ended otherwise (cancelled, timed out, a failed poll) is handed to the
   * reaper, which deletes it once it ends.
   */
  private async annotateAsync(body: NerdRequestBody, scope: string, signal?: AbortSignal): Promise<NerdKbResult[]> {
    const { http, clock, sleep, jobTimeoutMs, reaper } = this.options;
    // The job's creation and its pending polls are not the answer: the poll that finds it done is cited.
    const created = await http.request({ endpoint: 'nerd.annotations-async.create', method: 'POST', path: '/api/v1/annotations-async', json: body, scope, signal, cite: false });
    const jobId = stringField(created.body, 'job_id');
    if (!jobId) {
      throw new UpstreamError('UPSTREAM_BAD_RESPONSE', 'nerd', 'Kensho NERD accepted an async job without returning a job_id', { extensions: { endpoint: 'nerd.annotations-async.create' } });
    }
    let deleted = false;
    try {
      const deadline = clock() + jobTimeoutMs;
      let delay = this.options.pollInitialMs ?? 200;
      const maxDelay = this.options.pollMaxMs ?? 2_000;
      for (;;) {
        const endpoint = ASYNC_RESULT;
        const polled = await http.request({ endpoint, method: 'GET', path: '/api/v1/annotations-async', query: { job_id: jobId }, scope, signal, cite: false });
        const status = stringField(polled.body, 'status');
        if (status === 'success') {
          noteSource(signal, 'nerd', endpoint, clock(), clock());
          const failure = jobFailure(polled.body);
          // Not stopped by the operation's signal: the result is in hand either way.
          deleted = await reaper.deleteNow(jobId, scope, signal);
          if (failure !== undefined) {
            throw new UpstreamError('UPSTREAM_JOB_FAILED', 'nerd', `The Kensho NERD annotation job failed: ${scrubUpstreamText(failure)}`, { extensions: { endpoint } });
          }
          return parseNerdResults(polled.body, endpoint);
        }
        // Only pending and success are documented: any other status is read as still running,
        // until the job timeout below (UPSTREAMS §3).
        const left = deadline - clock();
        if (left <= 0) {
          throw new UpstreamError('UPSTREAM_UNAVAILABLE', 'nerd', `The Kensho NERD annotation job did not finish within ${jobTimeoutMs} ms`, { extensions: { endpoint } });
        }
        await sleep(Math.min(delay, left), signal);
        delay = nextPollDelay(delay, maxDelay);
      }
    } finally {
      if (!deleted) reaper.reap(jobId, scope, signal);
    }
  }
}

/**
 * The error of a job that ended `success` without results: NERD documents only the statuses
 * pending and success, and puts an error in `message` (UPSTREAMS §3). Undefined when the job
 * has results, or neither results nor an error (then the results parser reports garbage).
 */
function jobFailure(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray((body as Record<string, unknown>).results)) return undefined;
  const message = stringField(body, 'message');
  return message !== undefined && message.trim() !== '' && message.trim().toUpperCase() !== 'OK' ? message : undefined;
}
