/**
 * The gateway's one error vocabulary. Codes are part of the public API (docs/errors.md,
 * checked by a test against this table): clients branch on `extensions.code`, so a code is never
 * renamed once shipped. Errors inside an executed operation travel in `errors[]` of a 200.
 *
 * Each code has the HTTP `status` it answers with when it ends a request before execution, and
 * `before`, whether and how it can do so:
 * - `refusal`: the request is refused with `status`, whatever the media type;
 * - `request-error`: a GraphQL request error (the document or its variables), a well-formed
 *   GraphQL response: `status` under application/graphql-response+json, 200 under the legacy
 *   application/json, since intermediaries may swallow a 4xx body
 *   (https://graphql.github.io/graphql-over-http/draft/#sec-application-json);
 * - `null`: raised only inside an executed operation (then `status` is what it would mean).
 *
 * Every error the gateway raises on purpose is a GatewayError; `src/graphql/format-error.ts`
 * turns errors inside operations into GraphQL errors, `errorResponse` below turns a request
 * refused before execution into its answer, and `src/graphql/answer-status.ts` gives every
 * answer of the pipeline its status from this table. Anything else is masked as
 * INTERNAL_SERVER_ERROR.
 */
export const ERROR_CODES = Object.freeze({
  // Refused before execution: the request itself.
  BAD_REQUEST: { status: 400, before: 'refusal' },
  REQUEST_TOO_LARGE: { status: 413, before: 'refusal' },
  // The body did not arrive in time (a budget, or a silence); inside an operation, its upload.
  REQUEST_TIMEOUT: { status: 408, before: 'refusal' },
  // 421 Misdirected Request: this server does not answer for that name (RFC 9110 §15.5.20).
  HOST_NOT_ALLOWED: { status: 421, before: 'refusal' },
  METHOD_NOT_ALLOWED: { status: 405, before: 'refusal' },
  GRAPHQL_PARSE_FAILED: { status: 400, before: 'request-error' },
  GRAPHQL_VALIDATION_FAILED: { status: 400, before: 'request-error' },
  OPERATION_RESOLUTION_FAILURE: { status: 400, before: 'request-error' },
  OPERATION_NOT_SUPPORTED: { status: 400, before: 'request-error' },
  PERSISTED_QUERY_NOT_FOUND: { status: 200, before: 'request-error' },
  PERSISTED_QUERY_NOT_SUPPORTED: { status: 400, before: 'request-error' },
  PERSISTED_QUERY_HASH_MISMATCH: { status: 400, before: 'request-error' },
  PERSISTED_QUERY_TOO_LARGE: { status: 400, before: 'request-error' },
  // Trusted documents (TRUSTED_DOCUMENTS, docs/trusted-documents.md), refused before any parsing:
  // text where only ids are served, and an id the manifest does not list. Apollo Router's names
  // for the same refusals, so clients written against it need no new branch.
  PERSISTED_QUERY_ID_REQUIRED: { status: 400, before: 'request-error' },
  PERSISTED_QUERY_NOT_IN_LIST: { status: 400, before: 'request-error' },
  QUERY_TOO_DEEP: { status: 400, before: 'request-error' },
  QUERY_TOO_COMPLEX: { status: 400, before: 'request-error' },
  TOO_MANY_ALIASES: { status: 400, before: 'request-error' },
  TOO_MANY_DIRECTIVES: { status: 400, before: 'request-error' },
  // Refused with 400 under either media type (docs/errors.md); inside an operation, its runtime budget.
  TOO_MANY_UPSTREAM_CALLS: { status: 400, before: 'refusal' },
  // Refused before execution: the caller.
  UNAUTHENTICATED: { status: 401, before: 'refusal' },
  AUTH_UNAVAILABLE: { status: 503, before: 'refusal' },
  RATE_LIMITED: { status: 429, before: 'refusal' },
  // Variables graphql-js refuses before running anything; inside an operation, per field.
  BAD_USER_INPUT: { status: 400, before: 'request-error' },
  // Inside an operation (per field).
  SHUTTING_DOWN: { status: 503, before: null },
  FORBIDDEN: { status: 403, before: null },
  UPSTREAM_NOT_CONFIGURED: { status: 503, before: null },
  UPSTREAM_AUTH_FAILED: { status: 502, before: null },
  UPSTREAM_AUTH_UNAVAILABLE: { status: 503, before: null },
  UPSTREAM_UNAUTHENTICATED: { status: 502, before: null },
  UPSTREAM_FORBIDDEN: { status: 502, before: null },
  UPSTREAM_RATE_LIMITED: { status: 429, before: null },
  UPSTREAM_UNAVAILABLE: { status: 503, before: null },
  UPSTREAM_BAD_RESPONSE: { status: 502, before: null },
  UPSTREAM_NOT_FOUND: { status: 404, before: null },
  UPSTREAM_JOB_FAILED: { status: 502, before: null },
  // The caller ended the operation (closed the connection, completed the subscription): nobody
  // reads the answer, and nothing failed. 499 as nginx logs a client that closed the request.
  OPERATION_CANCELLED: { status: 499, before: null },
  // A request the gateway could not answer (masked; also inside an operation).
  INTERNAL_SERVER_ERROR: { status: 500, before: 'refusal' },
} as const satisfies Record<string, { status: number; before: 'refusal' | 'request-error' | null }>);

/** Every public error code. */
export type PublicErrorCode = keyof typeof ERROR_CODES;

/** The codes the gateway raises itself as GatewayErrors (the rest come from GraphQL or Apollo). */
export type ErrorCode = Exclude<
  PublicErrorCode,
  'GRAPHQL_PARSE_FAILED' | 'GRAPHQL_VALIDATION_FAILED' | 'OPERATION_RESOLUTION_FAILURE' | 'PERSISTED_QUERY_NOT_FOUND' | 'PERSISTED_QUERY_TOO_LARGE' | 'PERSISTED_QUERY_ID_REQUIRED' | 'PERSISTED_QUERY_NOT_IN_LIST' | 'QUERY_TOO_DEEP' | 'QUERY_TOO_COMPLEX' | 'TOO_MANY_ALIASES' | 'TOO_MANY_DIRECTIVES' | 'INTERNAL_SERVER_ERROR'
>;

/** True when `code` is in the vocabulary. */
export function isPublicErrorCode(code: unknown): code is PublicErrorCode {
  return typeof code === 'string' && Object.hasOwn(ERROR_CODES, code);
}

/**
 * Which upstream a call or an error is about: `key` is the stable id clients see in
 * `extensions.upstream` ("nerd", "okta", …), `name` the human name messages use. The apps come
 * from the app registry (`apps/registry.ts`); this file only knows the shape, so every
 * layer can raise upstream errors without importing the apps.
 */
export interface UpstreamRef {
  readonly key: string;
  readonly name: string;
}

/** An HTTP answer more specific than its code's status, where GraphQL over HTTP names one (never shown in the body). */
export interface HttpRefinement {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface GatewayErrorOptions {
  /** Extra, non-secret fields copied into `extensions` (e.g. retryAfterSeconds). */
  extensions?: Record<string, unknown>;
  cause?: unknown;
  /** The HTTP answer of a refusal whose status is more specific than its code's (405 for a GET that would mutate, 415, 406). */
  http?: HttpRefinement;
}

/** Base class: a message safe to show to any caller, and a stable code. */
export class GatewayError extends Error {
  readonly code: ErrorCode;
  readonly extensions: Readonly<Record<string, unknown>>;
  /** GraphQL over HTTP's own status for this refusal, when more specific than the code's. */
  readonly http: HttpRefinement | undefined;

  constructor(code: ErrorCode, message: string, options: GatewayErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GatewayError';
    this.code = code;
    this.extensions = Object.freeze({ ...(options.extensions ?? {}) });
    this.http = options.http;
  }
}

/**
 * The reason an operation's signal aborts when its caller ends it: upstream calls, waits and
 * loaders reject with it, so the error reaching formatError is a known one (no "unexpected
 * error" with a stack) and the operation's outcome is `cancelled`, not `error`.
 */
export class OperationCancelledError extends GatewayError {
  constructor(why: string) {
    super('OPERATION_CANCELLED', `The operation was cancelled: ${why}`);
    this.name = 'OperationCancelledError';
  }
}

/** The caller sent something the gateway refuses before any upstream call. */
export class BadUserInputError extends GatewayError {
  constructor(message: string, extensions?: Record<string, unknown>) {
    super('BAD_USER_INPUT', message, { extensions });
    this.name = 'BadUserInputError';
  }
}

/** An app whose credentials are missing: its fields fail, the rest of the schema works. */
export class UpstreamNotConfiguredError extends GatewayError {
  constructor(app: UpstreamRef, hint: string) {
    super('UPSTREAM_NOT_CONFIGURED', `${app.name} is not configured on this gateway: ${hint}`, {
      extensions: { upstream: app.key },
    });
    this.name = 'UpstreamNotConfiguredError';
  }
}

/** An error that came from (or while talking to) an upstream API. */
export class UpstreamError extends GatewayError {
  /** The upstream's key (`UpstreamRef.key`). */
  readonly upstream: string;
  /** HTTP status of the upstream answer, when there was one. */
  readonly status: number | undefined;

  constructor(
    code: ErrorCode,
    upstream: string,
    message: string,
    options: GatewayErrorOptions & { status?: number } = {},
  ) {
    super(code, message, {
      ...options,
      extensions: { upstream, ...(options.status ? { upstreamStatus: options.status } : {}), ...options.extensions },
    });
    this.name = 'UpstreamError';
    this.upstream = upstream;
    this.status = options.status;
  }
}

const JWT_LIKE = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
const LONG_OPAQUE = /[A-Za-z0-9_\-+/=]{40,}/g;

/**
 * Makes upstream-provided text safe to repeat to a caller: strips anything shaped like a JWT or
 * a long opaque token (a vendor may echo what it was sent), collapses whitespace and caps length.
 */
export function scrubUpstreamText(text: unknown, max = 300): string {
  if (typeof text !== 'string') return '';
  const cleaned = text.replace(JWT_LIKE, '[redacted]').replace(LONG_OPAQUE, '[redacted]').replace(/\s+/g, ' ').trim();
  return cleaned.length > max ? `${cleaned.slice(0, max)}…` : cleaned;
}

/** True when `code` can end a request before execution (the table's `before` column). */
export function raisedBeforeExecution(code: PublicErrorCode): boolean {
  return ERROR_CODES[code].before !== null;
}

/** A request refused before execution, as the HTTP adapter sends it. */
export interface ErrorResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: { errors: Array<{ message: string; extensions: Record<string, unknown> }> };
}

/**
 * The one function that turns an error refusing a whole request (transport, admission) into its
 * answer: the code's status, `Retry-After` / `WWW-Authenticate` where they apply, and the request
 * id in `extensions` like every other error. Unknown errors are masked.
 */
export function errorResponse(error: unknown, requestId: string): ErrorResponse {
  const known = error instanceof GatewayError;
  const code: PublicErrorCode = known ? error.code : 'INTERNAL_SERVER_ERROR';
  const message = known ? error.message : 'Internal server error';
  const extensions: Record<string, unknown> = { ...(known ? error.extensions : {}), code, requestId };
  const headers: Record<string, string> = {};
  if (typeof extensions.retryAfterSeconds === 'number') headers['retry-after'] = String(extensions.retryAfterSeconds);
  if (code === 'UNAUTHENTICATED') headers['www-authenticate'] = 'Bearer';
  if (code === 'METHOD_NOT_ALLOWED' && typeof extensions.allow === 'string') headers.allow = extensions.allow;
  const http = known ? error.http : undefined;
  return { status: http?.status ?? ERROR_CODES[code].status, headers: { ...headers, ...http?.headers }, body: { errors: [{ message, extensions }] } };
}

/** `e` as an Error (a DataLoader answers a failed key with an Error, never with a bare value). */
export function toError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}
