import { redactProxyUrl } from '../../config/load.js';
import { ok, type Check } from '../check.js';

/** Shows the outbound proxy from the config, without its user:password (a proxy password is a secret). */
export const proxyCheck: Check = {
  id: 'proxy',
  title: 'proxy',
  async run(ctx) {
    const { httpsProxy, httpProxy, noProxy } = ctx.config.proxy;
    const https = redactProxyUrl(httpsProxy);
    const http = redactProxyUrl(httpProxy);
    const data = { httpsProxy: https ?? null, httpProxy: http ?? null, noProxy: noProxy ?? null };
    if (!https && !http) return ok('none configured: upstreams are reached directly', data);
    const parts = [https ? `HTTPS_PROXY ${https}` : undefined, http ? `HTTP_PROXY ${http}` : undefined, noProxy ? `NO_PROXY ${noProxy}` : undefined].filter(Boolean);
    return ok(parts.join(', '), data);
  },
};
