import { UpstreamError, type UpstreamRef } from '../errors.js';
import { onAbort } from './on-abort.js';
import type { ResponseHeaders, Transport, TransportResponse } from './transport.js';

export interface SendOptions {
  /** Who is called: its key goes into errors, its name into their messages. */
  readonly upstream: UpstreamRef;
  /** Stable endpoint name for messages and metrics, e.g. "nerd.annotations-sync". Never a URL. */
  readonly endpoint: string;
  readonly url: string;
  readonly method: string;
  readonly headers?: Record<string, string>;
  readonly body?: string | AsyncIterable<Uint8Array>;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  readonly transport: Transport;
  /** Largest response body read, so a misbehaving upstream cannot exhaust memory. */
  readonly maxResponseBytes?: number;
  /** Keep the body as text, unparsed (WebVTT and other non-JSON renderings). */
  readonly raw?: boolean;
}

/** A raw upstream answer: status, headers and the parsed JSON body (undefined when empty). */
export interface SentResponse {
  readonly status: number;
  readonly headers: ResponseHeaders;
  readonly body: unknown;
  /** True when the body was present but not JSON. */
  readonly unparsable: boolean;
  /** Size of the body as received, in bytes (e.g. to budget a cache). */
  readonly bytes: number;
}

const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/**
 * Sends one HTTP request to an upstream with a timeout, without following redirects (a redirect
 * would carry the bearer token or the client assertion to wherever it points), and reads the
 * body as JSON. Network failures and timeouts become UPSTREAM_UNAVAILABLE errors whose message
 * names the endpoint, never the URL: a refresh URL carries the refresh token in its query.
 */
export async function send(options: SendOptions): Promise<SentResponse> {
  // One controller and one timer per call, cleared when the answer is read; the caller's signal
  // (a client gone away) aborts it too. Cheaper than AbortSignal.timeout + AbortSignal.any, whose
  // signals are tracked by weak references until collected.
  const controller = new AbortController();
  const { signal: callerSignal } = options;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException(`${options.endpoint} timed out after ${options.timeoutMs} ms`, 'TimeoutError'));
  }, options.timeoutMs);
  timer.unref();
  // Through the signal's one shared listener: an operation's calls all wait on its signal.
  const stop = callerSignal ? onAbort(callerSignal, () => controller.abort(callerSignal.reason)) : undefined;
  try {
    return await exchange(options, controller.signal, () => timedOut);
  } finally {
    clearTimeout(timer);
    stop?.();
  }
}

async function exchange(options: SendOptions, signal: AbortSignal, timedOut: () => boolean): Promise<SentResponse> {
  let response: TransportResponse;
  try {
    response = await options.transport({
      url: options.url,
      method: options.method,
      headers: { accept: 'application/json', ...options.headers },
      body: options.body,
      signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason ?? error;
    throw new UpstreamError(
      'UPSTREAM_UNAVAILABLE',
      options.upstream.key,
      timedOut()
        ? `${options.upstream.name} did not answer within ${options.timeoutMs} ms (${options.endpoint})`
        : `${options.upstream.name} could not be reached (${options.endpoint})`,
      { cause: stripCause(error), extensions: { endpoint: options.endpoint } },
    );
  }

  if (response.status >= 300 && response.status < 400) {
    await response.discard();
    throw new UpstreamError(
      'UPSTREAM_BAD_RESPONSE',
      options.upstream.key,
      `${options.upstream.name} answered with a redirect (${response.status}) on ${options.endpoint}; redirects are not followed`,
      { status: response.status, extensions: { endpoint: options.endpoint } },
    );
  }

  const limit = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > limit) {
    await response.discard();
    throw tooLarge(options);
  }
  let text: string;
  let bytes: number;
  try {
    ({ text, bytes } = response.readText ? await response.readText(limit) : await readLimited(response, limit));
  } catch (error) {
    if (error instanceof UpstreamError) throw error;
    if (error instanceof RangeError) throw tooLarge(options);
    throw new UpstreamError('UPSTREAM_UNAVAILABLE', options.upstream.key, `${options.upstream.name} broke off its answer (${options.endpoint})`, {
      status: response.status,
      extensions: { endpoint: options.endpoint },
    });
  }
  if (options.raw) return { status: response.status, headers: response.headers, body: text, unparsable: false, bytes };
  if (text.trim() === '') return { status: response.status, headers: response.headers, body: undefined, unparsable: false, bytes };
  try {
    return { status: response.status, headers: response.headers, body: JSON.parse(text) as unknown, unparsable: false, bytes };
  } catch {
    return { status: response.status, headers: response.headers, body: text.slice(0, 2000), unparsable: true, bytes };
  }
}

function tooLarge(options: SendOptions): UpstreamError {
  return new UpstreamError('UPSTREAM_BAD_RESPONSE', options.upstream.key, `${options.upstream.name} sent an answer larger than the gateway accepts (${options.endpoint})`, {
    extensions: { endpoint: options.endpoint },
  });
}

async function readLimited(response: TransportResponse, limit: number): Promise<{ text: string; bytes: number }> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    if (size > limit) {
      await response.discard();
      throw new RangeError('response too large');
    }
    chunks.push(chunk);
  }
  return { text: Buffer.concat(chunks).toString('utf8'), bytes: size };
}

/**
 * Keeps the error class and code of a network failure for logs, but drops its message: undici's
 * messages can quote the request URL, and refresh URLs carry a secret.
 */
function stripCause(error: unknown): Error {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  const own = (error as { code?: unknown } | undefined)?.code;
  const code = typeof cause?.code === 'string' ? cause.code : typeof own === 'string' ? own : undefined;
  const name = error instanceof Error ? error.name : 'Error';
  const safe = new Error(code ? `${name}: ${code}` : name);
  safe.name = name;
  return safe;
}

/** Seconds from a Retry-After header (delta-seconds or HTTP date), or undefined. */
export function retryAfterSeconds(headers: ResponseHeaders, now: number): number | undefined {
  const raw = headers.get('retry-after');
  if (!raw) return undefined;
  if (/^\d+$/.test(raw.trim())) return Number(raw.trim());
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

/** A string field from a JSON object, or undefined (lenient parsing of [assumed] shapes). */
export function stringField(body: unknown, name: string): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const v = (body as Record<string, unknown>)[name];
  return typeof v === 'string' ? v : undefined;
}
