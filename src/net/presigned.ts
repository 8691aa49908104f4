import { BadUserInputError, UpstreamError, scrubUpstreamText, type UpstreamRef } from '../errors.js';
import type { MultipartBody } from './multipart.js';
import { TransientFailure, createRetryPolicy } from './resilience.js';
import { send, type SentResponse } from './send.js';
import type { Transport } from './transport.js';

/** One call to a URL an upstream handed out (storage upload, result download). */
export interface PresignedCall {
  /** Stable name for errors and metrics, never the URL (its query is the signature). */
  readonly endpoint: string;
  readonly method: 'GET' | 'POST' | 'PUT';
  readonly url: string;
  readonly form?: MultipartBody;
  /** This call's budget, when it differs from the default one. */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

export interface PresignedStorageOptions {
  /** The app whose storage this is: errors name it. */
  readonly upstream: UpstreamRef;
  readonly transport: Transport;
  readonly clock: () => number;
  /** Budget of a call that names none, every attempt included. */
  readonly timeoutMs: number;
  /** Called once per HTTP exchange (metrics, logs, tests). */
  readonly onCall?: (call: { app: string; endpoint: string; status: number | 'error'; durationMs: number }, operation: AbortSignal | undefined) => void;
  /** Called when an attempt is retried. */
  readonly onRetry?: () => void;
}

/** Attempts at a pre-signed storage call, and the first delay between them (growing, jittered). */
const PRESIGNED_ATTEMPTS = 3;
const PRESIGNED_RETRY_DELAY_MS = 200;
const PRESIGNED_MAX_DELAY_MS = 2_000;
/** A retry is not started with less time than this left in the call's budget. */
const MIN_ATTEMPT_MS = 50;

/**
 * Calls to pre-signed storage URLs. They carry no bearer token — the URL's signature is the
 * authorization, and a token must not travel to a storage host — so they live below both the
 * token manager and the app clients. Retries alone, no circuit breaker: a storage failure says
 * nothing about the app's own API.
 */
export class PresignedStorage {
  private readonly retries: ReturnType<typeof createRetryPolicy>;

  constructor(private readonly options: PresignedStorageOptions) {
    this.retries = createRetryPolicy({
      maxAttempts: PRESIGNED_ATTEMPTS,
      initialDelayMs: PRESIGNED_RETRY_DELAY_MS,
      maxDelayMs: PRESIGNED_MAX_DELAY_MS,
      onRetry: () => options.onRetry?.(),
    });
  }

  /**
   * Sends `call` with no redirects, and the URL never appears in errors or metrics. 5xx answers
   * and network failures are retried (three attempts within the call's budget) and end as
   * UPSTREAM_UNAVAILABLE. A 4xx to an upload is about that request — the signed policy expired,
   * the file is larger than it allows — so it is BAD_USER_INPUT (`reason: UPLOAD_REFUSED`), not
   * retried; any other non-2xx answer is UPSTREAM_UNAVAILABLE (the storage body is not the app's).
   */
  async call(call: PresignedCall): Promise<SentResponse> {
    const { transport, clock, upstream, onCall } = this.options;
    const app = upstream.key;
    let url: URL;
    try {
      url = new URL(call.url);
    } catch {
      throw new UpstreamError('UPSTREAM_BAD_RESPONSE', app, `${upstream.name} handed out an invalid URL for ${call.endpoint}`, { extensions: { endpoint: call.endpoint } });
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new UpstreamError('UPSTREAM_BAD_RESPONSE', app, `${upstream.name} handed out a non-HTTP URL for ${call.endpoint}`, { extensions: { endpoint: call.endpoint } });
    }
    // Storage answers 503 ("slow down") now and then; the same signed request may be sent again.
    // The call's budget covers every attempt, as for the app's own calls.
    const deadline = clock() + (call.timeoutMs ?? this.options.timeoutMs);
    const hasTime = () => !call.signal?.aborted && deadline - clock() > MIN_ATTEMPT_MS;
    let response: SentResponse;
    try {
      response = await this.retries.execute(async () => {
        const started = clock();
        let answer: SentResponse;
        try {
          answer = await send({
            upstream,
            endpoint: call.endpoint,
            url: url.href,
            method: call.method,
            headers: { ...call.form?.headers },
            body: call.form?.open(),
            timeoutMs: Math.max(1, deadline - clock()),
            signal: call.signal,
            transport,
          });
        } catch (error) {
          onCall?.({ app, endpoint: call.endpoint, status: 'error', durationMs: clock() - started }, call.signal);
          if (error instanceof UpstreamError && error.code === 'UPSTREAM_UNAVAILABLE') throw new TransientFailure(undefined, error, hasTime());
          throw error;
        }
        onCall?.({ app, endpoint: call.endpoint, status: answer.status, durationMs: clock() - started }, call.signal);
        if ([500, 502, 503, 504].includes(answer.status)) throw new TransientFailure(answer, undefined, hasTime());
        return answer;
      }, call.signal);
    } catch (error) {
      if (!(error instanceof TransientFailure)) throw error;
      if (!error.response) throw error.error!;
      response = error.response;
    }
    if (response.status >= 400 && response.status < 500 && call.form) {
      const detail = storageMessage(response.body);
      throw new BadUserInputError(
        `${upstream.name}'s storage refused the upload (HTTP ${response.status})${detail ? `: ${detail}` : ''}. Its pre-signed upload policy was not met (it may have expired, or the file is larger than it allows); submit the file again`,
        { reason: 'UPLOAD_REFUSED', upstream: app, upstreamStatus: response.status, endpoint: call.endpoint },
      );
    }
    if (response.status < 200 || response.status >= 300) {
      throw new UpstreamError('UPSTREAM_UNAVAILABLE', app, `${upstream.name}'s storage refused ${call.endpoint} with HTTP ${response.status}`, { status: response.status, extensions: { endpoint: call.endpoint } });
    }
    return response;
  }
}

/**
 * The `<Code>` and `<Message>` of an S3-style storage error body (e.g. "AccessDenied: Invalid
 * according to Policy: Policy expired."), scrubbed; never the rest, which names keys and hosts.
 */
function storageMessage(body: unknown): string {
  if (typeof body !== 'string') return '';
  const code = /<Code>([^<]{1,100})<\/Code>/.exec(body)?.[1];
  const message = /<Message>([^<]{1,300})<\/Message>/.exec(body)?.[1];
  return scrubUpstreamText([code, message].filter(Boolean).join(': '), 200);
}
