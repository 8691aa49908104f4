import type { GraphQLResponse } from '@apollo/server';
import { trace } from '@opentelemetry/api';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import type { Metrics, OperationOutcome } from '../observability/metrics.js';
import { newOperationStats, type OperationStats } from '../observability/operation-context.js';
import { callerText, optionalCallerText } from '../observability/caller-text.js';
import { NO_CLIENT, type ClientInfo } from '../observability/client-info.js';
import type { TransportName } from './transport-name.js';

/** One operation being observed, from admission to its last result. */
export interface OperationRecord {
  /** Upstream calls made on the operation's behalf (counted through its AbortSignal, see operation-context.ts). */
  readonly stats: OperationStats;
  /** Notes errors seen in a result (a subscription sees several results). */
  noteErrors(errors: readonly GraphQLFormattedError[] | undefined): void;
  /** Notes that the caller ended the operation before its answer: its outcome is `cancelled`. */
  noteCancelled(): void;
  /** Notes the schema fields the operation selects (field-usage.ts), once it is known to run. */
  noteFields(fields: readonly number[]): void;
  /** Writes the log line, the metrics sample and the span attributes, once. */
  finish(operationName: string | null | undefined): void;
}

/** Starts the record of one operation; the same for every transport, so all log alike (the line names its transport). */
export type StartOperation = (requestId: string, callerName: string, client?: ClientInfo, transport?: TransportName) => OperationRecord;

/**
 * One structured log line and one metrics sample per GraphQL operation, whatever the transport:
 * request id, transport, operation name, caller, client (name and version, when the request
 * names one), duration, upstream calls and outcome (with error codes, never messages). The caller's strings
 * are cut to a bounded length (caller-text.ts); the metrics bound their labels themselves.
 */
export function createOperationRecorder(metrics: Metrics, logger: Logger): StartOperation {
  // The line holds ids, a GraphQL name, numbers and codes, never a secret: it skips the
  // logger's wildcard redaction, which walks every key of every logged object.
  const operationLog = logger.child({}, { redact: [] });
  return (requestId, callerName, client = NO_CLIENT, transport = 'http') => {
    const started = performance.now();
    let fields: readonly number[] | undefined;
    const stats: OperationStats = newOperationStats();
    // Made on the first error: most operations have none.
    let codes: Set<string> | undefined;
    let finished = false;
    let cancelled = false;
    return {
      stats,
      noteCancelled() {
        cancelled = true;
      },
      noteFields(selected) {
        fields = selected;
      },
      noteErrors(errors) {
        for (const e of errors ?? []) (codes ??= new Set()).add(String(e.extensions?.code ?? 'UNKNOWN'));
      },
      finish(operationName) {
        if (finished) return;
        finished = true;
        const seconds = (performance.now() - started) / 1000;
        // A cancel is the caller's choice, not a fault: its own outcome, whatever errors the
        // abandoned work produced on the way out (OPERATION_CANCELLED, mostly).
        const outcome: OperationOutcome = cancelled || (codes?.size === 1 && codes.has('OPERATION_CANCELLED')) ? 'cancelled' : codes ? 'error' : 'ok';
        // The metric label has its own rule (a name pattern, a bounded set of names).
        metrics.operation(operationName, outcome, seconds, client, fields, transport);
        // The name is the caller's, of any length (also one that names no operation).
        const name = optionalCallerText(operationName) ?? null;
        trace.getActiveSpan()?.setAttributes({ 'graphql.operation.name': name ?? '', 'gateway.outcome': outcome, 'gateway.upstream_calls': stats.upstreamCalls });
        operationLog.info(
          {
            requestId,
            transport,
            operation: name,
            caller: callerText(callerName),
            ...(client.name !== undefined ? { client: callerText(client.name) } : {}),
            ...(client.version !== undefined ? { clientVersion: callerText(client.version) } : {}),
            durationMs: Math.round(seconds * 1000 * 10) / 10,
            upstreamCalls: stats.upstreamCalls,
            outcome,
            ...(codes && outcome !== 'cancelled' ? { errorCodes: [...codes] } : {}),
          },
          'graphql operation',
        );
      },
    };
  };
}

/** Apollo's side of the recorder (gateway-plugin.ts): the record travels in the context (see Gateway.execute). */
export function finishRecord(response: GraphQLResponse, contextValue: { readonly record?: OperationRecord }, operationName: string | null | undefined): void {
  const record = contextValue.record;
  if (!record) return;
  record.noteErrors(response.body.kind === 'single' ? response.body.singleResult.errors : undefined);
  record.finish(operationName);
}
