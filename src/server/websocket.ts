import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import { GraphQLError, execute, subscribe, type ExecutionArgs, type GraphQLFormattedError } from 'graphql';
import { WebSocketServer } from 'ws';
import type { Gateway } from '../gateway.js';
import type { GraphQLContext } from '../context.js';
import { GatewayError, OperationCancelledError } from '../errors.js';
import { hostAllowed, hostRefusal } from './host-check.js';
import { explainIntrospectionRefusal } from '../graphql/format-error.js';
import type { OperationRecord } from '../graphql/operation-record.js';
import { withSpan } from '../observability/tracing.js';
import { callerText } from '../observability/caller-text.js';
import { clientInfo, type ClientInfo } from '../observability/client-info.js';
import { operationFields } from '../graphql/field-usage.js';
import { serveGraphqlWs, type GraphqlWsAdapter } from './graphql-ws-adapter.js';

/** Request headers as node gives them. */
type Headers = Record<string, string | string[] | undefined>;

/** What the gateway keeps on each socket. */
interface SocketExtra extends Record<PropertyKey, unknown> {
  /** The credentials presented at connection_init: every operation is admitted with them again. */
  headers?: Headers;
  /** The client application the socket's connection_init (or upgrade request) names. */
  client?: ClientInfo;
  /** Running operations by subscription id: their records and abort controllers. */
  operations?: Map<string, { record: OperationRecord; controller: AbortController; requestId: string; operationName: string | undefined }>;
}

/**
 * GraphQL over WebSocket (graphql-ws protocol) on /graphql: the protocol only. Admission,
 * parse/validate/limits, context, error formatting and the operation log come from the gateway
 * core, the same as over HTTP:
 * - messages are capped at MAX_BODY_BYTES before anything is parsed (connection_init included);
 * - the upgrade is addressed to a host the gateway answers for (ALLOWED_HOSTS, as over HTTP);
 * - a browser page may connect only from an allowed origin (CORS_ORIGINS) or the gateway's own
 *   origin, as HTTP's CSRF rule allows (no Origin header: not a browser);
 * - the caller authenticates in `connection_init` (`authorization` / `x-api-key` connection
 *   params, else the upgrade request's headers) and is admitted again for every operation, so an
 *   expired bearer token or a spent rate limit stops the next operation on an open socket.
 */
export function attachWebSocket(gateway: Gateway, server: Server): GraphqlWsAdapter {
  const { config } = gateway;
  const wss = new WebSocketServer({
    server,
    path: '/graphql',
    maxPayload: config.limits.maxBodyBytes,
    verifyClient: (info, done) => {
      // The Host allowlist first, as over HTTP (host-check.ts): the origin check below trusts Host.
      if (!hostAllowed(info.req.headers.host, config.server.allowedHosts)) {
        hostRefusal(info.req.headers.host, gateway.logger);
        return done(false, 421, 'Host not allowed (ALLOWED_HOSTS)');
      }
      return originAllowed(info.req, config.server.corsOrigins) ? done(true) : done(false, 403, 'Origin not allowed');
    },
  });
  const finish = (extra: SocketExtra, id: string, cancelled = false) => {
    const running = extra.operations?.get(id);
    if (!running) return;
    extra.operations!.delete(id);
    // A socket closed under a running operation is the caller ending it (outcome "cancelled").
    running.controller.abort(cancelled ? new OperationCancelledError('the WebSocket closed') : new Error('operation complete'));
    running.record.finish(running.operationName);
  };
  const run = <T>(args: ExecutionArgs, call: () => T): T => {
    const context = args.contextValue as GraphQLContext;
    // Upstream calls are counted through the operation's signal (gateway.createContext).
    return withSpan('graphql.operation', { 'gateway.caller': callerText(context.caller.name), 'gateway.request_id': context.requestId }, () => Promise.resolve(call())) as T;
  };
  return serveGraphqlWs<Record<string, unknown> | undefined, SocketExtra>(
    wss,
    {
      schema: gateway.schema,
      connectionInitWaitTimeout: 10_000,
      execute: (args) => run(args, () => execute(args)),
      subscribe: (args) => run(args, () => subscribe(args)),
      async onConnect(ctx) {
        const params = ctx.connectionParams ?? {};
        const headers: Headers = { ...ctx.extra.request.headers };
        if (typeof params.authorization === 'string') headers.authorization = params.authorization;
        if (typeof params['x-api-key'] === 'string') headers['x-api-key'] = params['x-api-key'];
        try {
          await gateway.authenticate(headers);
        } catch {
          // graphql-ws closes with 4403 Forbidden; the reason never echoes the credential.
          return false;
        }
        ctx.extra.headers = headers;
        // Browsers cannot set headers on a WebSocket: clients name themselves in connection params.
        ctx.extra.client = clientInfo((name) => {
          const value = params[name] ?? headers[name];
          return typeof value === 'string' ? value : undefined;
        });
        ctx.extra.operations = new Map();
        ctx.extra.socket.once('close', () => {
          for (const [id] of ctx.extra.operations ?? []) finish(ctx.extra, id, true);
        });
        return true;
      },
      async onSubscribe(ctx, id, payload): Promise<ExecutionArgs | readonly GraphQLError[]> {
        const requestId = randomUUID();
        let caller;
        try {
          caller = await gateway.admit({ headers: ctx.extra.headers ?? {}, remoteAddress: ctx.extra.request.socket.remoteAddress });
        } catch (error) {
          const e = error instanceof GatewayError ? error : new GatewayError('UNAUTHENTICATED', 'The caller could not be authenticated');
          return [new GraphQLError(e.message, { extensions: { ...e.extensions, code: e.code, requestId } })];
        }
        const record = gateway.startOperation(requestId, caller.name, ctx.extra.client);
        const prepared = gateway.prepare({ query: payload.query, operationName: payload.operationName, variables: payload.variables });
        if (Array.isArray(prepared)) {
          const errors = prepared.map((e) => new GraphQLError(explainIntrospectionRefusal(e.message), { nodes: e.nodes, extensions: { ...e.extensions, requestId } }));
          record.noteErrors(errors.map((e) => e.toJSON()));
          record.finish(payload.operationName);
          return errors;
        }
        record.noteFields(operationFields(gateway.schema, prepared.document, prepared.operation));
        const controller = new AbortController();
        // The operation's name as Apollo reports it over HTTP: the one asked for, else the document's.
        ctx.extra.operations!.set(id, { record, controller, requestId, operationName: payload.operationName ?? prepared.operation.name?.value });
        return {
          schema: gateway.schema,
          document: prepared.document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue: gateway.createContext(requestId, caller, controller.signal, record),
        };
      },
      onNext(ctx, id, _payload, args, result) {
        // Same error shapes as HTTP: stable codes, masking, and the request id.
        if (!result.errors) return result;
        const requestId = (args.contextValue as GraphQLContext).requestId;
        const errors = result.errors.map((e) => withRequestId(gateway.formatError(e.toJSON(), e), requestId));
        ctx.extra.operations?.get(id)?.record.noteErrors(errors);
        return { ...result, errors };
      },
      onError(ctx, id, payload, errors) {
        // Errors made in onSubscribe already carry their code and request id; a subscription
        // whose event source fails (an unknown extraction, Extract refusing) gets formatted here.
        const running = ctx.extra.operations?.get(id);
        const formatted = errors.map((e) => (typeof e.extensions?.code === 'string' ? e.toJSON() : withRequestId(gateway.formatError(e.toJSON(), e.originalError ?? e), running?.requestId)));
        running?.record.noteErrors(formatted);
        finish(ctx.extra, id);
        return formatted;
      },
      onComplete(ctx, id) {
        finish(ctx.extra, id);
      },
    },
    { logger: gateway.logger },
  );
}

function withRequestId(error: GraphQLFormattedError, requestId: string | undefined): GraphQLFormattedError {
  return { ...error, extensions: { ...error.extensions, requestId } };
}

/**
 * Browsers send Origin with every WebSocket handshake and no CORS preflight protects it, so
 * without this check any web page could run operations (mutations included) through a gateway
 * on the user's machine. Allowed: no Origin (not a browser), an allowlisted origin, or the
 * gateway's own origin (the bundled playground).
 */
export function originAllowed(req: IncomingMessage, allowed: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (allowed.includes(origin)) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
