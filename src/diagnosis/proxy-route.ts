import { connect } from 'node:net';
import { redactProxyUrl } from '../config/proxy-url.js';
import type { Config } from '../config/types.js';

/** The proxy a URL goes through, as the gateway's proxy agent picks it (net/proxy.ts), for messages. */
export interface ProxyRoute {
  /** HTTPS_PROXY or HTTP_PROXY: the variable to change. */
  readonly variable: 'HTTPS_PROXY' | 'HTTP_PROXY';
  /** The proxy URL without its user:password. */
  readonly shown: string;
  readonly url: string;
}

/**
 * Which proxy `url` would go through, with undici's EnvHttpProxyAgent rules: https through
 * HTTPS_PROXY (else HTTP_PROXY), http through HTTP_PROXY, nothing for hosts NO_PROXY names
 * (`*`, `host`, `host:port`, `.domain` and its subdomains).
 */
export function proxyRoute(proxy: Config['proxy'], url: string): ProxyRoute | undefined {
  const target = new URL(url);
  const https = target.protocol === 'https:';
  const chosen: ProxyRoute['variable'] | undefined = https ? (proxy.httpsProxy ? 'HTTPS_PROXY' : proxy.httpProxy ? 'HTTP_PROXY' : undefined) : proxy.httpProxy ? 'HTTP_PROXY' : undefined;
  if (!chosen || bypassed(proxy.noProxy, target)) return undefined;
  const raw = chosen === 'HTTPS_PROXY' ? proxy.httpsProxy! : proxy.httpProxy!;
  return { variable: chosen, url: raw, shown: redactProxyUrl(raw) ?? raw };
}

function bypassed(noProxy: string | undefined, target: URL): boolean {
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  for (const entry of (noProxy ?? '').split(/[\s,]+/).filter(Boolean)) {
    if (entry === '*') return true;
    const [name, entryPort] = entry.toLowerCase().replace(/^\*/, '').split(/:(?=\d+$)/);
    if (entryPort && entryPort !== port) continue;
    if (name!.startsWith('.') ? host === name!.slice(1) || host.endsWith(name!) : host === name) return true;
  }
  return false;
}

/** Opens a TCP connection to the proxy and closes it: the error code when it cannot be reached, else undefined. */
export function proxyReachable(route: ProxyRoute, timeoutMs: number): Promise<string | undefined> {
  const proxyUrl = new URL(route.url);
  const port = Number(proxyUrl.port || (proxyUrl.protocol === 'https:' ? 443 : 80));
  return new Promise((resolve) => {
    const socket = connect({ host: proxyUrl.hostname.replace(/^\[|\]$/g, ''), port });
    const done = (problem: string | undefined) => {
      socket.destroy();
      resolve(problem);
    };
    socket.setTimeout(timeoutMs, () => done(`no answer within ${timeoutMs} ms`));
    socket.once('connect', () => done(undefined));
    socket.once('error', (error: NodeJS.ErrnoException) => done(error.code === 'ECONNREFUSED' ? 'connection refused, ECONNREFUSED' : (error.code ?? error.message)));
  });
}
