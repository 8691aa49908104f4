import type { UpstreamApp } from '../../apps/registry.js';
import { fail, hostOf, ok, skip, unreachable, type Check, type CheckContext } from '../../diagnosis/check.js';
import { baseUrlVariable, baseUrlOf } from '../app-urls.js';

/** An app with Kensho tokens (a key pair or a per-app refresh token): one with an OAuth scope. */
export type KenshoDoctorApp = UpstreamApp;

/** Where the app's credential gets tokens, or undefined when it has no endpoint (pasted token). */
export function tokenEndpointOf(ctx: CheckContext, app: KenshoDoctorApp): { url: string; label: string; variable: string } | undefined {
  const credential = ctx.credentials[app];
  if (credential?.kind === 'key-pair' && ctx.config.kensho.keyPair) {
    return { url: ctx.config.kensho.keyPair.tokenUrl, label: 'Okta token URL', variable: 'KENSHO_TOKEN_URL' };
  }
  if (credential?.kind === 'refresh-token') {
    return { url: `${baseUrlOf(ctx.config, app)}/oauth2/refresh`, label: 'refresh endpoint', variable: baseUrlVariable(app) };
  }
  return undefined;
}

/**
 * The token endpoint answers at all (Okta's token URL for a key pair, the app's refresh endpoint
 * for a refresh token): judged from the token request doctor makes anyway. Any HTTP answer but a
 * redirect, 429 or 5xx counts as reachable; whether it granted a token is the next row.
 */
export function tokenEndpointCheck(app: KenshoDoctorApp): Check {
  return {
    id: `${app}.token-endpoint`,
    title: `${app} token endpoint`,
    app,
    needs: [`${app}.credential`],
    async run(ctx, signal) {
      const endpoint = tokenEndpointOf(ctx, app);
      if (!endpoint) return skip('a pasted access token has no token endpoint');
      const where = `${endpoint.label} ${hostOf(endpoint.url)}${new URL(endpoint.url).pathname}`;
      const outcome = await ctx.token(app, signal);
      const data = { url: `${new URL(endpoint.url).origin}${new URL(endpoint.url).pathname}`, durationMs: outcome.durationMs };
      if (outcome.ok) return ok(`${where} answered in ${outcome.durationMs} ms`, { ...data, status: 200 });
      const status = outcome.status;
      if (status !== undefined && status >= 300 && status < 400) {
        const target = new URL(endpoint.url);
        const location = ctx.observations.findLast((o) => o.origin === target.origin && o.path === target.pathname && o.location)?.location;
        return fail(
          `${where} redirects (HTTP ${status}) to ${location ? hostOf(location) : 'an unnamed location'}; the gateway never follows redirects`,
          `set ${endpoint.variable} to the URL that answers without a redirect${location ? ` (the redirect points to ${location})` : ''}`,
          { ...data, status, location: location ?? null },
        );
      }
      if (outcome.code === 'UPSTREAM_AUTH_UNAVAILABLE') {
        if (status !== undefined) {
          return fail(`${where} answered HTTP ${status}: unavailable right now`, 'run doctor again in a few minutes; if it persists, ask Kensho whether the token service is down', { ...data, status });
        }
        return unreachable(ctx.config, where, endpoint.url, endpoint.variable, outcome.network ?? 'no answer', { ...data, status: null });
      }
      return ok(`${where} answered HTTP ${status ?? '?'} in ${outcome.durationMs} ms (see the token row)`, { ...data, status: status ?? null });
    },
  };
}
