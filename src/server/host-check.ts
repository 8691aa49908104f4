import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import type { Logger } from 'pino';
import { GatewayError } from '../errors.js';
import { callerText } from '../observability/caller-text.js';

/** A Host header: a name, an IPv4 address or a bracketed IPv6 address, and an optional port. Nothing else (no user-info). */
const HOST_HEADER = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/i;

/**
 * Whether a request addressed to `host` (its Host header) may be served: DNS rebinding defence.
 *
 * A web page on a name its attacker controls can make that name resolve to the gateway's
 * address; the browser then treats the gateway as the page's own origin (Host and Origin both
 * that name), so neither CORS nor the WebSocket origin check stands in the way. The name stays
 * in Host, so the gateway answers only names it knows: loopback names (`localhost` and
 * `*.localhost`, which browsers never resolve elsewhere, RFC 6761 §6.3), IP addresses (no name
 * to rebind), and `allowed` (ALLOWED_HOSTS: exact names, `*.example.com` for subdomains, `*`
 * for any). A missing or malformed Host is refused. The port plays no part: a rebound page uses
 * the gateway's own.
 */
export function hostAllowed(host: string | undefined, allowed: readonly string[]): boolean {
  if (allowed.includes('*')) return true;
  if (host === undefined) return false;
  const match = HOST_HEADER.exec(host);
  if (!match) return false;
  const name = match[1]!.toLowerCase().replace(/\.$/, '');
  if (name.startsWith('[')) return isIP(name.slice(1, -1)) === 6;
  if (isIP(name) !== 0) return true;
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  return allowed.some((entry) => (entry.startsWith('*.') ? name.endsWith(entry.slice(1)) : name === entry));
}

/** Host names whose refusal was logged already: one line per name, at most 100 names. */
const logged = new Set<string>();

/** The refusal of a request addressed to a host not allowed, logged once per name (bounded, like the name itself). */
export function hostRefusal(host: string | undefined, logger: Logger): GatewayError {
  const shown = callerText(host ?? '');
  if (!logged.has(shown) && logged.size < 100) {
    logged.add(shown);
    logger.warn({ host: shown }, 'request refused: its Host is not a loopback name, an IP address or in ALLOWED_HOSTS (DNS rebinding defence)');
  }
  return new GatewayError('HOST_NOT_ALLOWED', host === undefined ? 'The request has no Host header' : `This gateway does not answer for the host "${shown}"; if that is its name, add it to ALLOWED_HOSTS`);
}

/**
 * Whether a request's `Origin` may use a route no CORS preflight guards (a WebSocket upgrade, an
 * EventSource GET on /graphql/stream, an MCP POST): browsers send Origin with each, so without
 * this any web page could run operations (mutations included) in its visitor's name. Allowed: no
 * Origin (not a browser), an origin of CORS_ORIGINS, or the gateway's own origin (the bundled
 * playground, a page it served), compared with the Host that already passed `hostAllowed`.
 */
export function originAllowed(req: IncomingMessage, allowed: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (origin === undefined || allowed.includes(origin)) return true;
  const host = req.headers.host;
  try {
    // A URL's host is lower-case; a Host header's name is case-insensitive (RFC 9110 §7.2).
    return host !== undefined && new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}
