import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { GraphQLError, parse, type ExecutionArgs, type ExecutionResult, type GraphQLFormattedError } from 'graphql';
import { WebSocketServer } from 'ws';
import type { Gateway } from '../gateway.js';
import { GatewayError, OperationCancelledError, errorResponse } from '../errors.js';
import { StreamFailed } from '../graphql/direct-engine.js';
import { AdmissionFailed, type PipelineAnswer } from '../graphql/pipeline.js';
import { hostAllowed, hostRefusal, originAllowed } from './host-check.js';
import { serveGraphqlWs, type GraphqlWsAdapter } from './graphql-ws-adapter.js';

/** The connection params that name the client application, as the HTTP headers of the same names do. */
const CLIENT_PARAMS = ['apollographql-client-name', 'apollographql-client-version', 'graphql-client-name', 'graphql-client-version'] as const;

/** Request headers as node gives them. */
type Headers = Record<string, string | string[] | undefined>;

/** What the gateway keeps on each socket. */
interface SocketExtra extends Record<PropertyKey, unknown> {
  /** The credentials presented at connection_init: every operation is admitted with them again. */
  headers?: Headers;
  /** The abort controllers of running operations by subscription id. */
  operations?: Map<string, AbortController>;
}

/**
 * graphql-ws runs an operation from ExecutionArgs; here the pipeline has already answered it, so
 * the args carry the answer (as their context) and a document naming only the operation's kind,
 * which is how graphql-ws picks `execute` (one result) or `subscribe` (a stream) to pass it on.
 */
const ANSWERED = parse('query Answered { __typename }');
const STREAMED = parse('subscription Streamed { __typename }');

/** A refusal's formatted errors, carried through graphql-ws (which wants GraphQLError instances) to onError. */
class Refusal extends GraphQLError {
  constructor(readonly formatted: GraphQLFormattedError) {
    super(formatted.message);
  }
}

/**
 * GraphQL over WebSocket (graphql-ws protocol) on /graphql: the protocol only. Every operation
 * goes through the gateway's one pipeline (gateway.handle: admission, parse/validate/limits,
 * execution, formatting, request id, the operation log), as over HTTP:
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
  /** Ends an operation's upstream work; a socket closed under it is the caller ending it (outcome "cancelled"). */
  const finish = (extra: Partial<SocketExtra>, id: string, cancelled = false) => {
    const controller = extra.operations?.get(id);
    if (!controller) return;
    extra.operations!.delete(id);
    controller.abort(cancelled ? new OperationCancelledError('the WebSocket closed') : new Error('operation complete'));
  };
  return serveGraphqlWs<Record<string, unknown> | undefined, SocketExtra>(
    wss,
    {
      schema: gateway.schema,
      connectionInitWaitTimeout: 10_000,
      // The pipeline's answer, passed on as graphql-ws's result (see ANSWERED).
      execute: (args) => (args.contextValue as Extract<PipelineAnswer, { kind: 'single' }>).body as ExecutionResult,
      subscribe: (args) => (args.contextValue as Extract<PipelineAnswer, { kind: 'stream' }>).results as AsyncIterableIterator<ExecutionResult>,
      async onConnect(ctx) {
        const params = ctx.connectionParams ?? {};
        const headers: Headers = { ...ctx.extra.request.headers };
        if (typeof params.authorization === 'string') headers.authorization = params.authorization;
        if (typeof params['x-api-key'] === 'string') headers['x-api-key'] = params['x-api-key'];
        // Browsers cannot set headers on a WebSocket: clients name themselves in connection params.
        for (const name of CLIENT_PARAMS) if (typeof params[name] === 'string') headers[name] = params[name];
        try {
          await gateway.authenticate(headers);
        } catch {
          // graphql-ws closes with 4403 Forbidden; the reason never echoes the credential.
          return false;
        }
        ctx.extra.headers = headers;
        ctx.extra.operations = new Map();
        // Before graphql-ws's own close handling returns the running streams: their records must
        // see the cancel first.
        ctx.extra.socket.prependOnceListener('close', () => {
          for (const [id] of ctx.extra.operations ?? []) finish(ctx.extra, id, true);
        });
        return true;
      },
      async onSubscribe(ctx, id, payload): Promise<ExecutionArgs | readonly GraphQLError[]> {
        const requestId = randomUUID();
        const controller = new AbortController();
        ctx.extra.operations!.set(id, controller);
        let answer: PipelineAnswer;
        try {
          answer = await gateway.handle({
            transport: 'websocket',
            requestId,
            headers: ctx.extra.headers ?? {},
            remoteAddress: ctx.extra.request.socket.remoteAddress,
            signal: controller.signal,
            // graphql-ws requires a string query: a trusted document is named by id with an empty one.
            params: { query: payload.query, documentId: documentIdOf(payload), operationName: payload.operationName, variables: payload.variables, extensions: payload.extensions },
          });
        } catch (error) {
          if (!(error instanceof AdmissionFailed)) throw error;
          answer = { kind: 'refused', status: 401, headers: {}, body: errorResponse(new GatewayError('UNAUTHENTICATED', 'The caller could not be authenticated'), requestId).body };
        }
        if (answer.kind === 'refused') {
          ctx.extra.operations!.delete(id);
          return answer.body.errors.map((e) => new Refusal(e));
        }
        return { schema: gateway.schema, document: answer.kind === 'stream' ? STREAMED : ANSWERED, contextValue: answer };
      },
      // Results come formatted from the pipeline: sent as they are.
      onNext: (_ctx, _id, _payload, _args, result) => result,
      onError(_ctx, _id, _payload, errors) {
        // A refusal, or the stream's failing event source (StreamFailed), formatted by the pipeline.
        return errors.flatMap((e) => (e instanceof Refusal ? [e.formatted] : e.originalError instanceof StreamFailed ? [...e.originalError.errors] : [e.toJSON()]));
      },
      onComplete(ctx, id) {
        finish(ctx.extra, id);
      },
    },
    { logger: gateway.logger },
  );
}

/** A subscribe payload's `documentId` (the persisted-documents field, beside graphql-ws's own). */
function documentIdOf(payload: object): string | undefined {
  const id = (payload as { documentId?: unknown }).documentId;
  return typeof id === 'string' ? id : undefined;
}
