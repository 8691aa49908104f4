import type { AppProbe } from '../../apps/doctor.js';
import { upstreamApp, type UpstreamApp } from '../../apps/registry.js';
import { fail, hostOf, ok, unreachable, type Check, type ProbeRequest } from '../../diagnosis/check.js';
import { baseUrlVariable, baseUrlOf } from '../app-urls.js';

/**
 * The base URL answers without a redirect. The gateway never follows one (it would carry the
 * token elsewhere), so a 3xx here is a misconfiguration, typically a missing path prefix such as
 * `/api`; the row names where the redirect points and the base URL that would avoid it.
 */
export function baseUrlCheck(app: UpstreamApp, probeFor: () => AppProbe): Check {
  return {
    id: `${app}.base-url`,
    title: `${app} base URL`,
    app,
    needs: [`${app}.credential`],
    async run(ctx, signal) {
      const base = baseUrlOf(ctx.config, app);
      const variable = baseUrlVariable(app);
      const probe = probeFor();
      // With the token when there is one (a login redirect for bare requests is not the gateway's case).
      const hasToken = (await ctx.token(app, signal)).ok;
      const answer = await ctx.probe(app, { ...probe, withToken: hasToken }, signal);
      const data: Record<string, unknown> = { baseUrl: base, probe: probe.shown, withToken: hasToken };
      switch (answer.kind) {
        case 'answer':
          if (answer.status === 404 && probe.alsoNotFound) {
            // A 404 on the app's API path too: the base URL lacks its path, not an unknown id.
            const also = probe.alsoNotFound;
            const api = await ctx.probe(app, { ...also, withToken: hasToken }, signal);
            if (api.kind === 'answer' && api.status === 404) {
              const name = upstreamApp(app).name;
              return fail(
                `${hostOf(base)} answers HTTP 404 to ${probe.shown} and to ${also.method} ${also.path}: nothing of ${name}'s API is under ${base}`,
                `set ${variable} to the URL under which ${name} serves ${probe.path} and ${also.path} (production: ${upstreamApp(app).settings.table.url.default}); a missing path prefix is the usual cause`,
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
