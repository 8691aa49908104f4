/**
 * Errors with stable codes. The codes are part of the public API (README, "Error codes"):
 * clients branch on `extensions.code`, so a code is never renamed once shipped.
 *
 * Every error the gateway raises on purpose is a GatewayError; `src/server/format-error.ts` is
 * the one place that turns them into GraphQL errors. Anything else is masked as
 * INTERNAL_SERVER_ERROR.
 */

export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'AUTH_UNAVAILABLE'
  | 'UPSTREAM_NOT_CONFIGURED'
  | 'UPSTREAM_AUTH_FAILED'
  | 'UPSTREAM_AUTH_UNAVAILABLE'
  | 'UPSTREAM_UNAUTHENTICATED'
  | 'UPSTREAM_FORBIDDEN'
  | 'UPSTREAM_RATE_LIMITED'
  | 'UPSTREAM_UNAVAILABLE'
  | 'UPSTREAM_BAD_RESPONSE'
  | 'UPSTREAM_NOT_FOUND'
  | 'UPSTREAM_JOB_FAILED';

/**
 * Which upstream a call or an error is about: `key` is the stable id clients see in
 * `extensions.upstream` ("nerd", "okta", …), `name` the human name messages use. The apps come
 * from the app registry (`upstreams/registry.ts`); this file only knows the shape, so every
 * layer can raise upstream errors without importing the apps.
 */
export interface UpstreamRef {
  readonly key: string;
  readonly name: string;
}

export interface GatewayErrorOptions {
  /** Extra, non-secret fields copied into `extensions` (e.g. retryAfterSeconds). */
  extensions?: Record<string, unknown>;
  cause?: unknown;
}

/** Base class: a message safe to show to any caller, and a stable code. */
export class GatewayError extends Error {
  readonly code: ErrorCode;
  readonly extensions: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, options: GatewayErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GatewayError';
    this.code = code;
    this.extensions = Object.freeze({ ...(options.extensions ?? {}) });
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

/** `e` as an Error (a DataLoader answers a failed key with an Error, never with a bare value). */
export function toError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}
