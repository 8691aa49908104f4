import { fail, ok, warn, type Check } from '../../diagnosis/check.js';

/** NERD's OAuth scope, as its definition names it (app.ts). */
const NERD_SCOPE = 'kensho:app:nerd';

/** The scopes NERD's `GET /me` reports for the gateway's NERD token (UPSTREAMS §3). */
export const nerdScopesCheck: Check = {
  id: 'nerd.scopes',
  title: 'nerd granted scopes',
  app: 'nerd',
  needs: ['nerd.token', 'nerd.base-url'],
  async run(ctx, signal) {
    const answer = await ctx.probe('nerd', { endpoint: 'doctor.nerd.me', method: 'GET', path: '/me', withToken: true }, signal);
    if (answer.kind === 'no-token') return fail(`no token (${answer.reason})`, 'see the nerd token row');
    if (answer.kind === 'error') return fail(`could not be reached (${answer.message})`, 'see the nerd base URL row');
    if (answer.kind === 'redirect') return fail(`GET /me redirects (HTTP ${answer.status})`, 'see the nerd base URL row');
    if (answer.status === 401 || answer.status === 403) {
      return fail(`NERD did not accept the token on GET /me (HTTP ${answer.status})`, 'the token was issued but NERD refuses it: check KENSHO_NERD_URL points at the NERD that belongs to this account, and ask Kensho whether the account has NERD access');
    }
    if (answer.status === 404) return warn('GET /me is not there (HTTP 404): the granted scopes are unknown', 'nothing to change; annotate calls will show whether the scope is granted');
    if (answer.status !== 200) return warn(`GET /me answered HTTP ${answer.status}: the granted scopes are unknown`, 'run doctor again; if it persists, ask Kensho about /me');
    const body = answer.body as { scopes?: unknown } | undefined;
    const scopes = Array.isArray(body?.scopes) ? body.scopes.filter((s): s is string => typeof s === 'string') : undefined;
    if (!scopes) return warn('GET /me answered without a scopes list', 'nothing to change; the granted scopes are unknown', { status: 200 });
    if (!scopes.includes(NERD_SCOPE)) {
      return fail(`the NERD token carries ${scopes.join(' ') || 'no scopes'}, not ${NERD_SCOPE}`, `ask Kensho to grant ${NERD_SCOPE} to this client or account`, { scopes });
    }
    return ok(`granted: ${scopes.join(' ')}`, { scopes });
  },
};
