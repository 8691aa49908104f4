import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Gateway } from '../gateway.js';
import { MEDIA_TYPES, singleResultMediaType } from '../graphql/answer-status.js';
import { AdmissionFailed, type PipelineAnswer } from '../graphql/pipeline.js';
import { operationParams } from './graphql-over-http.js';
import { graphiqlPage } from './graphiql.js';
import { attachWebSocket } from './websocket.js';
import { createSseHandler, type SseHandler } from './sse.js';
import { PROTECTED_RESOURCE_PATH, handleMcp, sendProtectedResourceMetadata } from './mcp.js';
import { readMultipart } from './multipart-body.js';
import { bodyBudgets, readWithin, watchBody, type BodyBudget } from './body-deadline.js';
import { hostAllowed, hostRefusal } from './host-check.js';
import { optionalCallerText } from '../observability/caller-text.js';
import { GatewayError, OperationCancelledError, errorResponse } from '../errors.js';
import { readText } from '../net/read-body.js';
import { within } from '../net/within.js';
import { maxUploadBytes } from '../apps/registry.js';

export interface ServeOptions {
  readonly host: string;
  readonly port: number;
  /** Largest accepted JSON request body; MAX_BODY_BYTES from the config by default. */
  readonly maxBodyBytes?: number;
}

export interface RunningServer {
  readonly url: string;
  readonly server: Server;
  /** Stops accepting, lets in-flight requests finish (up to the grace period), stops the gateway. */
  close(graceMs?: number): Promise<void>;
}

/** A request refused by the HTTP adapter itself (body, method, multipart): a code from the vocabulary. */
function refused(code: 'BAD_REQUEST' | 'REQUEST_TOO_LARGE' | 'METHOD_NOT_ALLOWED', message: string, extensions?: Record<string, unknown>): GatewayError {
  return new GatewayError(code, message, { extensions });
}

/**
 * The node:http adapter: /graphql (POST JSON, GET for queries, and graphql-ws WebSockets),
 * /graphql/stream (GraphQL over Server-Sent Events, sse.ts), /graphiql, /healthz, /readyz, /metrics. Thin on purpose: it reads bodies and decodes GraphQL
 * over HTTP into the operation's parameters; everything GraphQL happens in the pipeline
 * (gateway.handle, graphql/pipeline.ts), whose answer it writes as it is, status included.
 */
export async function serve(gateway: Gateway, options: ServeOptions): Promise<RunningServer> {
  await gateway.start();
  const maxBody = options.maxBodyBytes ?? gateway.config.limits.maxBodyBytes;
  let draining = false;
  const { allowedHosts } = gateway.config.server;
  const { limits } = gateway.config;
  const drainBudget = bodyBudgets(limits).body;
  const sse = createSseHandler(gateway);
  const server = createServer((req, res) => {
    const requestId = safeRequestId(req.headers['x-request-id']) ?? randomUUID();
    res.setHeader('x-request-id', requestId);
    // A body still arriving once the answer is out (a refusal, a path that reads none, an
    // answer before the file) is drained, not read: within the plain-body budgets, then the
    // connection closes, so Node's long backstop below never holds it open.
    res.once('finish', () => {
      if (!req.complete) watchBody(req, drainBudget, () => req.socket.destroy());
    });
    // Before anything else, on every path: a name the gateway does not answer for may be a
    // page that rebound its own name to this address (host-check.ts).
    if (!hostAllowed(req.headers.host, allowedHosts)) {
      req.resume();
      return sendError(res, hostRefusal(req.headers.host, gateway.logger), requestId);
    }
    // While draining, each answer closes its connection so keep-alive sockets do not hold the
    // shutdown open until the grace period ends.
    if (draining) {
      res.setHeader('connection', 'close');
      if (req.url === '/readyz') return sendJson(res, 503, { ready: false, checks: { shutdown: { ok: false, detail: 'shutting down' } } });
    }
    handle(gateway, sse, req, res, maxBody, requestId).catch((error: unknown) => {
      if (!(error instanceof GatewayError)) gateway.logger.error({ requestId, err: { message: optionalCallerText((error as Error)?.message, 2_000) } }, 'request handler failed');
      if (!res.headersSent) sendError(res, error, requestId);
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;
  // Request bodies have the gateway's own budgets, answered with REQUEST_TIMEOUT
  // (body-deadline.ts); Node's whole-request timeout (300 s by default, a bare 408) only backs
  // them up, so it must not cut an upload within UPLOAD_TIMEOUT_SECONDS.
  server.requestTimeout = (Math.max(limits.uploadTimeoutSeconds, limits.bodyTimeoutSeconds) + 60) * 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Attached once listening: the WebSocket server re-emits a listen error (a port in use) as an
  // "internal error" with a stack trace, where the CLI prints one line naming PORT.
  const websocket = attachWebSocket(gateway, server);
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    server,
    async close(graceMs = 10_000) {
      draining = true;
      // Long waits end now with SHUTTING_DOWN: an SSE stream's subscription sends it as its last
      // event and the stream completes, so its connection turns idle and closes below.
      gateway.drain();
      // Idle WebSockets close now with 1001 (going away), busy ones as their operations end:
      // an open socket would otherwise hold server.close() until the grace period ends.
      websocket.drain();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // A keep-alive connection whose request was already running at drain start turns idle
      // when its answer is sent, and would otherwise stay open until the client's keep-alive
      // timeout: close such connections as they turn idle.
      const sweep = setInterval(() => server.closeIdleConnections(), 100);
      sweep.unref();
      const timer = setTimeout(() => server.closeAllConnections(), graceMs);
      timer.unref();
      // Operations still running over WebSocket at the end of the grace period are cut off:
      // their sockets close with 1001 and clients reconnect elsewhere.
      await within(closed, graceMs, 'server close').catch(() => undefined);
      await websocket.dispose();
      await closed;
      clearInterval(sweep);
      clearTimeout(timer);
      await gateway.stop();
    },
  };
}

/** The URL of almost every request, parsed once. */
const GRAPHQL_URL: Readonly<URL> = new URL('/graphql', 'http://gateway.invalid');

async function handle(gateway: Gateway, sse: SseHandler, req: IncomingMessage, res: ServerResponse, maxBody: number, requestId: string): Promise<void> {
  const url = req.url === '/graphql' ? GRAPHQL_URL : new URL(req.url ?? '/', 'http://gateway.invalid');
  switch (url.pathname) {
    case '/healthz':
      return sendJson(res, 200, { status: 'ok' });
    case '/readyz': {
      const readiness = await gateway.readiness();
      return sendJson(res, readiness.ready ? 200 : 503, readiness);
    }
    case '/metrics': {
      const token = gateway.config.server.metricsToken;
      if (token !== undefined && !sameSecret(req.headers.authorization, `Bearer ${token}`)) {
        res.setHeader('www-authenticate', 'Bearer');
        return sendJson(res, 401, { error: 'metrics need Authorization: Bearer <METRICS_TOKEN>' });
      }
      const { registry } = gateway.services.metrics;
      res.writeHead(200, { 'content-type': registry.contentType }).end(await registry.metrics());
      return;
    }
    case '/graphiql':
      if (!gateway.config.server.playground) return sendJson(res, 404, { error: 'the playground is disabled (ENABLE_PLAYGROUND)' });
      return sendGraphiql(req, res);
    case '/graphql':
      if (!applyCors(gateway, req, res)) return;
      return handleGraphql(gateway, req, res, url, requestId, maxBody);
    case '/graphql/stream':
      if (!applyCors(gateway, req, res)) return;
      // Open streams end as the gateway drains: their subscriptions end with SHUTTING_DOWN.
      return sse(req, res, requestId, () => readJsonBody(req, res, mediaTypeOf(req), maxBody, bodyBudgets(gateway.config.limits).body));
    case '/mcp':
      // A browser-based MCP client of CORS_ORIGINS is answered its preflight, as on /graphql.
      if (!applyCors(gateway, req, res)) return;
      return handleMcp(gateway, req, res, requestId, maxBody);
    case PROTECTED_RESOURCE_PATH:
    case `${PROTECTED_RESOURCE_PATH}/mcp`:
      return sendProtectedResourceMetadata(gateway, req, res);
    case '/':
      // Never a redirect to a 404: with the playground off, / says what is served instead.
      if (gateway.config.server.playground) {
        res.writeHead(302, { location: '/graphiql' }).end();
        return;
      }
      return sendJson(res, 200, endpointIndex(gateway));
    default:
      return sendJson(res, 404, { error: 'not found', ...endpointIndex(gateway) });
  }
}

async function handleGraphql(gateway: Gateway, req: IncomingMessage, res: ServerResponse, url: URL, requestId: string, maxBody: number): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  if (method === 'GET' && gateway.config.server.playground && (req.headers.accept ?? '').includes('text/html') && !url.search) {
    // A browser opening /graphql gets the playground.
    res.writeHead(302, { location: '/graphiql' }).end();
    return;
  }
  if (method !== 'GET' && method !== 'POST') throw refused('METHOD_NOT_ALLOWED', `Method ${method} is not allowed on /graphql`, { allow: 'GET, POST' });
  const controller = new AbortController();
  let bodyRead = false;
  // A refusal of the request's GraphQL-over-HTTP shape (CSRF, batching, parameters) is answered
  // in the negotiated media type, as Apollo answered it; body refusals in JSON.
  let shapeRefused = false;
  let answer: PipelineAnswer;
  try {
    answer = await gateway.handle({
      transport: 'http',
      requestId,
      headers: req.headers,
      remoteAddress: req.socket.remoteAddress,
      signal: controller.signal,
      queryOnly: method === 'GET',
      // Read once the caller is admitted: no byte of a body is read for a caller who is not
      // authenticated or is over its rate.
      params: async () => {
        bodyRead = true;
        const body = await readGraphqlBody(gateway, req, res, method, maxBody);
        // Upstream work for a client that went away is wasted.
        res.once('close', () => {
          if (!res.writableFinished) controller.abort(new OperationCancelledError('the client closed the connection'));
        });
        shapeRefused = true;
        const params = operationParams(method, req.headers, url.search, body);
        shapeRefused = false;
        return params;
      },
    });
  } catch (error) {
    if (!bodyRead) req.resume();
    if (!shapeRefused) throw error instanceof AdmissionFailed ? error.cause : error;
    const refusal = errorResponse(error, requestId);
    answer = { kind: 'refused', status: refusal.status, headers: { ...refusal.headers, 'content-type': singleResultMediaType(req.headers.accept) ?? MEDIA_TYPES.JSON }, body: refusal.body };
  }
  if (answer.kind === 'stream') throw new Error('a stream answered over plain HTTP');
  if (answer.kind === 'refused' && !bodyRead) {
    // Refused at admission: answered like the adapter's own refusals (sendError).
    req.resume();
    res.writeHead(answer.status, answer.headers).end(JSON.stringify(answer.body));
    return;
  }
  for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
  res.statusCode = answer.status;
  // A result is sent as Apollo Server sends it (errors, data, extensions; a closing newline); a refusal as every other refusal.
  res.end(answer.kind === 'single' ? `${JSON.stringify({ errors: answer.body.errors, data: answer.body.data, extensions: answer.body.extensions })}\n` : JSON.stringify(answer.body));
}

/** The request body: JSON (other media types as text) or a multipart upload (files spool to temporary files, never to memory). */
async function readGraphqlBody(gateway: Gateway, req: IncomingMessage, res: ServerResponse, method: string, maxBody: number): Promise<unknown> {
  const type = mediaTypeOf(req);
  const budgets = bodyBudgets(gateway.config.limits);
  if (method !== 'POST') return undefined;
  if (type !== 'multipart/form-data') return readJsonBody(req, res, type, maxBody, budgets.body);
  if (!req.headers['apollo-require-preflight'] && !req.headers['x-apollo-operation-name']) {
    // Refused before a byte of the file is read: a browser can send multipart/form-data
    // cross-site without a preflight (the CSRF prevention would refuse it later anyway).
    req.resume();
    throw refused('BAD_REQUEST', 'Multipart requests must carry an "Apollo-Require-Preflight: true" (or "x-apollo-operation-name") header, which browsers only send after a CORS preflight');
  }
  // GraphQL multipart request spec; the spool takes the largest file any app accepts, and each app checks its own limit before sending.
  return readMultipart(req, res, { maxBody, maxFileBytes: maxUploadBytes(gateway.config), budget: budgets.upload });
}

const CORS_HEADERS = 'content-type, authorization, x-api-key, apollo-require-preflight, x-apollo-operation-name, x-request-id, mcp-protocol-version';

/** What this gateway serves, for `/` when the playground is off and for unknown paths. */
function endpointIndex(gateway: Gateway): { service: string; paths: Record<string, string> } {
  return {
    service: 'Kensho Gateway',
    paths: {
      '/graphql': 'GraphQL over HTTP (POST) and WebSocket',
      '/graphql/stream': 'GraphQL over Server-Sent Events (graphql-sse protocol, distinct connections mode)',
      '/mcp': 'the Model Context Protocol (Streamable HTTP): the apps as tools for AI agents',
      '/graphiql': gateway.config.server.playground ? 'the playground' : 'the playground, off here (ENABLE_PLAYGROUND=true turns it on)',
      '/healthz': 'liveness',
      '/readyz': 'readiness, with the failing check',
      '/metrics': 'Prometheus metrics',
    },
  };
}

/** Origins whose refused preflight was logged already: one line per origin, not per request. */
const loggedOrigins = new Set<string>();

/**
 * CORS for an exact-match allowlist of origins. Returns false when the request was a preflight
 * (answered here). Origins not on the list get no CORS headers, so browsers refuse to read; a
 * refused preflight says why in its body and, once per origin, in the log.
 */
function applyCors(gateway: Gateway, req: IncomingMessage, res: ServerResponse): boolean {
  const allowed = gateway.config.server.corsOrigins;
  const origin = req.headers.origin;
  const ok = origin !== undefined && allowed.includes(origin);
  // As logged and answered: the header is the caller's, up to Node's 16 KB of headers.
  const shown = optionalCallerText(origin);
  if (ok) {
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('access-control-expose-headers', 'x-request-id');
  }
  res.setHeader('vary', 'origin');
  if (req.method === 'OPTIONS') {
    if (ok) {
      res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
      res.setHeader('access-control-allow-headers', CORS_HEADERS);
      res.setHeader('access-control-max-age', '600');
    }
    if (ok) {
      res.writeHead(204).end();
      return false;
    }
    const who = shown === undefined ? 'a request without an Origin header' : `origin ${shown}`;
    if (!loggedOrigins.has(String(shown)) && loggedOrigins.size < 100) {
      loggedOrigins.add(String(shown));
      gateway.logger.warn({ origin: shown ?? null, corsOrigins: allowed }, `CORS preflight refused: ${who} is not in CORS_ORIGINS`);
    }
    sendJson(res, 403, { error: `CORS preflight refused: ${who} is not allowed to call this gateway; add it to CORS_ORIGINS (comma-separated, exact origins like https://app.example.com)` });
    return false;
  }
  return true;
}

/** Answers a request refused before execution: the vocabulary's status, headers and shape, with the request id. */
function sendError(res: ServerResponse, error: unknown, requestId: string): void {
  const answer = errorResponse(error, requestId);
  for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
  sendJson(res, answer.status, answer.body);
}

function mediaTypeOf(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

/** The body of a POST that is not multipart: JSON parsed, other media types passed as text (`type` as mediaTypeOf read it). */
async function readJsonBody(req: IncomingMessage, res: ServerResponse, type: string, maxBody: number, budget: BodyBudget): Promise<unknown> {
  const tooLarge = () => refused('REQUEST_TOO_LARGE', `Request body is larger than ${maxBody} bytes`);
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > maxBody) {
    req.resume();
    throw tooLarge();
  }
  const { text } = await readWithin(req, res, readText(req, maxBody, tooLarge), budget);
  // Apollo's CSRF prevention and content negotiation decide on non-JSON types; pass them as is.
  if (type !== 'application/json' && type !== 'application/graphql-response+json') return text === '' ? undefined : text;
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw refused('BAD_REQUEST', 'Request body is not valid JSON');
  }
}

async function sendGraphiql(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const page = await graphiqlPage();
  const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-cache',
    vary: 'accept-encoding',
    ...(gzip ? { 'content-encoding': 'gzip' } : {}),
  });
  res.end(gzip ? page.gzip : page.html);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

function safeRequestId(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v && /^[A-Za-z0-9._:-]{1,128}$/.test(v) ? v : undefined;
}

/** Constant-time comparison of a presented header with the expected value. */
function sameSecret(presented: string | undefined, expected: string): boolean {
  const a = createHash('sha256').update(presented ?? '').digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
