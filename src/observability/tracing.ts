import { SpanStatusCode, context, trace, type Attributes, type Span } from '@opentelemetry/api';

/**
 * The gateway's tracer. Through @opentelemetry/api only: without an SDK registered by the
 * operator every span is a no-op costing next to nothing.
 */
export const tracer = trace.getTracer('kensho-gateway');

/**
 * Runs `fn` inside an active span; records failures (the error code, never the message). No
 * async wrapper of its own: a recording span ends in the settling callbacks of `fn`'s promise.
 */
export function withSpan<T>(name: string, attributes: Attributes, fn: (span: Span) => Promise<T>): Promise<T> {
  const span = tracer.startSpan(name, { attributes });
  // Without an SDK the span has no valid context: nothing to make active for child spans or
  // propagation, so no context is made (startActiveSpan would copy the active one each time).
  if (!trace.isSpanContextValid(span.spanContext())) return fn(span);
  return context.with(trace.setSpan(context.active(), span), () => {
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
