import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Gateway } from '../gateway.js';
import { createMcpServer } from '../mcp/server.js';

/** A running stdio MCP server: `closed` settles when the client closes its end. */
export interface StdioMcp {
  readonly closed: Promise<void>;
  close(): Promise<void>;
}

/**
 * MCP over stdio (https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#stdio)
 * for a local client that starts the gateway as its subprocess: a thin adapter like /mcp. The
 * caller is who MCP_CALLER_TOKEN proves, the same API key or JWT a /graphql caller sends as
 * `Authorization: Bearer`; every tool call presents it again to the pipeline (so an expired JWT
 * stops the next call, and the caller's rate limit and scopes apply). With AUTH_MODE=none the
 * caller is the anonymous development caller. A token that does not authenticate stops the
 * command with one line before anything is served.
 */
export async function serveStdio(gateway: Gateway, streams: { stdin?: NodeJS.ReadableStream; stdout?: NodeJS.WritableStream } = {}): Promise<StdioMcp> {
  const token = gateway.config.mcp.callerToken;
  const headers = token ? { authorization: `Bearer ${token}` } : {};
  const caller = await gateway.authenticate(headers).catch((error: unknown) => {
    throw new Error(`MCP_CALLER_TOKEN: ${token ? 'the token was refused' : 'a caller token is needed'} (${gateway.config.auth.mode}): ${(error as Error).message}`);
  });
  await gateway.start();
  const server = createMcpServer(gateway, { caller, headers, remoteAddress: 'stdio' });
  const transport = new StdioServerTransport(streams.stdin as never, streams.stdout as never);
  const closed = new Promise<void>((resolve) => {
    server.onclose = () => resolve();
  });
  // The client closing stdin ends the session (the stdio transport itself only stops on
  // close()), once the requests it sent before are answered: `printf … | kensho-gateway mcp` works.
  // After a turn of the event loop: the SDK starts a request's handler in a microtask of the
  // 'data' event, which may not have run yet when 'end' follows.
  // The same after the last handler: its answer is written in the SDK's own continuation.
  const afterTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
  (streams.stdin ?? process.stdin).once('end', () => void afterTurn().then(() => server.idle()).then(afterTurn).then(() => server.close()));
  await server.connect(transport);
  return {
    closed,
    async close() {
      await server.close();
    },
  };
}
