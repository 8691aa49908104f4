import { GatewayError } from '../../errors.js';
import type { FieldUpstream } from '../../schema/upstream-directive.js';

/** Who is calling, and which caller scopes it holds ("*" holds them all). */
export interface Caller {
  /** Non-secret name for logs and rate limits: an API key's name or a JWT subject. */
  readonly name: string;
  readonly scopes: ReadonlySet<string>;
}

/** The development caller of AUTH_MODE=none (loopback only). */
export const ANONYMOUS: Caller = Object.freeze({ name: 'anonymous', scopes: new Set(['*']) });

/**
 * The caller scope a field needs: its upstream scope for Kensho apps, "skykit" for Skykit
 * (which has no OAuth scopes). The same @upstream metadata drives the token manager.
 */
export function callerScope(upstream: FieldUpstream): string {
  return upstream.scope || upstream.app;
}

/** Throws FORBIDDEN unless `caller` may use the field's upstream. */
export function authorize(caller: Caller, upstream: FieldUpstream): void {
  const needed = callerScope(upstream);
  if (caller.scopes.has('*') || caller.scopes.has(needed)) return;
  throw new GatewayError('FORBIDDEN', `Caller "${caller.name}" may not use ${needed}`, { extensions: { requiredScope: needed } });
}

/** The caller could not be authenticated: the request is refused with HTTP 401. */
export class UnauthenticatedError extends GatewayError {
  constructor(message: string) {
    super('UNAUTHENTICATED', message);
    this.name = 'UnauthenticatedError';
  }
}
