import type { FormattedExecutionResult, GraphQLFormattedError } from 'graphql';
import type { OperationRecord } from './operation-record.js';
import type { Logger } from 'pino';
import type { Caller } from '../auth/inbound/caller.js';
import { GatewayError, errorResponse } from '../errors.js';
import { callerText } from '../observability/caller-text.js';
import { callerTraceContext, withSpan } from '../observability/tracing.js';
import { clientInfo } from '../observability/client-info.js';
import type { Admit } from './admission.js';
import { MEDIA_TYPES, resultStatus, singleResultMediaType, statusFor } from './answer-status.js';
import type { ApolloEngine } from './apollo-engine.js';
import type { createDirectEngine } from './direct-engine.js';
import type { StartOperation } from './operation-record.js';
import type { OperationParams } from './prepare.js';
import type { CreateContext } from './resolver-context.js';
import { resolveDocument, type DocumentResolution, type TrustedDocuments } from './trusted-documents.js';
import { startProvenance, wantsProvenance, withProvenance } from './provenance.js';

import type { TransportName } from './transport-name.js';

export type { TransportName };

/** Request headers as the transport received them (credentials, `accept`). */
export type RequestHeaders = Readonly<Record<string, string | string[] | undefined>>;

/** One operation as any transport hands it to the pipeline. */
export interface PipelineRequest {
  readonly transport: TransportName;
  /** The request id every error and log line of the operation carries (the transport echoes it). */
  readonly requestId: string;
  readonly headers: RequestHeaders;
  /** The peer address: anonymous callers are rate-limited by it. */
  readonly remoteAddress: string | undefined;
  /** Aborted by the transport when the caller ends the operation (reason OperationCancelledError). */
  readonly signal: AbortSignal;
  /**
   * The request is a GET (GraphQL over HTTP): only a query may run, over SSE also a subscription
   * (EventSource only sends GETs); a mutation (over HTTP also a subscription) is refused with 405.
   */
  readonly queryOnly?: boolean;
  /**
   * A tighter budget of upstream calls than LIMIT_MAX_UPSTREAM_CALLS for this operation (an MCP
   * tool call's MCP_TOOL_MAX_UPSTREAM_CALLS), priced before it runs and counted as it runs.
   */
  readonly maxUpstreamCalls?: number;
  /**
   * The document is the gateway's own, checked against the schema at start (an MCP tool's), not
   * text a caller sent: TRUSTED_DOCUMENTS, which governs what callers may send, does not apply.
   */
  readonly ownDocument?: boolean;
  /**
   * The operation, or how to read it once the caller is admitted: an HTTP body is not read for
   * a caller who is refused. Whatever the reader throws (a body too large, a malformed request)
   * is the transport's own refusal and rejects `handle` as it is.
   */
  readonly params: OperationParams | (() => Promise<OperationParams>);
}

/**
 * What the pipeline answers, the shape graphql-http's handler returns (body, status, headers):
 * - `refused`: nothing ran (admission, a document the streaming engine refused, an unacceptable
 *   `accept`); `body` is the errors of a refusal, sent as they are;
 * - `single`: one GraphQL result (also a request error answered by Apollo), with its status;
 * - `stream`: a subscription's results; ended early by `return()`, and a failing event source
 *   rejects with StreamFailed (its formatted errors).
 */
export type PipelineAnswer =
  | { readonly kind: 'refused'; readonly status: number; readonly headers: Readonly<Record<string, string>>; readonly body: { readonly errors: readonly GraphQLFormattedError[] } }
  | { readonly kind: 'single'; readonly status: number; readonly headers: Readonly<Record<string, string>>; readonly body: FormattedExecutionResult }
  | { readonly kind: 'stream'; readonly status: 200; readonly headers: Readonly<Record<string, string>>; readonly results: AsyncIterableIterator<FormattedExecutionResult> };

/** Runs one operation through the whole pipeline. */
export type HandleOperation = (request: PipelineRequest) => Promise<PipelineAnswer>;

/**
 * Admission threw something that is not a refusal of the vocabulary (a bug, a dependency
 * failing oddly): each transport decides (HTTP masks it as a 500 and logs it; graphql-ws refuses
 * the operation as UNAUTHENTICATED).
 */
export class AdmissionFailed extends Error {
  constructor(override readonly cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'AdmissionFailed';
  }
}

/** Transports whose operations run on graphql-js directly: they serve subscriptions. */
const STREAMING: ReadonlySet<TransportName> = new Set(['websocket', 'sse']);

/**
 * The one composition of the per-operation pipeline, for every transport:
 * 1. admission: authenticate, then one rate-limit token (before any body is read);
 * 2. the operation's parameters (the transport reads and decodes them), and the document they
 *    name: with TRUSTED_DOCUMENTS, a manifest id becomes its document prepared at start, and
 *    what the mode refuses is answered here, before anything is parsed or stored;
 * 3. the operation record (log line, metrics, span attributes) and the resolver context;
 * 4. parse, validate, limits and execution in an engine, inside the operation's span: Apollo
 *    Server (persisted queries, document cache, compiled execution) for single-result
 *    transports, graphql-js directly for streaming ones (subscriptions);
 * 5. errors formatted and given the request id (formatError, inside the engines);
 * 6. the status from the error table, and for HTTP the negotiated media type.
 */
export function createPipeline(deps: {
  readonly admit: Admit;
  readonly startOperation: StartOperation;
  readonly createContext: CreateContext;
  readonly apollo: ApolloEngine;
  readonly direct: ReturnType<typeof createDirectEngine>;
  readonly formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  readonly logger: Logger;
  /** TRUSTED_DOCUMENTS (allow or require) and its manifest; undefined when off. */
  readonly trusted?: TrustedDocuments | undefined;
}): HandleOperation {
  const { admit, startOperation, createContext, apollo, direct, formatError, trusted } = deps;
  const refusal = (error: unknown, requestId: string, contentType: string): PipelineAnswer => {
    const answer = errorResponse(error, requestId);
    return { kind: 'refused', status: answer.status, headers: { ...answer.headers, 'content-type': contentType }, body: answer.body };
  };
  return async (request) => {
    const { requestId, signal } = request;
    let caller: Caller;
    try {
      caller = await admit({ headers: request.headers, remoteAddress: request.remoteAddress });
    } catch (error) {
      if (error instanceof GatewayError) return refusal(error, requestId, MEDIA_TYPES.JSON);
      throw new AdmissionFailed(error);
    }
    const sent = typeof request.params === 'function' ? await request.params() : request.params;
    const resolved: DocumentResolution = trusted && !request.ownDocument ? resolveDocument(sent, trusted) : { kind: 'as-sent', params: sent };
    const header = (name: string) => headerText(request.headers[name]);
    // The client application the request names (apollographql-client-name, …) labels its record.
    const record = startOperation(requestId, caller.name, clientInfo(header), request.transport);
    // Refused by the trusted documents: logged and counted, nothing parsed, no context built.
    if (resolved.kind === 'refused') return refuseDocument(resolved, request, record, sent.operationName);
    // A caller that asks (`extensions.provenance`) is told where each part of the answer came from.
    const provenance = wantsProvenance(sent.extensions) ? startProvenance(signal) : undefined;
    const context = createContext(requestId, caller, signal, record, { queryOnly: request.queryOnly, provenance, maxUpstreamCalls: request.maxUpstreamCalls });
    // A caller that traces (W3C traceparent) sees the operation in its own trace.
    const parent = callerTraceContext({ get: header, keys: () => Object.keys(request.headers)[Symbol.iterator]() });
    const span = <T>(call: () => Promise<T>): Promise<T> => withSpan('graphql.operation', { 'gateway.caller': callerText(caller.name), 'gateway.request_id': requestId }, call, parent);
    const { params } = resolved;
    if (STREAMING.has(request.transport)) {
      const document = resolved.kind === 'trusted' ? resolved.document.document : undefined;
      const answer = await direct({ ...params, query: params.query ?? '', document }, context, record, span);
      if (answer.kind === 'refused') return { kind: 'refused', status: resultStatus({ errors: answer.errors }, answer.http), headers: { ...answer.http?.headers, 'content-type': MEDIA_TYPES.GRAPHQL_RESPONSE }, body: { errors: answer.errors } };
      if (answer.kind === 'stream') {
        // A subscription's events carry no provenance: nothing is recorded for them.
        if (provenance) provenance.closed = true;
        return { kind: 'stream', status: 200, headers: {}, results: answer.results };
      }
      return { kind: 'single', status: 200, headers: { 'content-type': MEDIA_TYPES.GRAPHQL_RESPONSE }, body: provenance ? withProvenance(answer.body, provenance) : answer.body };
    }
    const accepted = request.transport === 'http' ? singleResultMediaType(headerText(request.headers.accept)) : MEDIA_TYPES.GRAPHQL_RESPONSE;
    let answer;
    try {
      answer = await span(() => apollo.run(params, context));
    } catch (error) {
      // Apollo failed outside any operation hook (it logs why): masked, as Apollo's HTTP
      // handler answers it, and logged through formatError like any unexpected error.
      formatError({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }, error);
      return refusal(undefined, requestId, accepted ?? MEDIA_TYPES.JSON);
    }
    // As Apollo answers an `accept` that takes no media type it can send: after the operation ran.
    if (accepted === null) {
      const message = `An 'accept' header was provided for this request which does not accept ${MEDIA_TYPES.JSON} or ${MEDIA_TYPES.GRAPHQL_RESPONSE}`;
      return refusal(new GatewayError('BAD_REQUEST', message, { http: { status: 406 } }), requestId, MEDIA_TYPES.JSON);
    }
    const body = provenance ? withProvenance(answer.body, provenance) : answer.body;
    return { kind: 'single', status: statusFor(answer.body, answer.status, accepted), headers: { ...answer.headers, 'content-type': accepted }, body };
  };
}

/**
 * A request the trusted documents refuse (trusted-documents.ts), answered before parsing: a
 * GraphQL request error with its code and request id, logged and counted like every operation,
 * with its status from the error table (and, over HTTP, the negotiated media type).
 */
function refuseDocument(refusal: Extract<DocumentResolution, { kind: 'refused' }>, request: PipelineRequest, record: OperationRecord, operationName: string | null | undefined): PipelineAnswer {
  const errors: GraphQLFormattedError[] = [{ message: refusal.message, extensions: { code: refusal.code, requestId: request.requestId } }];
  record.noteErrors(errors);
  record.finish(operationName);
  const body = { errors };
  const status = resultStatus(body);
  if (STREAMING.has(request.transport)) return { kind: 'refused', status, headers: { 'content-type': MEDIA_TYPES.GRAPHQL_RESPONSE }, body };
  const accepted = request.transport === 'http' ? singleResultMediaType(headerText(request.headers.accept)) : MEDIA_TYPES.GRAPHQL_RESPONSE;
  if (accepted === null) {
    const answer = errorResponse(new GatewayError('BAD_REQUEST', `An 'accept' header was provided for this request which does not accept ${MEDIA_TYPES.JSON} or ${MEDIA_TYPES.GRAPHQL_RESPONSE}`, { http: { status: 406 } }), request.requestId);
    return { kind: 'refused', status: answer.status, headers: { ...answer.headers, 'content-type': MEDIA_TYPES.JSON }, body: answer.body };
  }
  return { kind: 'single', status: statusFor(body, status, accepted), headers: { 'content-type': accepted }, body };
}

/** A header's value as one string (node gives repeated ones as an array). */
export function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}
