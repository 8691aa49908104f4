import type { IncomingMessage } from 'node:http';
import { CloseCode, handleProtocols, makeServer, type ServerOptions } from 'graphql-ws';
import type { Logger } from 'pino';
import { WebSocket, type WebSocketServer } from 'ws';

/** What graphql-ws's own ws adapter puts in `ctx.extra`, which the gateway extends. */
export interface WsExtra {
  readonly socket: WebSocket;
  readonly request: IncomingMessage;
}

export interface GraphqlWsAdapter {
  /** Shutdown has begun: idle sockets close now with 1001 (going away), busy ones once their operations end. */
  drain(): void;
  /** Closes every socket with 1001 and the WebSocket server. */
  dispose(): Promise<void>;
}

/** 1001: the endpoint is going away (RFC 6455 §7.4.1); clients reconnect elsewhere. */
const GOING_AWAY = 1001;

/** Socket errors that only mean the peer went away without a close frame. */
const PEER_GONE = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED']);

/**
 * graphql-ws's protocol (makeServer) on a `ws` server: the same wiring as graphql-ws's own
 * `useServer` (graphql-ws/use/ws), written here for two things it does not do. It reports
 * socket and send errors with console.error and a stack trace (a client dropping its socket
 * while an answer is written: EPIPE, ECONNRESET), past the JSON logger and LOG_LEVEL; here
 * every such event is one log line, and a failed send only means the peer went away. And it
 * cannot drain: at shutdown an idle socket stays open until the grace period ends; here idle
 * sockets close at drain start and busy ones when their last operation ends.
 */
export function serveGraphqlWs<P extends Record<PropertyKey, unknown> | undefined, E extends Record<PropertyKey, unknown>>(
  wss: WebSocketServer,
  options: ServerOptions<P, WsExtra & Partial<E>>,
  settings: { readonly logger: Logger; readonly keepAliveMs?: number },
): GraphqlWsAdapter {
  const { logger, keepAliveMs = 12_000 } = settings;
  const server = makeServer(options);
  wss.options.handleProtocols = handleProtocols;
  /** Messages being handled per socket: a subscribe message is handled until its operation ends. */
  const inFlight = new Map<WebSocket, number>();
  let draining = false;
  const closeIfIdle = (socket: WebSocket) => {
    if (draining && (inFlight.get(socket) ?? 0) === 0 && socket.readyState === WebSocket.OPEN) socket.close(GOING_AWAY, 'Going away');
  };

  wss.on('error', (error) => logger.error({ err: { message: error.message } }, 'WebSocket server error'));
  wss.on('connection', (socket, request) => {
    inFlight.set(socket, 0);
    // ws has already closed the socket (1009 for a message over MAX_BODY_BYTES, 1002 for a
    // broken frame) or found the peer gone; the caller's mistake or choice, not the gateway's.
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== undefined && PEER_GONE.has(error.code)) logger.debug({ code: error.code }, 'WebSocket peer went away');
      else logger.info({ err: { message: error.message, code: error.code } }, 'WebSocket closed on a protocol error from the client');
    });
    let pongWait: NodeJS.Timeout | undefined;
    // The same keep-alive as graphql-ws's adapter: a ping every keepAliveMs, terminate without a pong.
    const ping =
      keepAliveMs > 0
        ? setInterval(() => {
            if (socket.readyState !== WebSocket.OPEN) return;
            pongWait = setTimeout(() => socket.terminate(), keepAliveMs);
            socket.once('pong', () => clearTimeout(pongWait));
            socket.ping();
          }, keepAliveMs)
        : undefined;
    const closed = server.opened(
      {
        protocol: socket.protocol,
        send: (data) =>
          new Promise<void>((resolve) => {
            if (socket.readyState !== WebSocket.OPEN) return resolve();
            socket.send(data, (error) => {
              // The peer went away mid-write; its close event ends its operations.
              if (error) logger.debug({ code: (error as NodeJS.ErrnoException).code ?? null }, 'WebSocket message not delivered: the peer went away');
              resolve();
            });
          }),
        close: (code, reason) => socket.close(code, reason),
        onMessage: (handle) =>
          socket.on('message', (data) => {
            inFlight.set(socket, (inFlight.get(socket) ?? 0) + 1);
            handle(String(data))
              .catch((error: unknown) => {
                logger.error({ err: { message: (error as Error)?.message, stack: (error as Error)?.stack } }, 'WebSocket message handling failed');
                socket.close(CloseCode.InternalServerError, 'Internal server error');
              })
              .finally(() => {
                if (inFlight.has(socket)) inFlight.set(socket, inFlight.get(socket)! - 1);
                closeIfIdle(socket);
              });
          }),
      },
      { socket, request } as WsExtra & Partial<E>,
    );
    socket.once('close', (code, reason) => {
      clearTimeout(pongWait);
      clearInterval(ping);
      inFlight.delete(socket);
      closed(code, String(reason)).catch((error: unknown) => logger.error({ err: { message: (error as Error)?.message } }, 'WebSocket close handling failed'));
    });
  });

  return {
    drain() {
      draining = true;
      for (const socket of wss.clients) closeIfIdle(socket);
    },
    async dispose() {
      draining = true;
      for (const socket of wss.clients) socket.close(GOING_AWAY, 'Going away');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      wss.removeAllListeners();
    },
  };
}
