import type { Authenticator } from '../auth/inbound/authenticate.js';
import type { Caller } from '../auth/inbound/caller.js';
import { GatewayError } from '../errors.js';

/** Takes one request token for a key; resolves to 0 when allowed, else seconds to wait. */
export interface RateLimitTaker {
  take(key: string): Promise<number>;
}

/** What admission needs to know of a request, whatever the transport. */
export interface AdmissionRequest {
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The peer address: anonymous callers are told apart by it. */
  readonly remoteAddress: string | undefined;
}

/** Authenticates and rate-limits: the one admission rule for HTTP requests and WebSocket operations. */
export type Admit = (request: AdmissionRequest) => Promise<Caller>;

/**
 * Builds admission: who is calling (UNAUTHENTICATED / AUTH_UNAVAILABLE), then one rate-limit
 * token per operation (RATE_LIMITED with `retryAfterSeconds`). Runs before a request body is read
 * and before every WebSocket operation, so an expired bearer token stops a socket's next
 * operation, not only its connection.
 */
export function createAdmission(authenticate: Authenticator, limiter: RateLimitTaker | undefined): Admit {
  return async (request) => {
    const caller = await authenticate(request.headers);
    const retryAfterSeconds = (await limiter?.take(rateKey(caller, request.remoteAddress))) ?? 0;
    if (retryAfterSeconds > 0) {
      throw new GatewayError('RATE_LIMITED', `Rate limit exceeded for "${caller.name}"; retry after ${retryAfterSeconds} s`, { extensions: { retryAfterSeconds } });
    }
    return caller;
  };
}

/** Anonymous callers (AUTH_MODE=none) are told apart by address; others by their name. */
export function rateKey(caller: Caller, remoteAddress: string | undefined): string {
  return caller.name === 'anonymous' ? `ip:${remoteAddress ?? ''}` : `caller:${caller.name}`;
}
