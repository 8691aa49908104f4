import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FormattedExecutionResult } from 'graphql';
import { createHandler, type ExecutionResult, type Response as SseResponse } from 'graphql-sse';
import Negotiator from 'negotiator';
import type { Gateway } from '../gateway.js';
import { isRequestError } from '../graphql/answer-status.js';
import { StreamFailed } from '../graphql/direct-engine.js';
import { AdmissionFailed, headerText, type PipelineAnswer } from '../graphql/pipeline.js';
import { GatewayError, OperationCancelledError, errorResponse } from '../errors.js';
import { originAllowed } from './host-check.js';

/** What the adapter hands graphql-sse with each request, for its onSubscribe. */
interface SseRequestContext {
  readonly requestId: string;
  /** Aborted with OperationCancelledError when the client closes the stream first. */
  readonly signal: AbortSignal;
  /** Set when the gateway (not graphql-sse) refused the request. */
  refused?: true;
}

/** The one media type of GraphQL over SSE (https://github.com/enisdenjo/graphql-sse/blob/master/PROTOCOL.md#distinct-connections-mode). */
const EVENT_STREAM = 'text/event-stream';

/** Serves one request to /graphql/stream; `readBody` reads a POST body with the HTTP adapter's limits and deadlines. */
export type SseHandler = (req: IncomingMessage, res: ServerResponse, requestId: string, readBody: () => Promise<unknown>) => Promise<void>;

/**
 * GraphQL over Server-Sent Events (the graphql-sse protocol) on /graphql/stream, distinct
 * connections mode: one POST (or GET) per operation, answered with an event stream of `next`
 * events and a `complete`. The protocol is graphql-sse's own handler (createHandler); every
 * operation goes through the gateway's one pipeline (gateway.handle, transport `sse`) from its
 * `onSubscribe`, whose answer graphql-sse streams as it is:
 * - a refusal of the request or the caller (401, 429, 413, TOO_MANY_UPSTREAM_CALLS…: the error
 *   table's `refusal` codes) is answered with its status and JSON body, as over HTTP, before
 *   any stream is opened;
 * - a GraphQL request error (parse, validation, depth and complexity limits) is the stream's one
 *   `next` event, as the protocol asks of "validation steps that run before execution" (an
 *   EventSource learns nothing from a 400);
 * - a result is one `next` event, a subscription's results one each; a failing event source
 *   (SHUTTING_DOWN at drain, an unknown extraction) sends its errors as the last `next`.
 * The single connection mode (PUT reservations, then operations by token) is not served: its
 * reservations live in one process's memory without expiry, buffer results until a stream
 * connects, and need every request of a client to reach the same replica (docs/subscriptions.md).
 *
 * The node:http glue is the adapter's, not graphql-sse's `use/http`: that one reads the request
 * body without a size limit or deadline, and reports a client that goes away mid-write as a
 * handler failure. Here the body is read as on /graphql (MAX_BODY_BYTES, BODY_TIMEOUT_SECONDS),
 * and a client closing the stream aborts the operation (outcome `cancelled`) and returns its
 * results, which stops the upstream polling it caused.
 */
export function createSseHandler(gateway: Gateway): SseHandler {
  const handler = createHandler<IncomingMessage, SseRequestContext>({
    // Distinct connections only: no stream token, so graphql-sse never registers a reservation.
    authenticate: () => null,
    // Before the body is read, as /graphql admits before reading one: a caller who proves no one
    // is refused with HTTP's status and body. The pipeline admits it again (and rate limits it).
    async onConnect(req) {
      try {
        await gateway.authenticate(req.raw.headers);
      } catch (error) {
        if (!(error instanceof GatewayError)) throw error;
        req.context.refused = true;
        return refusal(errorResponse(error, req.context.requestId));
      }
      return undefined;
    },
    async onSubscribe(req, params) {
      let answer: PipelineAnswer;
      try {
        answer = await gateway.handle({
          transport: 'sse',
          requestId: req.context.requestId,
          headers: req.raw.headers,
          remoteAddress: req.raw.socket.remoteAddress,
          signal: req.context.signal,
          queryOnly: req.method === 'GET',
          params: { query: params.query, operationName: params.operationName, variables: params.variables, extensions: params.extensions },
        });
      } catch (error) {
        // As over HTTP: masked as a 500 and logged by the server (http.ts).
        throw error instanceof AdmissionFailed ? error.cause : error;
      }
      if (answer.kind === 'refused') {
        if (isRequestError(answer.body)) return events(once(answer.body));
        req.context.refused = true;
        return refusal(answer);
      }
      return events(answer.kind === 'stream' ? answer.results : once(answer.body));
    },
  });

  return async (req, res, requestId, readBody) => {
    const method = (req.method ?? 'GET').toUpperCase();
    if (method !== 'GET' && method !== 'POST') {
      throw new GatewayError('METHOD_NOT_ALLOWED', `Method ${method} is not allowed on /graphql/stream (GraphQL over SSE in distinct connections mode: one GET or POST per operation; the single connection mode is not served)`, { extensions: { allow: 'GET, POST' } });
    }
    // A page on any site can open an EventSource here (a GET no CORS preflight guards) and run
    // queries and subscriptions in its visitor's name where AUTH_MODE=none: as for a WebSocket
    // upgrade, a browser's request must come from an allowed origin or the gateway's own.
    if (!originAllowed(req, gateway.config.server.corsOrigins)) {
      throw new GatewayError('BAD_REQUEST', 'This origin may not open event streams on this gateway; add it to CORS_ORIGINS', { http: { status: 403 } });
    }
    if (!new Negotiator(req).mediaType([EVENT_STREAM])) {
      throw new GatewayError('BAD_REQUEST', `/graphql/stream answers ${EVENT_STREAM} only: send "Accept: ${EVENT_STREAM}" (GraphQL over SSE, distinct connections mode), or use /graphql for a JSON answer`, { http: { status: 406 } });
    }
    if (method === 'POST' && !(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
      throw new GatewayError('BAD_REQUEST', 'A POST to /graphql/stream carries its operation as JSON: send "Content-Type: application/json"', { http: { status: 415 } });
    }
    const controller = new AbortController();
    res.once('close', () => {
      // Before graphql-sse returns the operation's results (below): its record sees the cancel first.
      if (!res.writableFinished) controller.abort(new OperationCancelledError('the client closed the event stream'));
    });
    // A body the HTTP adapter refuses (too large, too slow, not JSON) keeps its code and status;
    // graphql-sse would answer any reader failure as a bare 400.
    let bodyRefused: unknown;
    const context: SseRequestContext = { requestId, signal: controller.signal };
    const [body, init] = await handler({
      method,
      url: req.url ?? '/graphql/stream',
      // The accept was negotiated above; graphql-sse compares the header with text/event-stream as a string.
      headers: { get: (name) => (name === 'accept' ? EVENT_STREAM : headerText(req.headers[name])) },
      body: () =>
        readBody().then(
          (value) => (value === undefined ? null : (value as string | Record<PropertyKey, unknown>)),
          (error: unknown) => {
            bodyRefused = error;
            throw error;
          },
        ),
      raw: req,
      context,
    });
    if (bodyRefused !== undefined) throw bodyRefused;
    if (init.status >= 400 && !context.refused) {
      // graphql-sse's own refusal of the request's shape (no query, variables that are not an
      // object): in the vocabulary with the request id, as /graphql answers it.
      throw new GatewayError('BAD_REQUEST', libraryMessage(body) ?? `The request is not a GraphQL over SSE request (${init.status})`, { http: { status: init.status } });
    }
    if (typeof body === 'object' && body !== null) {
      // nginx (and proxies that honour it) pass each event on as it comes instead of buffering the response.
      res.setHeader('x-accel-buffering', 'no');
    }
    res.writeHead(init.status, init.headers);
    if (body === null || typeof body === 'string') {
      res.end(body ?? undefined);
      return;
    }
    // The client may have gone while the operation started: then nobody reads its results.
    if (res.destroyed) {
      await body.return(undefined);
      return;
    }
    // Returning the results ends the operation's upstream work (a subscription's poller); never left unhandled.
    const stop = () => void body.return(undefined).catch((error: unknown) => gateway.logger.warn({ requestId, err: { message: (error as Error)?.message } }, 'ending an event stream failed'));
    res.once('close', stop);
    try {
      for await (const event of body) {
        if (!res.writable) break;
        // Waits for the socket to take each event (backpressure); a write error means the client
        // went away, which its close event handles.
        await new Promise<void>((resolve) => res.write(event, () => resolve()));
      }
    } finally {
      res.off('close', stop);
    }
    res.end();
  };
}

/** A refusal as graphql-sse answers a request without opening a stream: status, headers, JSON body. */
function refusal(answer: { readonly status: number; readonly headers: Readonly<Record<string, string>>; readonly body: unknown }): SseResponse {
  return [JSON.stringify(answer.body), { status: answer.status, statusText: '', headers: { ...answer.headers, 'content-type': 'application/json; charset=utf-8' } }];
}

/** One result as a stream of one. */
function once(result: FormattedExecutionResult): AsyncIterator<FormattedExecutionResult> {
  let sent = false;
  return {
    next: async () => (sent ? { done: true, value: undefined } : ((sent = true), { done: false, value: result })),
    return: async () => ((sent = true), { done: true, value: undefined }),
  };
}

/**
 * The pipeline's results as graphql-sse streams them: shaped as an AsyncGenerator (next, return,
 * throw), the only kind of result whose `return()` graphql-sse calls when the client leaves;
 * and a failing event source's formatted errors (StreamFailed) as the last result, since the
 * protocol has no error event.
 */
function events(results: AsyncIterator<FormattedExecutionResult>): AsyncGenerator<ExecutionResult> {
  let ended = false;
  const end = async (): Promise<IteratorReturnResult<undefined>> => {
    if (!ended) {
      ended = true;
      await results.return?.();
    }
    return { done: true, value: undefined };
  };
  const generator: AsyncGenerator<ExecutionResult> = {
    async next() {
      if (ended) return { done: true, value: undefined };
      try {
        const step = await results.next();
        if (step.done) ended = true;
        return step.done ? { done: true, value: undefined } : { done: false, value: step.value as ExecutionResult };
      } catch (error) {
        if (!(error instanceof StreamFailed)) throw error;
        ended = true;
        return { done: false, value: { errors: error.errors } as unknown as ExecutionResult };
      }
    },
    return: end,
    throw: async (error: unknown) => {
      await end();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return generator;
    },
  };
  return generator;
}

/** The first error message of a refusal graphql-sse wrote itself (`{ errors: [{ message }] }`). */
function libraryMessage(body: unknown): string | undefined {
  if (typeof body !== 'string') return undefined;
  try {
    const message = (JSON.parse(body) as { errors?: Array<{ message?: unknown }> }).errors?.[0]?.message;
    return typeof message === 'string' ? message : undefined;
  } catch {
    return undefined;
  }
}
