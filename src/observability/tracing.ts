import { SpanStatusCode, trace, type Attributes, type Span } from '@opentelemetry/api';

/**
 * The gateway's tracer. Through @opentelemetry/api only: without an SDK registered by the
 * operator every span is a no-op costing next to nothing.
 */
export const tracer = trace.getTracer('kensho-gateway');

/** Runs `fn` inside an active span; records failures (the error code, never the message). */
export async function withSpan<T>(name: string, attributes: Attributes, fn: (span: Span) => Promise<T>): Promise<T> {
  return tracer.startActiveSpan(name, { attributes }, async (span) => {
    try {
      const result = await fn(span);
      return result;
    } catch (error) {
      const code = (error as { code?: unknown })?.code;
      span.setStatus({ code: SpanStatusCode.ERROR, message: typeof code === 'string' ? code : 'error' });
      throw error;
    } finally {
      span.end();
    }
  });
}
