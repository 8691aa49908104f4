import { SimHttpError, bearer } from './http-util.js';
import type { RouteCall } from './route.js';
import type { SimAccessClaims, TokenAuthority } from './tokens.js';

/**
 * The bearer-token check of one Kensho app: the token must be signed by the authority,
 * unexpired and unrevoked (else `unauthenticatedStatus`, 401 unless the app documents another)
 * and carry the app's `scope` (else 403). The token's scopes go into the call log.
 */
export function kenshoAuthorizer(authority: TokenAuthority, scope: string | undefined): (call: RouteCall, unauthenticatedStatus?: number) => Promise<SimAccessClaims> {
  return async (call, unauthenticatedStatus = 401) => {
    const check = await authority.check(bearer(call.req));
    if (!check.ok) throw new SimHttpError(unauthenticatedStatus, { detail: check.reason });
    call.record.scopes = check.claims.scp;
    if (scope === undefined || !check.claims.scp.includes(scope)) throw new SimHttpError(403, { detail: `missing scope ${scope}` });
    return check.claims;
  };
}
