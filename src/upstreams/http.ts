import type { Credential } from '../auth/outbound/credential.js';
import type { TokenManager } from '../auth/outbound/token-manager.js';
import { BadUserInputError, UpstreamError, scrubUpstreamText, type UpstreamRef } from '../errors.js';
import { retryAfterSeconds, send, stringField, type SentResponse } from '../net/send.js';
import { injectTraceContext, withSpan } from '../observability/tracing.js';
import { BrokenCircuitError, TransientFailure, type UpstreamPolicy } from '../net/resilience.js';
import { PresignedStorage, type PresignedCall } from '../net/presigned.js';
import { abortableSleep } from '../net/sleep.js';
import type { MultipartBody } from '../net/multipart.js';
import type { Transport } from '../net/transport.js';
import { citing, noteSource } from './provenance-scope.js';

export interface UpstreamHttpOptions {
  /** The app called: its key goes into errors and metrics, its name into messages. */
  readonly app: UpstreamRef;
  readonly baseUrl: string;
  readonly credential: Credential;
  readonly tokens: TokenManager;
  readonly transport: Transport;
  readonly clock: () => number;
  readonly timeoutMs: number;
  /** A 429 whose Retry-After is at most this many seconds is waited out (up to three times). */
  readonly maxRetryAfterSeconds: number;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /**
   * Called before each upstream HTTP exchange with the signal of the operation it is made for
   * (and, for a clean-up call, the operation it is made on behalf of); throws to refuse the
   * exchange before anything is sent (the per-operation call budget).
   */
  readonly admit?: (operation: AbortSignal | undefined, onBehalfOf: AbortSignal | undefined) => void;
  /** Called once per upstream HTTP exchange (metrics, logs, tests), with the signal of the operation it was made for. */
  readonly onCall?: (call: { app: string; endpoint: string; status: number | 'error'; durationMs: number }, operation: AbortSignal | undefined) => void;
  /** Called when a call is retried: after a 401 (new token) or a 429 (waited out). */
  readonly onRetry?: (retry: { app: string; reason: '401' | '403' | '429' | '5xx' }) => void;
  /**
   * Renew the token on a 403 once it is at least this old (ms): only for kFinance, which answers
   * 403, never 401, to a missing or expired token, and 403 to a missing entitlement too
   * (UPSTREAMS-MORE §2.13). A younger token's 403 is a refusal; each token is renewed at most
   * once. Unset (every other app): a 403 is a refusal and is never retried (UPSTREAMS §1.4).
   */
  readonly renewOn403AfterMs?: number;
  /** Retries and circuit breaker shared by every call to this upstream; none: one attempt. */
  readonly policy?: UpstreamPolicy;
  /** Send the trace context (`traceparent`) with each call while tracing (TRACEPARENT_UPSTREAMS). */
  readonly propagateTrace?: boolean;
}

export interface UpstreamCall {
  /** Stable name, e.g. "nerd.annotations-sync"; used in errors and metrics instead of the URL. */
  readonly endpoint: string;
  readonly method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE';
  /** Extra request headers (e.g. an `Accept` other than JSON). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Keep a 2xx body as text, unparsed (WebVTT). */
  readonly raw?: boolean;
  /** Waited on before every attempt (an upstream's own request-rate limit, e.g. Scribe's 5/s). */
  readonly throttle?: (signal?: AbortSignal) => Promise<void>;
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
  /**
   * The operation a call is made for when it must not stop with it (a mutation, a best-effort
   * clean-up): the call is counted for that operation but not aborted by its signal.
   */
  readonly onBehalfOf?: AbortSignal;
  /**
   * `false` for a call whose answer is not part of any field's value (an entitlement check, a
   * job's creation or deletion, a poll still pending): `extensions.provenance` does not cite it.
   */
  readonly cite?: false;
}

const MAX_RATE_LIMIT_RETRIES = 3;
/** Tokens remembered as renewed after a 403: a few per scope is plenty. */
const RENEWED_ON_403_KEPT = 64;
/** A retry is not started with less time than this left in the call's budget. */
const MIN_ATTEMPT_MS = 50;

/**
 * The one HTTP path to an upstream app: bearer token from the token manager, timeout, no
 * redirects, 401 → drop that token + one retry, 403 → no retry (kFinance: see retryAfter403), 429 → wait out a short
 * Retry-After, and every other failure mapped to a stable error code.
 */
export class UpstreamHttp {
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly storage: PresignedStorage;
  /** Tokens already renewed after a 403 (the latest few): never renewed twice. */
  private readonly renewedOn403 = new Set<string>();

  constructor(private readonly options: UpstreamHttpOptions) {
    this.sleep = options.sleep ?? abortableSleep;
    this.storage = new PresignedStorage({
      upstream: options.app,
      transport: options.transport,
      clock: options.clock,
      timeoutMs: options.timeoutMs,
      onCall: options.onCall,
      onRetry: () => options.onRetry?.({ app: options.app.key, reason: '5xx' }),
    });
  }

  /** Sends `call`; resolves with 2xx (and accepted) answers, rejects with an UpstreamError otherwise. */
  async request(call: UpstreamCall): Promise<SentResponse> {
    const { credential, tokens } = this.options;
    let token = tokens.freshToken(credential, call.scope) ?? (await tokens.getToken(credential, call.scope, call.signal));
    let response = await this.sendWithRateLimit(call, token);
    if (response.status === 401 && !credential.renewable) {
      throw new UpstreamError(
        'UPSTREAM_UNAUTHENTICATED',
        this.options.app.key,
        `${this.options.app.name} rejected the pasted access token (401) on ${call.endpoint}; paste a new one or configure a refresh token or key pair`,
        { status: 401, extensions: { endpoint: call.endpoint } },
      );
    }
    if (response.status === 403 && this.options.renewOn403AfterMs !== undefined && credential.renewable) {
      response = (await this.retryAfter403(call, token, this.options.renewOn403AfterMs)) ?? response;
    } else if (response.status === 401) {
      // The token is no longer accepted (revoked, or expired early): drop exactly this token
      // and retry once with a new one (UPSTREAMS §1.4).
      this.options.onRetry?.({ app: this.options.app.key, reason: '401' });
      await tokens.invalidate(credential, call.scope, token);
      token = await tokens.getToken(credential, call.scope, call.signal);
      response = await this.sendWithRateLimit(call, token);
      if (response.status === 401) {
        await tokens.invalidate(credential, call.scope, token);
        throw new UpstreamError(
          'UPSTREAM_UNAUTHENTICATED',
          this.options.app.key,
          `${this.options.app.name} rejected a freshly obtained access token (401) on ${call.endpoint}`,
          { status: 401, extensions: { endpoint: call.endpoint } },
        );
      }
    }
    const checked = this.check(call, response);
    // Cited by the field that asked, for a caller that asked for provenance (provenance-scope.ts).
    const operation = call.signal ?? call.onBehalfOf;
    if (call.cite !== false && citing(operation)) {
      const now = this.options.clock();
      noteSource(operation, this.options.app.key, call.endpoint, now, now);
    }
    return checked;
  }

  /**
   * A 403 from an upstream that also means "token expired" (kFinance): the retried answer, or
   * undefined when the 403 stands. A token younger than `afterMs` was just minted, so its 403 is
   * a refusal (an entitlement) and costs no renewal; an older one is dropped and renewed, once
   * per token. A 403 to a token another call has already replaced is tried once with the current
   * token, without renewing again, so in-flight calls sharing a token cost one renewal in all.
   */
  private async retryAfter403(call: UpstreamCall, token: string, afterMs: number): Promise<SentResponse | undefined> {
    const { credential, tokens, app } = this.options;
    let age = tokens.tokenAge(credential, call.scope, token);
    if (age === undefined) {
      const current = await tokens.getToken(credential, call.scope, call.signal);
      if (current !== token) {
        this.options.onRetry?.({ app: app.key, reason: '403' });
        return this.sendWithRateLimit(call, current);
      }
      // The same token, read back from the shared store: judge it by its age as usual.
      age = tokens.tokenAge(credential, call.scope, token);
    }
    if (age === undefined || age < afterMs || this.renewedOn403.has(token)) return undefined;
    this.renewedOn403.add(token);
    if (this.renewedOn403.size > RENEWED_ON_403_KEPT) this.renewedOn403.delete(this.renewedOn403.values().next().value!);
    this.options.onRetry?.({ app: app.key, reason: '403' });
    await tokens.invalidate(credential, call.scope, token);
    return this.sendWithRateLimit(call, await tokens.getToken(credential, call.scope, call.signal));
  }

  private async sendWithRateLimit(call: UpstreamCall, token: string): Promise<SentResponse> {
    for (let attempt = 0; ; attempt++) {
      const response = await this.resilient(call, token);
      if (response.status !== 429) return response;
      const waitSeconds = retryAfterSeconds(response.headers, this.options.clock()) ?? 1;
      if (attempt >= MAX_RATE_LIMIT_RETRIES || waitSeconds > this.options.maxRetryAfterSeconds) {
        throw new UpstreamError('UPSTREAM_RATE_LIMITED', this.options.app.key, `${this.options.app.name} is rate limiting this gateway; retry after ${waitSeconds} s`, {
          status: 429,
          extensions: { endpoint: call.endpoint, retryAfterSeconds: waitSeconds },
        });
      }
      this.options.onRetry?.({ app: this.options.app.key, reason: '429' });
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
        throw new UpstreamError('UPSTREAM_UNAVAILABLE', app.key, `${app.name} keeps failing; the gateway stops calling it for a while (circuit open)`, {
          extensions: { endpoint: call.endpoint, circuit: 'open', retryAfterSeconds: Math.ceil(policy.halfOpenAfterMs / 1000) },
        });
      }
      throw error;
    }
  }

  private async sendOnce(call: UpstreamCall, token: string, timeoutMs = call.timeoutMs ?? this.options.timeoutMs): Promise<SentResponse> {
    const { baseUrl, transport, clock, app, onCall, admit, propagateTrace } = this.options;
    admit?.(call.signal, call.onBehalfOf);
    const query = call.query ? `?${new URLSearchParams(call.query)}` : '';
    if (call.throttle) await call.throttle(call.signal);
    const started = clock();
    return withSpan(`upstream ${call.endpoint}`, { 'gateway.upstream': app.key, 'gateway.endpoint': call.endpoint, 'http.request.method': call.method }, async (span) => {
      const headers: Record<string, string> = {
        authorization: `Bearer ${token}`,
        ...(call.json !== undefined ? { 'content-type': 'application/json' } : {}),
        ...call.form?.headers,
        ...call.headers,
      };
      if (propagateTrace) injectTraceContext(span, headers);
      try {
        const response = await send({
          upstream: app,
          endpoint: call.endpoint,
          url: `${baseUrl}${call.path}${query}`,
          method: call.method,
          headers,
          body: call.form ? call.form.open() : call.json !== undefined ? JSON.stringify(call.json) : undefined,
          timeoutMs,
          signal: call.signal,
          transport,
          raw: call.raw,
        });
        onCall?.({ app: app.key, endpoint: call.endpoint, status: response.status, durationMs: clock() - started }, call.signal ?? call.onBehalfOf);
        span.setAttribute('http.response.status_code', response.status);
        return response;
      } catch (error) {
        onCall?.({ app: app.key, endpoint: call.endpoint, status: 'error', durationMs: clock() - started }, call.signal ?? call.onBehalfOf);
        throw error;
      }
    });
  }

  /**
   * A call to a pre-signed URL the upstream handed out (storage upload, result download): no
   * bearer token, retried on its own, 4xx to an upload refused as BAD_USER_INPUT (net/presigned).
   */
  presigned(call: PresignedCall): Promise<SentResponse> {
    return this.storage.call(call);
  }

  private check(call: UpstreamCall, response: SentResponse): SentResponse {
    const { app } = this.options;
    const { status } = response;
    const ok = (status >= 200 && status < 300) || call.accept?.includes(status) === true;
    if (ok) {
      if (response.unparsable) {
        throw new UpstreamError('UPSTREAM_BAD_RESPONSE', app.key, `${app.name} answered ${call.endpoint} with a body that is not JSON`, {
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
        app.key,
        call.scope
          ? `${app.name} refused ${call.endpoint} (403): the token lacks the scope ${call.scope} or the account lacks access${detail ? ` — ${detail}` : ''}`
          : `${app.name} refused ${call.endpoint} (403): the account lacks permission${detail ? ` — ${detail}` : ''}`,
        { status, extensions: { ...extensions, missingScope: call.scope || null } },
      );
    }
    if (status === 400 || status === 413 || status === 422) {
      throw new BadUserInputError(`${app.name} rejected the request${detail ? `: ${detail}` : ` (HTTP ${status})`}`, { upstream: app.key, upstreamStatus: status, ...extensions });
    }
    if (status === 404) {
      throw new UpstreamError('UPSTREAM_NOT_FOUND', app.key, `${app.name} does not know this resource (${call.endpoint})`, { status, extensions });
    }
    if (status >= 500) {
      throw new UpstreamError('UPSTREAM_UNAVAILABLE', app.key, `${app.name} failed with HTTP ${status} on ${call.endpoint}`, { status, extensions });
    }
    throw new UpstreamError('UPSTREAM_BAD_RESPONSE', app.key, `${app.name} answered ${call.endpoint} with unexpected HTTP ${status}`, { status, extensions });
  }
}

/**
 * The human message of an upstream error body: `detail` (Kensho), `message` (Skykit, NERD jobs),
 * FastAPI's validation list `{"detail": [{"loc", "msg"}]}` (Link [inferred]) as "loc: msg; …", or
 * Django REST Framework's field form `{"<field>": ["msg"]}` (kFinance's 400s, UPSTREAMS-MORE §2.13)
 * as "field: msg; …", `non_field_errors` unprefixed.
 */
export function upstreamMessage(body: unknown): string {
  if (typeof body === 'string') return scrubUpstreamText(body, 200);
  const detail = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).detail : undefined;
  if (Array.isArray(detail)) return scrubUpstreamText(detail.map(validationItem).filter((m) => m !== '').join('; '));
  const plain = stringField(body, 'detail') ?? stringField(body, 'message') ?? stringField(body, 'error_description');
  if (plain !== undefined) return scrubUpstreamText(plain);
  return scrubUpstreamText(fieldErrors(body, '').join('; '));
}

/** Bound the walk of a field-error body: a broken upstream cannot make it deep or costly. */
const MAX_FIELD_ERRORS = 20;
const MAX_FIELD_DEPTH = 6;

/**
 * DRF's validation errors: a field maps to a list of messages, or (nested serializers, list
 * items) to an object of the same form; `non_field_errors` and a bare list carry no field name.
 * Only strings inside lists count, so a body of other shape (`{"status": "failed"}`) adds nothing.
 * https://www.django-rest-framework.org/api-guide/exceptions/#validationerror
 */
function fieldErrors(value: unknown, path: string, out: string[] = [], depth = 0, listed = false): string[] {
  if (depth > MAX_FIELD_DEPTH) return out;
  if (typeof value === 'string') {
    if (listed) out.push(path ? `${path}: ${value}` : value);
  } else if (Array.isArray(value)) {
    for (const item of value) {
      if (out.length >= MAX_FIELD_ERRORS) break;
      fieldErrors(item, path, out, depth + 1, true);
    }
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, inner] of Object.entries(value)) {
      if (out.length >= MAX_FIELD_ERRORS) break;
      fieldErrors(inner, key === 'non_field_errors' ? path : path ? `${path}.${key}` : key, out, depth + 1);
    }
  }
  return out;
}

/** One FastAPI validation error as "records.0.uid: field required". */
function validationItem(item: unknown): string {
  const msg = stringField(item, 'msg') ?? '';
  const loc = typeof item === 'object' && item !== null ? (item as Record<string, unknown>).loc : undefined;
  const where = Array.isArray(loc) ? loc.filter((p) => p !== 'body' && (typeof p === 'string' || typeof p === 'number')).join('.') : '';
  return where && msg ? `${where}: ${msg}` : msg;
}

