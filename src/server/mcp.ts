import type { IncomingMessage, ServerResponse } from 'node:http';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { CALLER_SCOPES } from '../apps/registry.js';
import type { Caller } from '../auth/inbound/caller.js';
import { GatewayError, errorResponse } from '../errors.js';
import type { Gateway } from '../gateway.js';
import { createMcpServer } from '../mcp/server.js';
import { readText } from '../net/read-body.js';
import { bodyBudgets, readWithin } from './body-deadline.js';
import { originAllowed } from './host-check.js';

/** Where MCP clients look for the protected resource's metadata (RFC 9728 §3). */
export const PROTECTED_RESOURCE_PATH = '/.well-known/oauth-protected-resource';

/**
 * The Streamable HTTP transport of MCP on /mcp (https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#streamable-http),
 * a thin adapter: the host check and draining are http.ts's, as for /graphql; here the caller is
 * authenticated (401 with the OAuth resource metadata's address, as MCP's authorization asks),
 * the body read within the gateway's budgets, and the SDK's transport answers. Stateless: each
 * POST gets its own server and transport, so any replica answers any request and tools/list is
 * the caller's own; there is no session, no GET stream and no DELETE (405).
 */
export async function handleMcp(gateway: Gateway, req: IncomingMessage, res: ServerResponse, requestId: string, maxBody: number): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  // MCP: a present Origin that is not allowed is refused (DNS rebinding; the host check covers the Host).
  if (!originAllowed(req, gateway.config.server.corsOrigins)) {
    req.resume();
    return sendJson(res, 403, { jsonrpc: '2.0', error: { code: -32000, message: 'Origin not allowed (CORS_ORIGINS)' }, id: null });
  }
  if (method !== 'POST') {
    req.resume();
    res.setHeader('allow', 'POST');
    return sendJson(res, 405, { jsonrpc: '2.0', error: { code: -32000, message: `Method ${method} is not allowed on /mcp: this server is stateless, POST only` }, id: null });
  }
  let caller: Caller;
  try {
    caller = await gateway.authenticate(req.headers);
  } catch (error) {
    req.resume();
    return refuse(gateway, req, res, error, requestId);
  }
  const budgets = bodyBudgets(gateway.config.limits);
  const tooLarge = () => new GatewayError('REQUEST_TOO_LARGE', `Request body is larger than ${maxBody} bytes`);
  const { text } = await readWithin(req, res, readText(req, maxBody, tooLarge), budgets.body);
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    return sendJson(res, 400, { jsonrpc: '2.0', error: { code: -32700, message: 'Parse error: the body is not JSON' }, id: null });
  }
  const server = createMcpServer(gateway, { caller, headers: req.headers, remoteAddress: req.socket.remoteAddress });
  // JSON answers, not an SSE stream: every request has exactly one answer (no notifications).
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  res.once('close', () => {
    void transport.close();
    void server.close();
  });
  await server.connect(transport);
  await transport.handleRequest(req, res, body);
}

/** An unauthenticated request: the vocabulary's answer, plus where to find the authorization server (JWT mode). */
function refuse(gateway: Gateway, req: IncomingMessage, res: ServerResponse, error: unknown, requestId: string): void {
  const answer = errorResponse(error, requestId);
  for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
  if (answer.status === 401) {
    // RFC 9728 §5.1: the client reads the metadata to find the authorization server.
    res.setHeader('www-authenticate', gateway.config.auth.mode === 'jwt' ? `Bearer resource_metadata="${metadataUrl(gateway, req)}"` : 'Bearer');
  }
  sendJson(res, answer.status, answer.body);
}

/**
 * The OAuth protected-resource metadata (RFC 9728 §2) of /mcp, published when callers present
 * JWTs: the resource, the issuer that signs them, and the scopes they may carry. With API keys
 * (or no authentication) there is no authorization server to name: 404.
 */
export function sendProtectedResourceMetadata(gateway: Gateway, req: IncomingMessage, res: ServerResponse): void {
  const { auth } = gateway.config;
  if (auth.mode !== 'jwt' || !auth.issuer) return sendJson(res, 404, { error: 'no OAuth protected-resource metadata: callers authenticate with JWTs only in AUTH_MODE=jwt with AUTH_JWT_ISSUER' });
  res.setHeader('cache-control', 'max-age=3600');
  sendJson(res, 200, {
    resource: resourceUrl(gateway, req),
    authorization_servers: [auth.issuer],
    scopes_supported: CALLER_SCOPES.filter((s) => s !== '*'),
    bearer_methods_supported: ['header'],
    resource_name: 'Kensho Gateway (MCP)',
  });
}

/** The public URL of /mcp: MCP_RESOURCE_URL, else from the request's (allowed) Host. */
function resourceUrl(gateway: Gateway, req: IncomingMessage): string {
  return gateway.config.mcp.resourceUrl ?? `http://${req.headers.host ?? 'localhost'}/mcp`;
}

/** RFC 9728 §3.1: the metadata of `https://host/mcp` is at `https://host/.well-known/oauth-protected-resource/mcp`. */
function metadataUrl(gateway: Gateway, req: IncomingMessage): string {
  const resource = new URL(resourceUrl(gateway, req));
  return `${resource.origin}${PROTECTED_RESOURCE_PATH}${resource.pathname === '/' ? '' : resource.pathname}`;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}
