import { randomUUID } from 'node:crypto';
import type { UpstreamApp } from '../../upstreams/registry.js';
import { baseUrlVariable, baseUrlOf, fail, hostOf, ok, unreachable, type Check, type ProbeRequest } from '../check.js';

/** A harmless GET per app that any deployment answers without side effects or data. */
function probeFor(app: UpstreamApp): ProbeRequest & { shown: string } {
  switch (app) {
    case 'nerd':
      return { endpoint: 'doctor.nerd.me', method: 'GET', path: '/me', withToken: true, shown: 'GET /me' };
    case 'extract':
      return { endpoint: 'doctor.extract.get', method: 'GET', path: `/v3/extractions/${randomUUID()}`, withToken: true, shown: 'GET /v3/extractions/<random id>' };
    case 'scribe':
      // An unknown transcription: a 404 (GET, not HEAD: a 404 body says more).
      return { endpoint: 'doctor.scribe.get', method: 'GET', path: `/api/v2/transcription/${randomUUID().replace(/-/g, '')}`, withToken: true, shown: 'GET /api/v2/transcription/<random id>' };
    case 'skykit':
      // An unknown device: a 400/404 that returns no fleet data.
      return { endpoint: 'doctor.skykit.device', method: 'GET', path: `/sk-api/v1/device?deviceId=doctor-${randomUUID()}`, withToken: true, shown: 'GET /sk-api/v1/device?deviceId=<random>' };
    case 'link':
      // Not run by doctor (doctor/index.ts): Link's guide page, which needs no token.
      return { endpoint: 'doctor.link.docs', method: 'GET', path: '/docs/guides/rest-api', withToken: false, shown: 'GET /docs/guides/rest-api' };
    case 'kfinance':
      // The account's entitlements: no company data, and every kFinance account may read them.
      return { endpoint: 'doctor.kfinance.permissions', method: 'GET', path: '/api/v1/users/permissions', withToken: true, shown: 'GET /api/v1/users/permissions' };
  }
}

/**
 * The base URL answers without a redirect. The gateway never follows one (it would carry the
 * token elsewhere), so a 3xx here is a misconfiguration, typically a missing path prefix such as
 * `/api`; the row names where the redirect points and the base URL that would avoid it.
 */
export function baseUrlCheck(app: UpstreamApp): Check {
  return {
    id: `${app}.base-url`,
    title: `${app} base URL`,
    app,
    needs: [`${app}.credential`],
    async run(ctx, signal) {
      const base = baseUrlOf(ctx.config, app);
      const variable = baseUrlVariable(app);
      const probe = probeFor(app);
      // With the token when there is one (a login redirect for bare requests is not the gateway's case).
      const hasToken = (await ctx.token(app, signal)).ok;
      const answer = await ctx.probe(app, { ...probe, withToken: hasToken }, signal);
      const data: Record<string, unknown> = { baseUrl: base, probe: probe.shown, withToken: hasToken };
      switch (answer.kind) {
        case 'answer':
          if (answer.status === 404 && app === 'nerd') {
            // NERD documents /me; a 404 there and on its annotate path means the base URL lacks
            // its path (an empty body: NERD answers 400 where the path exists, and does no work).
            const api = await ctx.probe(app, { endpoint: 'doctor.nerd.annotations-sync', method: 'POST', path: '/api/v1/annotations-sync', json: {}, withToken: hasToken }, signal);
            if (api.kind === 'answer' && api.status === 404) {
              return fail(
                `${hostOf(base)} answers HTTP 404 to ${probe.shown} and to POST /api/v1/annotations-sync: nothing of NERD's API is under ${base}`,
                `set ${variable} to the URL under which NERD serves /me and /api/v1/… (production: https://nerd.kensho.com); a missing path prefix is the usual cause`,
                { ...data, status: answer.status, apiStatus: api.status },
              );
            }
          }
          return ok(`${hostOf(base)} answers without a redirect (HTTP ${answer.status} to ${probe.shown})`, { ...data, status: answer.status });
        case 'redirect': {
          const to = answer.location;
          const pathOnly = probe.path.split('?')[0]!;
          const suggested = to && new URL(to).pathname.endsWith(pathOnly) ? `${new URL(to).origin}${new URL(to).pathname.slice(0, -pathOnly.length)}` : undefined;
          return fail(
            `${hostOf(base)} redirects (HTTP ${answer.status}) to ${to ? hostOf(to) : 'an unnamed location'}${to ? ` (${new URL(to).pathname})` : ''}; the gateway never follows redirects`,
            suggested && suggested !== base
              ? `set ${variable}=${suggested} (a missing path prefix such as /api is the usual cause)`
              : `set ${variable} to the base URL that answers without a redirect (a missing path prefix such as /api is the usual cause)`,
            { ...data, status: answer.status, location: to ?? null, locationHost: to ? hostOf(to) : null, suggestedBaseUrl: suggested ?? null },
          );
        }
        case 'no-token':
          return fail(`no token to probe with (${answer.reason})`, 'see the token row', data);
        case 'error':
          return unreachable(ctx.config, hostOf(base), base, variable, answer.message, data);
      }
    },
  };
}
