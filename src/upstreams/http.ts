import type { Credential } from '../auth/outbound/credential.js';
import type { TokenManager } from '../auth/outbound/token-manager.js';
import { BadUserInputError, UpstreamError, appName, scrubUpstreamText, type UpstreamApp } from '../errors.js';
import { retryAfterSeconds, send, stringField, type SentResponse } from './send.js';
import { withSpan } from '../observability/tracing.js';
import { BrokenCircuitError, TransientFailure, createRetryPolicy, type UpstreamPolicy } from './resilience.js';
import type { MultipartBody } from './multipart.js';
import type { Transport } from './transport.js';

export interface UpstreamHttpOptions {
  readonly app: UpstreamApp;
  readonly baseUrl: string;
  readonly credential: Credential;
  readonly tokens: TokenManager;
  readonly transport: Transport;
  readonly clock: () => number;
  readonly timeoutMs: number;
  /** A 429 whose Retry-After is at most this many seconds is waited out (up to three times). */
  readonly maxRetryAfterSeconds: number;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Called once per upstream HTTP exchange (metrics, logs, tests). */
  readonly onCall?: (call: { app: UpstreamApp; endpoint: string; status: number | 'error'; durationMs: number }) => void;
  /** Called when a call is retried: after a 401 (new token) or a 429 (waited out). */
  readonly onRetry?: (retry: { app: UpstreamApp; reason: '401' | '429' | '5xx' }) => void;
  /** Retries and circuit breaker shared by every call to this upstream; none: one attempt. */
  readonly policy?: UpstreamPolicy;
}

export interface UpstreamCall {
  /** Stable name, e.g. "nerd.annotations-sync"; used in errors and metrics instead of the URL. */
  readonly endpoint: string;
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path below the app's base URL, starting with "/". */
  readonly path: string;
  readonly query?: Record<string, string>;
  readonly json?: unknown;
  /** A multipart/form-data body (uploads); reopened for every attempt. */
  readonly form?: MultipartBody;
  /** This call's budget, when it differs from the upstream's (an upload takes longer). */
  readonly timeoutMs?: number;
  /** The scope the field being resolved needs (from the schema's @upstream directive). */
  readonly scope: string;
  /** Non-2xx statuses the caller handles itself (e.g. 404, 409). */
  readonly accept?: readonly number[];
  /**
   * Safe to send again after a 502/503/504 or a timeout (default: GET, PUT, DELETE). Other calls
   * are retried only when the request provably never left (connection refused).
   */
  readonly idempotent?: boolean;
  readonly signal?: AbortSignal;
}

const MAX_RATE_LIMIT_RETRIES = 3;
/** A retry is not started with less time than this left in the call's budget. */
const MIN_ATTEMPT_MS = 50;
/** Attempts at a pre-signed storage call, and the first delay between them (growing, jittered). */
const PRESIGNED_ATTEMPTS = 3;
const PRESIGNED_RETRY_DELAY_MS = 200;
const PRESIGNED_MAX_DELAY_MS = 2_000;

/**
 * The one HTTP path to an upstream app: bearer token from the token manager, timeout, no
 * redirects, 401 → drop that token + one retry, 403 → no retry, 429 → wait out a short
 * Retry-After, and every other failure mapped to a stable error code.
 */
export class UpstreamHttp {
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly storageRetries: ReturnType<typeof createRetryPolicy>;

  constructor(private readonly options: UpstreamHttpOptions) {
    this.sleep = options.sleep ?? abortableSleep;
    this.storageRetries = createRetryPolicy({
      maxAttempts: PRESIGNED_ATTEMPTS,
      initialDelayMs: PRESIGNED_RETRY_DELAY_MS,
      maxDelayMs: PRESIGNED_MAX_DELAY_MS,
      onRetry: () => options.onRetry?.({ app: options.app, reason: '5xx' }),
    });
  }

  /** Sends `call`; resolves with 2xx (and accepted) answers, rejects with an UpstreamError otherwise. */
  async request(call: UpstreamCall): Promise<SentResponse> {
    const { credential, tokens } = this.options;
    let token = await tokens.getToken(credential, call.scope, call.signal);
    let response = await this.sendWithRateLimit(call, token);
    if (response.status === 401 && !credential.renewable) {
      throw new UpstreamError(
        'UPSTREAM_UNAUTHENTICATED',
        this.options.app,
        `${appName(this.options.app)} rejected the pasted access token (401) on ${call.endpoint}; paste a new one or configure a refresh token or key pair`,
        { status: 401, extensions: { endpoint: call.endpoint } },
      );
    }
    if (response.status === 401) {
      // The token is no longer accepted (revoked, or expired early): drop exactly this token
      // and retry once with a new one (UPSTREAMS §1.4).
      this.options.onRetry?.({ app: this.options.app, reason: '401' });
      await tokens.invalidate(credential, call.scope, token);
      token = await tokens.getToken(credential, call.scope, call.signal);
      response = await this.sendWithRateLimit(call, token);
      if (response.status === 401) {
        await tokens.invalidate(credential, call.scope, token);
        throw new UpstreamError(
          'UPSTREAM_UNAUTHENTICATED',
          this.options.app,
          `${appName(this.options.app)} rejected a freshly obtained access token (401) on ${call.endpoint}`,
          { status: 401, extensions: { endpoint: call.endpoint } },
        );
      }
    }
    return this.check(call, response);
  }

  private async sendWithRateLimit(call: UpstreamCall, token: string): Promise<SentResponse> {
    for (let attempt = 0; ; attempt++) {
      const response = await this.resilient(call, token);
      if (response.status !== 429) return response;
      const waitSeconds = retryAfterSeconds(response.headers, this.options.clock()) ?? 1;
      if (attempt >= MAX_RATE_LIMIT_RETRIES || waitSeconds > this.options.maxRetryAfterSeconds) {
        throw new UpstreamError('UPSTREAM_RATE_LIMITED', this.options.app, `${appName(this.options.app)} is rate limiting this gateway; retry after ${waitSeconds} s`, {
          status: 429,
          extensions: { endpoint: call.endpoint, retryAfterSeconds: waitSeconds },
        });
      }
      this.options.onRetry?.({ app: this.options.app, reason: '429' });
      await this.sleep(waitSeconds * 1000, call.signal);
    }
  }

  /** One call through the upstream's policy: retries for safe failures, the circuit breaker for all. */
  private async resilient(call: UpstreamCall, token: string): Promise<SentResponse> {
    const { policy, app } = this.options;
    if (!policy) return this.sendOnce(call, token);
    const idempotent = call.idempotent ?? call.method !== 'POST';
    // UPSTREAM_TIMEOUT_MS bounds the whole call, retries included: each attempt gets what is
    // left, and no retry starts without time for it.
    const deadline = this.options.clock() + (call.timeoutMs ?? this.options.timeoutMs);
    const hasTime = () => deadline - this.options.clock() > MIN_ATTEMPT_MS;
    try {
      return await policy.execute(async () => {
        let response: SentResponse;
        try {
          response = await this.sendOnce(call, token, Math.max(1, deadline - this.options.clock()));
        } catch (error) {
          if (error instanceof UpstreamError && error.code === 'UPSTREAM_UNAVAILABLE') {
            const neverSent = /ECONNREFUSED/.test(String((error.cause as Error | undefined)?.message));
            throw new TransientFailure(undefined, error, (idempotent || neverSent) && hasTime());
          }
          throw error;
        }
        if (response.status >= 500) throw new TransientFailure(response, undefined, idempotent && [502, 503, 504].includes(response.status) && hasTime());
        return response;
      });
    } catch (error) {
      if (error instanceof TransientFailure) {
        if (error.response) return error.response;
        throw error.error!;
      }
      if (error instanceof BrokenCircuitError) {
        throw new UpstreamError('UPSTREAM_UNAVAILABLE', app, `${appName(app)} keeps failing; the gateway stops calling it for a while (circuit open)`, {
          extensions: { endpoint: call.endpoint, circuit: 'open', retryAfterSeconds: Math.ceil(policy.halfOpenAfterMs / 1000) },
        });
      }
      throw error;
    }
  }

  private async sendOnce(call: UpstreamCall, token: string, timeoutMs = call.timeoutMs ?? this.options.timeoutMs): Promise<SentResponse> {
    const { baseUrl, transport, clock, app, onCall } = this.options;
    const query = call.query ? `?${new URLSearchParams(call.query)}` : '';
    const started = clock();
    return withSpan(`upstream ${call.endpoint}`, { 'gateway.upstream': app, 'gateway.endpoint': call.endpoint, 'http.request.method': call.method }, async (span) => {
      try {
        const response = await send({
          upstream: app,
          endpoint: call.endpoint,
          url: `${baseUrl}${call.path}${query}`,
          method: call.method,
          headers: {
            authorization: `Bearer ${token}`,
            ...(call.json !== undefined ? { 'content-type': 'application/json' } : {}),
            ...call.form?.headers,
          },
          body: call.form ? call.form.open() : call.json !== undefined ? JSON.stringify(call.json) : undefined,
          timeoutMs,
          signal: call.signal,
          transport,
        });
        onCall?.({ app, endpoint: call.endpoint, status: response.status, durationMs: clock() - started });
        span.setAttribute('http.response.status_code', response.status);
        return response;
      } catch (error) {
        onCall?.({ app, endpoint: call.endpoint, status: 'error', durationMs: clock() - started });
        throw error;
      }
    });
  }

  /**
   * A call to a pre-signed URL the upstream handed out (storage upload, result download): no
   * bearer token — the URL's signature is the authorization, and the token must not travel to
   * a storage host — no redirects, and the URL never appears in errors or metrics. 5xx answers
   * and network failures are retried (three attempts within the call's budget) and end as
   * UPSTREAM_UNAVAILABLE. A 4xx to an upload is about that request — the signed policy expired,
   * the file is larger than it allows — so it is BAD_USER_INPUT (`reason: UPLOAD_REFUSED`), not
   * retried; any other non-2xx answer is UPSTREAM_UNAVAILABLE (the storage body is not the app's).
   */
  async presigned(call: { endpoint: string; method: 'GET' | 'POST' | 'PUT'; url: string; form?: MultipartBody; timeoutMs?: number; signal?: AbortSignal }): Promise<SentResponse> {
    const { transport, clock, app, onCall } = this.options;
    let url: URL;
    try {
      url = new URL(call.url);
    } catch {
      throw new UpstreamError('UPSTREAM_BAD_RESPONSE', app, `${appName(app)} handed out an invalid URL for ${call.endpoint}`, { extensions: { endpoint: call.endpoint } });
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new UpstreamError('UPSTREAM_BAD_RESPONSE', app, `${appName(app)} handed out a non-HTTP URL for ${call.endpoint}`, { extensions: { endpoint: call.endpoint } });
    }
    // Storage answers 503 ("slow down") now and then; the same signed request may be sent again.
    // The call's budget covers every attempt, as for the app's own calls.
    const deadline = clock() + (call.timeoutMs ?? this.options.timeoutMs);
    const hasTime = () => !call.signal?.aborted && deadline - clock() > MIN_ATTEMPT_MS;
    let response: SentResponse;
    try {
      response = await this.storageRetries.execute(async () => {
        const started = clock();
        let answer: SentResponse;
        try {
          answer = await send({
            upstream: app,
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
          onCall?.({ app, endpoint: call.endpoint, status: 'error', durationMs: clock() - started });
          if (error instanceof UpstreamError && error.code === 'UPSTREAM_UNAVAILABLE') throw new TransientFailure(undefined, error, hasTime());
          throw error;
        }
        onCall?.({ app, endpoint: call.endpoint, status: answer.status, durationMs: clock() - started });
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
        `${appName(app)}'s storage refused the upload (HTTP ${response.status})${detail ? `: ${detail}` : ''}. Its pre-signed upload policy was not met (it may have expired, or the file is larger than it allows); submit the file again`,
        { reason: 'UPLOAD_REFUSED', upstream: app, upstreamStatus: response.status, endpoint: call.endpoint },
      );
    }
    if (response.status < 200 || response.status >= 300) {
      throw new UpstreamError('UPSTREAM_UNAVAILABLE', app, `${appName(app)}'s storage refused ${call.endpoint} with HTTP ${response.status}`, { status: response.status, extensions: { endpoint: call.endpoint } });
    }
    return response;
  }

  private check(call: UpstreamCall, response: SentResponse): SentResponse {
    const { app } = this.options;
    const { status } = response;
    const ok = (status >= 200 && status < 300) || call.accept?.includes(status) === true;
    if (ok) {
      if (response.unparsable) {
        throw new UpstreamError('UPSTREAM_BAD_RESPONSE', app, `${appName(app)} answered ${call.endpoint} with a body that is not JSON`, {
          status,
          extensions: { endpoint: call.endpoint },
        });
      }
      return response;
    }
    const detail = upstreamMessage(response.body);
    const extensions = { endpoint: call.endpoint };
    if (status === 403) {
      throw new UpstreamError(
        'UPSTREAM_FORBIDDEN',
        app,
        call.scope
          ? `${appName(app)} refused ${call.endpoint} (403): the token lacks the scope ${call.scope} or the account lacks access${detail ? ` — ${detail}` : ''}`
          : `${appName(app)} refused ${call.endpoint} (403): the account lacks permission${detail ? ` — ${detail}` : ''}`,
        { status, extensions: { ...extensions, missingScope: call.scope || null } },
      );
    }
    if (status === 400 || status === 413 || status === 422) {
      throw new BadUserInputError(`${appName(app)} rejected the request${detail ? `: ${detail}` : ` (HTTP ${status})`}`, { upstream: app, upstreamStatus: status, ...extensions });
    }
    if (status === 404) {
      throw new UpstreamError('UPSTREAM_NOT_FOUND', app, `${appName(app)} does not know this resource (${call.endpoint})`, { status, extensions });
    }
    if (status >= 500) {
      throw new UpstreamError('UPSTREAM_UNAVAILABLE', app, `${appName(app)} failed with HTTP ${status} on ${call.endpoint}`, { status, extensions });
    }
    throw new UpstreamError('UPSTREAM_BAD_RESPONSE', app, `${appName(app)} answered ${call.endpoint} with unexpected HTTP ${status}`, { status, extensions });
  }
}

/** The human message of an upstream error body: `detail` (Kensho), `message` (Skykit, NERD jobs). */
export function upstreamMessage(body: unknown): string {
  if (typeof body === 'string') return scrubUpstreamText(body, 200);
  return scrubUpstreamText(stringField(body, 'detail') ?? stringField(body, 'message') ?? stringField(body, 'error_description') ?? '');
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

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export { abortableSleep };
