import { redactProxyUrl } from '../../config/proxy-url.js';
import { UPSTREAM_APPS } from '../../apps/registry.js';
import { fail, hostOf, ok, type Check } from '../../diagnosis/check.js';
import { baseUrlOf, baseUrlVariable } from '../app-urls.js';
import { proxyReachable, proxyRoute, type ProxyRoute } from '../../diagnosis/proxy-route.js';

/**
 * Shows the outbound proxy from the config, without its user:password (a proxy password is a
 * secret), and connects to each proxy a configured upstream URL goes through: a dead proxy is
 * named here, with the variable to change, instead of every upstream row blaming its host.
 */
export const proxyCheck: Check = {
  id: 'proxy',
  title: 'proxy',
  async run(ctx) {
    const { httpsProxy, httpProxy, noProxy } = ctx.config.proxy;
    const https = redactProxyUrl(httpsProxy);
    const http = redactProxyUrl(httpProxy);
    const data: Record<string, unknown> = { httpsProxy: https ?? null, httpProxy: http ?? null, noProxy: noProxy ?? null };
    if (!https && !http) return ok('none configured: upstreams are reached directly', data);
    const parts = [https ? `HTTPS_PROXY ${https}` : undefined, http ? `HTTP_PROXY ${http}` : undefined, noProxy ? `NO_PROXY ${noProxy}` : undefined].filter(Boolean);
    // The URLs the gateway would call, by the variable that sets them.
    const urls = new Map<string, string>();
    if (ctx.config.kensho.keyPair) urls.set('KENSHO_TOKEN_URL', ctx.config.kensho.keyPair.tokenUrl);
    for (const app of UPSTREAM_APPS) if (ctx.credentials[app.key]) urls.set(baseUrlVariable(app.key), baseUrlOf(ctx.config, app.key));
    const used = new Map<string, { route: ProxyRoute; variables: string[]; hosts: Set<string> }>();
    for (const [variable, url] of urls) {
      const route = proxyRoute(ctx.config.proxy, url);
      if (!route) continue;
      const entry = used.get(route.variable) ?? { route, variables: [], hosts: new Set<string>() };
      entry.variables.push(variable);
      entry.hosts.add(hostOf(url));
      used.set(route.variable, entry);
    }
    data.usedBy = Object.fromEntries([...used].map(([variable, u]) => [variable, u.variables]));
    for (const { route, variables, hosts } of used.values()) {
      const problem = await proxyReachable(route, Math.min(5_000, ctx.config.upstreams.timeoutMs));
      if (problem === undefined) continue;
      return fail(
        `${route.variable} ${route.shown} cannot be reached (${problem}); ${[...hosts].join(', ')} (${variables.join(', ')}) go through it`,
        `start the proxy or set ${route.variable} to one that runs; to connect directly, unset ${route.variable} or add the hosts to NO_PROXY`,
        { ...data, failing: route.variable, problem },
      );
    }
    return ok(`${parts.join(', ')}${used.size > 0 ? ` (${[...used.keys()].join(' and ')} accepts connections)` : ' (no configured upstream goes through it)'}`, data);
  },
};
