import type { ApolloServerPlugin } from '@apollo/server';
import { trace } from '@opentelemetry/api';
import type { Logger } from 'pino';
import type { GraphQLContext } from '../context.js';
import type { Metrics } from './metrics.js';
import { operationContext } from './operation-context.js';

/**
 * One structured log line and one metrics sample per GraphQL operation: request id, operation
 * name, caller, duration, upstream calls and outcome (with error codes, never messages).
 */
export function operationPlugin(metrics: Metrics, logger: Logger): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ response, contextValue, operationName }) {
          const seconds = (performance.now() - started) / 1000;
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          const outcome = errors.length > 0 ? 'error' : 'ok';
          metrics.operation(operationName, outcome, seconds);
          trace.getActiveSpan()?.setAttributes({ 'graphql.operation.name': operationName ?? '', 'gateway.outcome': outcome, 'gateway.upstream_calls': operationContext.getStore()?.upstreamCalls ?? 0 });
          logger.info(
            {
              requestId: contextValue.requestId,
              operation: operationName ?? null,
              caller: contextValue.caller.name,
              durationMs: Math.round(seconds * 1000 * 10) / 10,
              upstreamCalls: operationContext.getStore()?.upstreamCalls ?? 0,
              outcome,
              ...(errors.length > 0 ? { errorCodes: [...new Set(errors.map((e) => String(e.extensions?.code ?? 'UNKNOWN')))] } : {}),
            },
            'graphql operation',
          );
        },
      };
    },
  };
}
