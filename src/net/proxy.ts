import { EnvHttpProxyAgent, type Dispatcher } from 'undici';
import { redactProxyUrl } from '../config/proxy-url.js';
import type { Config } from '../config/types.js';

/**
 * The outbound proxy for every upstream call (Kensho, Okta, refresh endpoints, pre-signed
 * storage, Skykit), or undefined when none is configured (direct connections, as before).
 *
 * undici's EnvHttpProxyAgent applies the usual rules: https URLs go through HTTPS_PROXY (or
 * HTTP_PROXY when only that is set), http URLs through HTTP_PROXY; NO_PROXY entries (`host`,
 * `.domain`, `host:port`, `*`) go direct. Loopback gets no special case: `localhost` and
 * `127.0.0.1` go through the proxy unless NO_PROXY names them.
 *
 * Every option is passed explicitly, an empty string for "unset": the agent would otherwise fall
 * back to reading process.env itself, and only the config may read the environment.
 */
export function createProxyDispatcher(proxy: Config['proxy']): Dispatcher | undefined {
  if (!proxy.httpsProxy && !proxy.httpProxy) return undefined;
  return new EnvHttpProxyAgent({
    httpProxy: proxy.httpProxy ?? '',
    httpsProxy: proxy.httpsProxy ?? '',
    noProxy: proxy.noProxy ?? '',
    // Plain-http URLs are sent to the proxy as absolute-form requests, as curl does: many proxies
    // (Squid by default) refuse CONNECT to ports other than 443. https URLs always tunnel.
    proxyTunnel: false,
  });
}

/** The proxy settings for a log line: proxy URLs without their user:password. */
export function describeProxy(proxy: Config['proxy']): { httpsProxy?: string; httpProxy?: string; noProxy?: string } | undefined {
  if (!proxy.httpsProxy && !proxy.httpProxy) return undefined;
  return { httpsProxy: redactProxyUrl(proxy.httpsProxy), httpProxy: redactProxyUrl(proxy.httpProxy), noProxy: proxy.noProxy };
}
