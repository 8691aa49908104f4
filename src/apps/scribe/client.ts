import { UpstreamError } from '../../errors.js';
import type { CacheStore } from '../../store/store.js';
import { multipart, type FieldPart } from '../../net/multipart.js';
import { stringField } from '../../net/send.js';
import { upstreamMessage, type UpstreamHttp } from '../../upstreams/http.js';
import { noteSource } from '../../upstreams/provenance-scope.js';
import type { ScribeMediaFile } from './media.js';
import { expiresAt, parseTranscript, type TranscriptionState } from './wire.js';

/** Scribe's `commonOptions` (UPSTREAMS-MORE §1.1), already validated, in the wire names. */
export interface ScribeOptions {
  readonly transcriber?: 'machine' | 'human';
  readonly media_language?: string;
  readonly priority?: 'low' | 'medium' | 'high';
  readonly context?: { readonly id?: string; readonly title?: string; readonly description?: string };
}

export interface ScribeClientOptions {
  readonly http: UpstreamHttp;
  /** Waited on before every call: Scribe's per-account rate. */
  readonly throttle: (signal?: AbortSignal) => Promise<void>;
  /** Budget for the call that carries the file. */
  readonly uploadTimeoutMs: number;
  readonly clock: () => number;
  /**
   * Where finished jobs and deletions are kept: the gateway's shared cache (Redis when replicas
   * share one), so a delete through any replica is seen by every replica.
   */
  readonly store: CacheStore;
}

const TRANSCRIPTIONS = '/api/v2/transcription';
/**
 * Longest a finished job is kept in the shared cache (its Expires may be days away), and so how
 * long a deletion is remembered: a deletion outlives every copy written before it.
 */
const FINISHED_TTL_MS = 24 * 3_600_000;
/** A failed job has no Expires: kept this long. */
const FAILED_TTL_MS = 3_600_000;

/**
 * What the shared cache holds per job: its final state with when Scribe sent it (`at`, the
 * gateway's clock: a copy's age in `extensions.provenance`), or the mark of a deletion. A copy an
 * older version kept has no `at`: reported as old as FINISHED_TTL_MS allows, never younger.
 */
type Kept = { readonly state: TranscriptionState; readonly at?: number } | { readonly deleted: true };
/**
 * Statuses a finished-but-failed job may answer HEAD/GET with: not documented, [assumed] 4xx or
 * 5xx with `{detail, msg_code}` (UPSTREAMS-MORE §1.4). 404 is an unknown id; 406 a rendering
 * Scribe cannot make. A 500 may be a failed job or Scribe failing: only GET's body tells them
 * apart. (502, 503 and 504 are outages, retried and reported as such.)
 */
const FAILURE_STATUSES = [400, 409, 410, 422, 500];

/** A typed client for Kensho Scribe batch v2 (UPSTREAMS-MORE §1). Input is validated by the caller. */
export class ScribeClient {
  constructor(private readonly options: ScribeClientOptions) {}

  /**
   * Starts a job from a file: `media` streamed with its sniffed type, options as an
   * `application/json` part (OpenAPI 3.0's default encoding of an object-valued part; the spec
   * names no other, UPSTREAMS-MORE §1.1).
   */
  async submitFile(file: ScribeMediaFile, options: ScribeOptions, scope: string, signal?: AbortSignal): Promise<string> {
    const fields: FieldPart[] = Object.keys(options).length > 0 ? [['options', JSON.stringify(options), 'application/json']] : [];
    const form = multipart(fields, { name: 'media', filename: file.filename, contentType: file.contentType, size: file.size, open: () => file.open() });
    // Not idempotent (each POST starts a job): retried only when it provably never left.
    const response = await this.call({ endpoint: 'scribe.create', method: 'POST', path: TRANSCRIPTIONS, form, scope, signal, timeoutMs: this.options.uploadTimeoutMs });
    return transcriptionId(response.body);
  }

  /** Starts a job from a URL Scribe downloads itself; the options sit next to `media_url`. */
  async submitUrl(mediaUrl: string, options: ScribeOptions, scope: string, signal?: AbortSignal): Promise<string> {
    const response = await this.call({ endpoint: 'scribe.create', method: 'POST', path: TRANSCRIPTIONS, json: { media_url: mediaUrl, ...options }, scope, signal });
    return transcriptionId(response.body);
  }

  /**
   * The job's state: HEAD (202 running, 200 done), then, once done, one GET of the JSON
   * transcript. Null for an id Scribe does not know (or that expired or was deleted, through any
   * replica: a deletion is kept in the shared cache and answered without a call). A failure
   * body (`{detail, msg_code}`) makes the job FAILED whatever the status it came with: the spec
   * says the result call returns "the transcript (or any failures while generating it)",
   * without saying how, so a 200 may carry one (UPSTREAMS-MORE §1.4).
   */
  async get(id: string, scope: string, signal?: AbortSignal): Promise<TranscriptionState | null> {
    const key = keyOf(scope, id);
    const kept = await this.kept(key);
    if (kept && 'deleted' in kept) return null;
    const known = kept?.state;
    const now = this.options.clock();
    if (known && (!known.expiresAt || Date.parse(known.expiresAt) > now)) {
      noteSource(signal, 'scribe', 'scribe.get', kept && 'at' in kept && typeof kept.at === 'number' ? kept.at : now - FINISHED_TTL_MS, now);
      return known;
    }
    const path = `${TRANSCRIPTIONS}/${encodeURIComponent(id)}`;
    const head = await this.call({ endpoint: 'scribe.head', method: 'HEAD', path, scope, signal, accept: [202, 404, ...FAILURE_STATUSES] });
    if (head.status === 404) return null;
    if (head.status !== 200 && !FAILURE_STATUSES.includes(head.status)) return { id, status: 'PENDING', error: null, expiresAt: null, transcript: null };
    const got = await this.read(path, scope, signal);
    if (got.status === 404) return null;
    if (got.status === 202) return { id, status: 'PENDING', error: null, expiresAt: null, transcript: null };
    let state: TranscriptionState;
    if (isFailureBody(got.body) || got.status !== 200) {
      if (got.status >= 500 && !isFailureBody(got.body)) {
        throw new UpstreamError('UPSTREAM_UNAVAILABLE', 'scribe', `Kensho Scribe failed with HTTP ${got.status} on scribe.get`, { status: got.status, extensions: { endpoint: 'scribe.get' } });
      }
      state = { id, status: 'FAILED', error: failure(got.body, got.status), expiresAt: null, transcript: null };
    } else {
      state = { id, status: 'SUCCESS', error: null, expiresAt: expiresAt(got.headers.get('expires')), transcript: parseTranscript(got.body) };
    }
    return this.remember(key, state);
  }

  /** One GET of the JSON result; a 500 whose body is not JSON is Scribe failing, not a bad answer. */
  private async read(path: string, scope: string, signal?: AbortSignal) {
    try {
      return await this.call({ endpoint: 'scribe.get', method: 'GET', path, scope, signal, headers: { accept: 'application/json' }, accept: [202, 404, ...FAILURE_STATUSES] });
    } catch (error) {
      if (error instanceof UpstreamError && error.code === 'UPSTREAM_BAD_RESPONSE' && (error.status ?? 0) >= 500) {
        throw new UpstreamError('UPSTREAM_UNAVAILABLE', 'scribe', `Kensho Scribe failed with HTTP ${error.status} on scribe.get`, { status: error.status, extensions: { endpoint: 'scribe.get' }, cause: error });
      }
      throw error;
    }
  }

  /** The transcript as WebVTT, exactly as Scribe renders it (not parsed: its sample is not strict VTT). */
  async vtt(id: string, scope: string, signal?: AbortSignal): Promise<string | null> {
    const response = await this.call({ endpoint: 'scribe.get-vtt', method: 'GET', path: `${TRANSCRIPTIONS}/${encodeURIComponent(id)}`, scope, signal, headers: { accept: 'text/vtt' }, raw: true, accept: [202, 404] });
    return response.status === 200 && typeof response.body === 'string' ? response.body : null;
  }

  /**
   * Forgets the job at Scribe (200 also for unknown ids), then marks it deleted in the shared
   * cache in place of any finished copy: every replica answers it as unknown from then on
   * (Scribe: after DELETE "all stored data associated with the transcription is no longer available").
   */
  async delete(id: string, scope: string, signal?: AbortSignal): Promise<void> {
    await this.call({ endpoint: 'scribe.delete', method: 'DELETE', path: `${TRANSCRIPTIONS}/${encodeURIComponent(id)}`, scope, signal, accept: [404] });
    await this.options.store.set(keyOf(scope, id), { deleted: true } satisfies Kept, FINISHED_TTL_MS);
  }

  private call(call: Omit<Parameters<UpstreamHttp['request']>[0], 'throttle'>) {
    return this.options.http.request({ ...call, throttle: this.options.throttle });
  }

  private async kept(key: string): Promise<Kept | undefined> {
    const value = (await this.options.store.get(key)) as Kept | undefined;
    return typeof value === 'object' && value !== null && ('deleted' in value || 'state' in value) ? value : undefined;
  }

  /**
   * Keeps a final state until its Expires (capped), so a query after a long poll costs no call;
   * unless the job was deleted meanwhile (through another replica): then it is unknown.
   */
  private async remember(key: string, state: TranscriptionState): Promise<TranscriptionState | null> {
    const kept = await this.kept(key);
    if (kept && 'deleted' in kept) return null;
    const until = state.expiresAt ? Date.parse(state.expiresAt) - this.options.clock() : FAILED_TTL_MS;
    const ttl = Math.min(FINISHED_TTL_MS, until);
    if (ttl > 0) await this.options.store.set(key, { state, at: this.options.clock() } satisfies Kept, ttl);
    return state;
  }
}

/** The shared-cache key of a job: ids are per account, so the scope is part of it. */
function keyOf(scope: string, id: string): string {
  return `scribe:job:${scope}:${id}`;
}

function transcriptionId(body: unknown): string {
  const id = stringField(body, 'transcription_id');
  if (!id) throw new UpstreamError('UPSTREAM_BAD_RESPONSE', 'scribe', 'Kensho Scribe answered scribe.create without a transcription_id', { extensions: { endpoint: 'scribe.create' } });
  return id;
}

/**
 * Scribe's error form `{detail, msg_code}` (UPSTREAMS-MORE §1.4) where a transcript was expected:
 * a transcript always has `transcript` or `slice_meta`; a failure has neither, and a `msg_code`
 * or a `detail`.
 */
function isFailureBody(body: unknown): boolean {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const b = body as Record<string, unknown>;
  if ('transcript' in b || 'slice_meta' in b) return false;
  return typeof b.msg_code === 'string' || typeof b.detail === 'string' || Array.isArray(b.detail);
}

function failure(body: unknown, status: number): string {
  const detail = upstreamMessage(body);
  const code = stringField(body, 'msg_code');
  return `${detail || `Kensho Scribe reported the job failed (HTTP ${status})`}${code ? ` [${code}]` : ''}`;
}
