import type { Transport } from '../net/transport.js';

/**
 * What one request doctor made met: the server's origin and path (never the query: a refresh
 * URL carries the refresh token there), the status, the server's `Date` header and a redirect's
 * `Location`, and when the answer arrived on this machine's clock.
 */
export interface Observation {
  readonly origin: string;
  readonly path: string;
  readonly method: string;
  readonly status: number | undefined;
  /** Epoch ms from the `Date` header (1 s resolution), when the server sent one. */
  readonly serverDate: number | undefined;
  /** Epoch ms on this machine when the answer's headers arrived. */
  readonly receivedAt: number;
  /** The `Location` of a 3xx, resolved against the request URL. */
  readonly location: string | undefined;
  /** True when no answer came (refused, timed out, reset). */
  readonly failed: boolean;
}

/**
 * Wraps the gateway's transport so every exchange is also noted for doctor: the same sender,
 * timeouts and no-redirect rule, plus the facts the checks read afterwards (clock skew from
 * `Date`, the host a redirect points to). Bodies and headers sent are not touched.
 */
export function observingTransport(inner: Transport, clock: () => number, sink: Observation[]): Transport {
  return async (req) => {
    const url = new URL(req.url);
    const base = { origin: url.origin, path: url.pathname, method: req.method };
    try {
      const res = await inner(req);
      const date = res.headers.get('date');
      const parsed = date ? Date.parse(date) : Number.NaN;
      const location = res.status >= 300 && res.status < 400 ? resolveLocation(res.headers.get('location'), url) : undefined;
      sink.push({ ...base, status: res.status, serverDate: Number.isNaN(parsed) ? undefined : parsed, receivedAt: clock(), location, failed: false });
      return res;
    } catch (error) {
      sink.push({ ...base, status: undefined, serverDate: undefined, receivedAt: clock(), location: undefined, failed: true });
      throw error;
    }
  };
}

function resolveLocation(raw: string | null, from: URL): string | undefined {
  if (!raw) return undefined;
  try {
    const to = new URL(raw, from);
    // Origin and path only: a Location may carry a query with anything in it.
    return `${to.origin}${to.pathname}`;
  } catch {
    return undefined;
  }
}
