import { GraphQLError, execute, subscribe, type ExecutionResult, type FormattedExecutionResult, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import type { Config } from '../config/types.js';
import type { HttpRefinement } from '../errors.js';
import type { GraphQLContext } from '../context.js';
import { explainIntrospectionRefusal, type createFormatError } from './format-error.js';
import type { OperationRecord } from './operation-record.js';
import { prepareOperation, type OperationRequest } from './prepare.js';
import { operationFields } from './field-usage.js';
import { withRequestId } from './request-id.js';

/** What the direct engine answers: a refusal before execution, one result, or a stream of them. */
export type DirectAnswer =
  | { readonly kind: 'refused'; readonly errors: GraphQLFormattedError[]; readonly http?: HttpRefinement }
  | { readonly kind: 'single'; readonly body: FormattedExecutionResult }
  | { readonly kind: 'stream'; readonly results: AsyncIterableIterator<FormattedExecutionResult> };

/** The formatted errors that ended a stream (its event source failed): the transport sends them as the stream's last word. */
export class StreamFailed extends Error {
  constructor(readonly errors: readonly GraphQLFormattedError[]) {
    super(errors[0]?.message ?? 'the stream failed');
    this.name = 'StreamFailed';
  }
}

/**
 * graphql-js run directly, for the transports that stream (WebSocket, SSE): subscriptions need
 * `subscribe`, which Apollo Server does not serve. Parse, validation and limits use the rules
 * and codes Apollo applies for the other transports (prepare.ts), and errors go through the
 * same formatError.
 */
export function createDirectEngine(options: { readonly schema: GraphQLSchema; readonly config: Config; readonly formatError: ReturnType<typeof createFormatError> }) {
  const { schema, config, formatError } = options;
  const format = (error: GraphQLError, original: unknown, requestId: string): GraphQLFormattedError => withRequestId(formatError(error.toJSON(), original), requestId);
  const formatResult = (result: ExecutionResult, requestId: string): FormattedExecutionResult =>
    result.errors ? ({ ...result, errors: result.errors.map((e) => format(e, e, requestId)) } as FormattedExecutionResult) : (result as FormattedExecutionResult);

  /** Runs one operation; `run` wraps the call that starts execution (the operation's span). */
  return async (request: OperationRequest, context: GraphQLContext, record: OperationRecord, run: <T>(call: () => Promise<T>) => Promise<T>): Promise<DirectAnswer> => {
    const { requestId } = context;
    const prepared = prepareOperation(schema, config, request);
    if (Array.isArray(prepared)) {
      const errors = prepared.map((e) => new GraphQLError(explainIntrospectionRefusal(e.message), { nodes: e.nodes, extensions: { ...e.extensions, requestId } }).toJSON());
      record.noteErrors(errors);
      record.finish(request.operationName);
      return { kind: 'refused', errors };
    }
    if (context.queryOnly && prepared.operation.operation === 'mutation') {
      // GraphQL over HTTP: a GET must not change anything (https://graphql.github.io/graphql-over-http/draft/#sec-GET),
      // as the gateway plugin refuses it over HTTP; a subscription is a read (EventSource only sends GETs).
      const errors = [new GraphQLError('GET requests only support query and subscription operations, not mutation operations', { extensions: { code: 'BAD_REQUEST', requestId } }).toJSON()];
      record.noteErrors(errors);
      record.finish(request.operationName);
      return { kind: 'refused', errors, http: { status: 405, headers: { allow: 'POST' } } };
    }
    // The operation's name as Apollo reports it over HTTP: the one asked for, else the document's.
    // Within the limits, it runs: its fields count as used (computed once per cached document).
    record.noteFields(operationFields(schema, prepared.document, prepared.operation));
    const operationName = request.operationName ?? prepared.operation.name?.value;
    const args = { schema, document: prepared.document, operationName: request.operationName, variableValues: request.variables, contextValue: context };
    const single = (result: ExecutionResult): DirectAnswer => {
      const body = formatResult(result, requestId);
      record.noteErrors(body.errors);
      record.finish(operationName);
      return { kind: 'single', body };
    };
    if (prepared.operation.operation !== 'subscription') return single(await run(() => Promise.resolve(execute(args))));
    const source = await run(() => subscribe(args));
    // A subscription whose event stream could not be made (an unknown extraction) answers once.
    if (!(Symbol.asyncIterator in source)) return single(source);
    return {
      kind: 'stream',
      results: mapResults(source, {
        map: (result) => {
          const body = formatResult(result, requestId);
          record.noteErrors(body.errors);
          return body;
        },
        fail: (error) => {
          // As graphql-ws reports a failing event source: its message, the error as the original.
          const wrapped = new GraphQLError(error instanceof Error ? error.message : String(error), { originalError: error instanceof Error ? error : undefined });
          const errors = [typeof wrapped.extensions.code === 'string' ? wrapped.toJSON() : format(wrapped, error, requestId)];
          record.noteErrors(errors);
          return new StreamFailed(errors);
        },
        end: () => record.finish(operationName),
      }),
    };
  };
}

/**
 * The stream's results mapped, its failure turned into StreamFailed, and `end` called once when
 * it ends, fails or is returned. Written as an iterator rather than an async generator: a
 * generator waiting on its source cannot run `return()` until the source yields, so a client
 * completing a quiet subscription would hold it open until its next event.
 */
function mapResults<T, U>(source: AsyncIterator<T>, hooks: { map: (value: T) => U; fail: (error: unknown) => Error; end: () => void }): AsyncIterableIterator<U> {
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    hooks.end();
  };
  const iterator: AsyncIterableIterator<U> = {
    async next() {
      let step: IteratorResult<T>;
      try {
        step = await source.next();
      } catch (error) {
        const failure = hooks.fail(error);
        end();
        throw failure;
      }
      if (step.done) {
        end();
        return { done: true, value: undefined };
      }
      return { done: false, value: hooks.map(step.value) };
    },
    async return() {
      end();
      await source.return?.();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
