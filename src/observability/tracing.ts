import { SpanStatusCode, context, propagation, trace, type Attributes, type Context, type Span, type TextMapGetter } from '@opentelemetry/api';

/**
 * The gateway's tracer. Through @opentelemetry/api only: without an SDK registered by the
 * operator every span is a no-op costing next to nothing.
 */
export const tracer = trace.getTracer('kensho-gateway');

/**
 * Runs `fn` inside an active span; records failures (the error code, never the message). No
 * async wrapper of its own: a recording span ends in the settling callbacks of `fn`'s promise.
 * `parent`: the context to continue (a caller's trace, callerTraceContext), else the active one.
 */
export function withSpan<T>(name: string, attributes: Attributes, fn: (span: Span) => Promise<T>, parent?: Context): Promise<T> {
  const span = tracer.startSpan(name, { attributes }, parent);
  // Without an SDK the span has no valid context: nothing to make active for child spans or
  // propagation, so no context is made (startActiveSpan would copy the active one each time).
  if (!trace.isSpanContextValid(span.spanContext())) return fn(span);
  return context.with(trace.setSpan(parent ?? context.active(), span), () => {
    // Sampled out, the span records nothing and ending it does nothing (its context still
    // propagates): no settling callbacks, one promise fewer per span.
    if (!span.isRecording()) return fn(span);
    let result: Promise<T>;
    try {
      result = fn(span);
    } catch (error) {
      return Promise.reject(failed(span, error));
    }
    return result.then(
      (value) => {
        span.end();
        return value;
      },
      (error: unknown) => {
        throw failed(span, error);
      },
    );
  });
}

function failed(span: Span, error: unknown): unknown {
  const code = (error as { code?: unknown })?.code;
  span.setStatus({ code: SpanStatusCode.ERROR, message: typeof code === 'string' ? code : 'error' });
  span.end();
  return error;
}

/** Request headers as Apollo's HeaderMap (and any Map of lower-case names) holds them. */
interface HeaderLookup {
  get(name: string): string | undefined;
  keys(): IterableIterator<string>;
}

const HEADER_GETTER: TextMapGetter<HeaderLookup> = {
  get: (carrier, key) => carrier.get(key),
  keys: (carrier) => [...carrier.keys()],
};

/**
 * The caller's trace (a W3C `traceparent`, https://www.w3.org/TR/trace-context/), for the
 * operation span to continue; undefined when the request has none, when no propagator is
 * registered (the API's default reads nothing), or when the operator's own HTTP instrumentation
 * made a server span already (it has read the header; the operation span is its child).
 */
export function callerTraceContext(headers: HeaderLookup): Context | undefined {
  // One map lookup per request when no caller sends a trace: the usual case costs nothing more.
  if (headers.get('traceparent') === undefined) return undefined;
  const active = context.active();
  if (trace.getSpan(active)) return undefined;
  return propagation.extract(active, headers, HEADER_GETTER);
}

/**
 * Writes the trace context of `span` into outgoing request `headers` (`traceparent`, with the
 * gateway's own propagator nothing else), so an upstream that traces joins the same trace. A
 * span of no trace (tracing off) writes nothing.
 */
export function injectTraceContext(span: Span, headers: Record<string, string>): void {
  if (!trace.isSpanContextValid(span.spanContext())) return;
  propagation.inject(trace.setSpan(context.active(), span), headers);
}
