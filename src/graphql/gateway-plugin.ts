import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import type { Config } from '../config/types.js';
import type { GraphQLContext } from '../context.js';
import type { RespondCompiled } from './compiled-execution.js';
import { persistedQueryTooLarge } from '../store/persisted-queries.js';
import { checkResolvedOperation } from './limits.js';
import { operationFields } from './field-usage.js';
import { finishRecord } from './operation-record.js';
import { addRequestId } from './request-id.js';

/**
 * The gateway's per-request work inside Apollo, as one plugin: Apollo calls every hook of every
 * plugin for each request (a promise each), so four small plugins cost four times the hooks.
 *
 * - didResolveOperation: the limits (and no subscriptions over HTTP), then the persisted-query
 *   size cap (in that order: a limit refusal wins, as it did when they were separate plugins),
 *   then the fields the operation selects, for the usage counters;
 * - responseForOperation: the compiled answer of an operation seen before (compiled-execution.ts);
 * - willSendResponse: the request id in every error, then the operation's log line and metrics.
 */
export function gatewayPlugin(options: { readonly config: Config; readonly persistedQueryMaxBytes: number; readonly respond?: RespondCompiled | undefined }): ApolloServerPlugin<GraphQLContext> {
  const { config, persistedQueryMaxBytes, respond } = options;
  const willSendResponse: GraphQLRequestListener<GraphQLContext>['willSendResponse'] = async ({ response, contextValue, operationName }) => {
    addRequestId(response, contextValue.requestId);
    finishRecord(response, contextValue, operationName);
  };
  const listener: GraphQLRequestListener<GraphQLContext> = {
    async didResolveOperation({ schema, document, operation, request, contextValue }) {
      checkResolvedOperation(schema, document, operation, request.variables, config);
      // Within the limits, it runs: its fields count as used (computed once per cached document).
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
        async didResolveOperation({ schema, document, operation }) {
          checkResolvedOperation(schema, document, operation, request.variables, config);
          throw tooLarge;
        },
        willSendResponse,
      };
    },
  };
}
