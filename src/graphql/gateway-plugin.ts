import type { ApolloServerPlugin, GraphQLRequestContextDidResolveOperation, GraphQLRequestListener } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { Config } from '../config/types.js';
import type { GraphQLContext } from '../context.js';
import { GatewayError } from '../errors.js';
import type { RespondCompiled } from './compiled-execution.js';
import { persistedQueryTooLarge } from '../store/persisted-queries.js';
import { resultStatus } from './answer-status.js';
import { checkResolvedOperation } from './limits.js';
import { finishRecord } from './operation-record.js';
import { addRequestId } from './request-id.js';
import { operationFields } from './field-usage.js';

/**
 * The gateway's per-request work inside Apollo, as one plugin: Apollo calls every hook of every
 * plugin for each request (a promise each), so four small plugins cost four times the hooks.
 *
 * - didResolveOperation: a GET may only query (GraphQL over HTTP), then the limits (and no
 *   subscriptions over HTTP), then the persisted-query size cap (in that order: a limit refusal
 *   wins, as it did when they were separate plugins), then the fields the operation selects,
 *   for the usage counters;
 * - responseForOperation: the compiled answer of an operation seen before (compiled-execution.ts);
 * - willSendResponse: the request id in every error, the answer's status from the error table
 *   (answer-status.ts), then the operation's log line and metrics.
 */
export function gatewayPlugin(options: { readonly config: Config; readonly persistedQueryMaxBytes: number; readonly respond?: RespondCompiled | undefined }): ApolloServerPlugin<GraphQLContext> {
  const { config, persistedQueryMaxBytes, respond } = options;
  const willSendResponse: GraphQLRequestListener<GraphQLContext>['willSendResponse'] = async ({ response, contextValue, operationName, errors }) => {
    addRequestId(response, contextValue.requestId);
    if (response.body.kind === 'single') {
      const original = (errors?.[0] as { originalError?: unknown } | undefined)?.originalError;
      const refinement = original instanceof GatewayError ? original.http : undefined;
      response.http.status = resultStatus(response.body.singleResult, refinement, response.http.status ?? 200);
      for (const [name, value] of Object.entries(refinement?.headers ?? {})) response.http.headers.set(name, value);
    }
    finishRecord(response, contextValue, operationName);
  };
  const checkOperation = ({ schema, document, operation, request, contextValue }: GraphQLRequestContextDidResolveOperation<GraphQLContext>): void => {
    if (contextValue.queryOnly && operation && operation.operation !== 'query') {
      // GraphQL over HTTP: a GET must not change anything (https://graphql.github.io/graphql-over-http/draft/#sec-GET).
      // Thrown as a coded GraphQLError (Apollo masks anything else thrown from this hook); the
      // GatewayError inside names the 405 the status takes.
      const message = `GET requests only support query operations, not ${operation.operation} operations`;
      throw new GraphQLError(message, { extensions: { code: 'BAD_REQUEST' }, originalError: new GatewayError('BAD_REQUEST', message, { http: { status: 405, headers: { allow: 'POST' } } }) });
    }
    // An MCP tool call prices against its own, tighter budget (MCP_TOOL_MAX_UPSTREAM_CALLS).
    const budget = contextValue.record?.stats.maxCalls;
    const limited = budget === undefined ? config : { ...config, limits: { ...config.limits, maxUpstreamCalls: Math.min(budget, config.limits.maxUpstreamCalls) } };
    checkResolvedOperation(schema, document, operation, request.variables, limited);
  };
  const listener: GraphQLRequestListener<GraphQLContext> = {
    async didResolveOperation(requestContext) {
      checkOperation(requestContext);
      // Within the limits, it runs: its fields count as used (computed once per cached document).
      const { operation, contextValue, schema, document } = requestContext;
      if (operation && contextValue.record) contextValue.record.noteFields(operationFields(schema, document, operation));
    },
    ...(respond && { responseForOperation: respond }),
    willSendResponse,
  };
  return {
    async requestDidStart({ request }) {
      const tooLarge = persistedQueryTooLarge(request, persistedQueryMaxBytes);
      if (!tooLarge) return listener;
      return {
        async didResolveOperation(requestContext) {
          checkOperation(requestContext);
          throw tooLarge;
        },
        willSendResponse,
      };
    },
  };
}

