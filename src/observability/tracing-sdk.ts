import { DiagLogLevel, diag, type DiagLogFunction } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter as OtlpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { AlwaysOffSampler, AlwaysOnSampler, BatchSpanProcessor, ConsoleSpanExporter, ParentBasedSampler, TraceIdRatioBasedSampler, type Sampler, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { Logger } from 'pino';
import type { TracesConfig } from '../config/types.js';

/** The SDK the gateway started for its spans; `shutdown` exports what is still queued. */
export interface Tracing {
  shutdown(): Promise<void>;
}

/** At most one line a minute about an unreachable collector: export failures repeat with every batch. */
const DIAG_LOG_INTERVAL_MS = 60_000;

/**
 * Starts OpenTelemetry's Node tracing SDK as OTEL_* configured it (config/telemetry.ts): loaded
 * only then, by a dynamic import from the CLI, so a gateway without tracing settings loads none
 * of it and keeps the API's no-op spans. The smaller packages (sdk-trace-node and the OTLP/HTTP
 * trace exporters) rather than sdk-node, which also brings metrics and logs SDKs, gRPC, Zipkin and
 * Prometheus exporters the gateway does not use (docs/observability.md).
 *
 * Registers the W3C trace-context propagator alone: `baggage` is a caller's free-form data, and
 * the gateway forwards nothing of its callers to upstreams.
 */
export function startTracing(config: TracesConfig, options: { readonly logger: Logger; readonly version: string }): Tracing {
  routeDiagnostics(options.logger);
  // Lowest to highest precedence, as the spec orders them: the gateway's name, then
  // OTEL_RESOURCE_ATTRIBUTES (the SDK's env detector), then OTEL_SERVICE_NAME.
  const resource = resourceFromAttributes({ 'service.name': 'kensho-gateway', 'service.version': options.version })
    .merge(detectResources({ detectors: [envDetector] }))
    .merge(config.serviceName ? resourceFromAttributes({ 'service.name': config.serviceName }) : null);
  const provider = new NodeTracerProvider({
    resource,
    sampler: samplerOf(config),
    // Batched as the SDK's defaults (and OTEL_BSP_*) say: spans are exported off the request path.
    spanProcessors: config.exporters.map((name) => new BatchSpanProcessor(exporterOf(name, config))),
  });
  provider.register({ propagator: new W3CTraceContextPropagator() });
  options.logger.info({ traces: { exporters: config.exporters, url: config.otlpUrl, protocol: config.protocol, sampler: config.sampler } }, 'OpenTelemetry tracing on');
  return { shutdown: () => provider.shutdown() };
}

function exporterOf(name: 'otlp' | 'console', config: TracesConfig): SpanExporter {
  if (name === 'console') return new ConsoleSpanExporter();
  // Headers, timeout and compression come from OTEL_EXPORTER_OTLP_(TRACES_)HEADERS etc., read by the exporter.
  return config.protocol === 'http/json' ? new OtlpJsonExporter({ url: config.otlpUrl }) : new OtlpProtobufExporter({ url: config.otlpUrl });
}

function samplerOf(config: TracesConfig): Sampler {
  const ratio = () => new TraceIdRatioBasedSampler(config.samplerRatio);
  switch (config.sampler) {
    case 'always_on':
      return new AlwaysOnSampler();
    case 'always_off':
      return new AlwaysOffSampler();
    case 'traceidratio':
      return ratio();
    case 'parentbased_always_on':
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: ratio() });
  }
}

/**
 * The SDK reports its own trouble (a collector that refuses or cannot be reached) through the
 * API's diagnostic logger, silent by default: warnings and errors go to the gateway's log,
 * one a minute at most.
 */
function routeDiagnostics(logger: Logger): void {
  let last = -Infinity;
  let skipped = 0;
  const log: DiagLogFunction = (message, ...args) => {
    const now = Date.now();
    if (now - last < DIAG_LOG_INTERVAL_MS) {
      skipped++;
      return;
    }
    last = now;
    const detail = args.map((a) => (a instanceof Error ? a.message : typeof a === 'string' ? a : '')).filter(Boolean).join('; ');
    logger.warn({ otel: { detail: detail.slice(0, 500), skipped } }, `OpenTelemetry: ${message.slice(0, 500)}`);
    skipped = 0;
  };
  const quiet: DiagLogFunction = () => undefined;
  diag.setLogger({ error: log, warn: log, info: quiet, debug: quiet, verbose: quiet }, { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
}
