import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { GraphQLError, parse, validate, type DocumentNode, type ExecutionArgs, type OperationDefinitionNode } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Caller } from '../auth/inbound/caller.js';
import type { Gateway } from '../gateway.js';
import { checkLimits } from './limits.js';
import type { RateLimit } from '../store/rate-limit.js';

/** What the gateway keeps on each socket: the caller authenticated in connection_init. */
interface SocketExtra extends Record<PropertyKey, unknown> {
  caller?: Caller;
}

/**
 * GraphQL over WebSocket (graphql-ws protocol) on /graphql, for subscriptions and for clients
 * that send every operation over one socket. The caller authenticates in `connection_init` with
 * the same rules as HTTP — `authorization` or `x-api-key` in the connection params, else the
 * upgrade request's headers — and each operation passes the same limits, rate limit and
 * per-field authorization.
 */
export function attachWebSocket(gateway: Gateway, server: Server, limiter: RateLimit | undefined): { dispose(): Promise<void> } {
  const wss = new WebSocketServer({ server, path: '/graphql' });
  const cleanup = useServer<Record<string, unknown> | undefined, SocketExtra>(
    {
      schema: gateway.schema,
      connectionInitWaitTimeout: 10_000,
      async onConnect(ctx) {
        const params = ctx.connectionParams ?? {};
        const headers: Record<string, string | string[] | undefined> = { ...ctx.extra.request.headers };
        if (typeof params.authorization === 'string') headers.authorization = params.authorization;
        if (typeof params['x-api-key'] === 'string') headers['x-api-key'] = params['x-api-key'];
        try {
          ctx.extra.caller = await gateway.authenticate(headers);
          return true;
        } catch {
          // graphql-ws closes with 4403 Forbidden; the reason never echoes the credential.
          return false;
        }
      },
      onNext(_ctx, _id, _payload, args, result) {
        // Same error shapes as HTTP: stable codes, masking, and the request id.
        if (!result.errors) return result;
        const requestId = (args.contextValue as { requestId?: string } | undefined)?.requestId;
        const errors = result.errors.map((e) => {
          const formatted = gateway.formatError(e.toJSON(), e);
          return { ...formatted, extensions: { ...formatted.extensions, requestId } };
        });
        return { ...result, errors };
      },
      onError(_ctx, _id, _payload, errors) {
        // A subscription whose event source fails (an unknown extraction, Extract refusing):
        // same stable codes and masking as results. Errors made in onSubscribe carry their code.
        return errors.map((e) => (typeof e.extensions?.code === 'string' ? e.toJSON() : gateway.formatError(e.toJSON(), e.originalError ?? e)));
      },
      async onSubscribe(ctx, _id, payload): Promise<ExecutionArgs | readonly GraphQLError[]> {
        const caller = ctx.extra.caller!;
        const requestId = randomUUID();
        const retryAfterSeconds = (await limiter?.take(caller.name === 'anonymous' ? `ip:${ctx.extra.request.socket.remoteAddress ?? ''}` : `caller:${caller.name}`)) ?? 0;
        if (retryAfterSeconds > 0) return [new GraphQLError(`Rate limit exceeded for "${caller.name}"; retry after ${retryAfterSeconds} s`, { extensions: { code: 'RATE_LIMITED', retryAfterSeconds, requestId } })];
        let document: DocumentNode;
        try {
          document = parse(payload.query);
        } catch (error) {
          return [new GraphQLError((error as Error).message, { extensions: { code: 'GRAPHQL_PARSE_FAILED', requestId } })];
        }
        const errors = validate(gateway.schema, document);
        if (errors.length > 0) return errors.map((e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED', requestId } }));
        const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
        const operation = payload.operationName ? operations.find((o) => o.name?.value === payload.operationName) : operations[0];
        if (!operation) return [new GraphQLError('No operation to run', { extensions: { code: 'BAD_USER_INPUT', requestId } })];
        try {
          checkLimits(gateway.schema, document, operation, payload.variables ?? {}, gateway.config.limits);
        } catch (error) {
          if (error instanceof GraphQLError) return [new GraphQLError(error.message, { extensions: { ...error.extensions, http: undefined, requestId } })];
          throw error;
        }
        return {
          schema: gateway.schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue: gateway.createContext(requestId, caller),
        };
      },
    },
    wss,
  );
  return {
    async dispose() {
      await cleanup.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
