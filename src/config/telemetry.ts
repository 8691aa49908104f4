import type { TelemetryConfig, TraceSampler, TracesConfig } from './types.js';
import type { Reader } from './reader.js';
import { UPSTREAM_APPS } from '../apps/registry.js';

const SAMPLERS: readonly TraceSampler[] = ['always_on', 'always_off', 'traceidratio', 'parentbased_always_on', 'parentbased_always_off', 'parentbased_traceidratio'];

/** The OTLP/HTTP port on this machine: the spec's default endpoint, when only OTEL_TRACES_EXPORTER=otlp is set. */
const DEFAULT_OTLP_ENDPOINT = 'http://localhost:4318';

/**
 * Tracing from the standard OpenTelemetry variables, read as the SDK specification defines them
 * (https://opentelemetry.io/docs/specs/otel/configuration/sdk-environment-variables/), with one
 * difference: the spec's default exporter is `otlp` to localhost, which would load an SDK and
 * send spans nowhere on every gateway; here tracing starts only when an exporter or an endpoint
 * is named. Everything else the SDK reads itself (OTEL_EXPORTER_OTLP_HEADERS, _TIMEOUT,
 * OTEL_RESOURCE_ATTRIBUTES, OTEL_BSP_*, span limits).
 */
export function readTelemetry(r: Reader, problems: string[]): TelemetryConfig {
  return { traces: readTraces(r, problems), propagateTo: readPropagation(r, problems) };
}

function readTraces(r: Reader, problems: string[]): TracesConfig | undefined {
  const disabled = r.bool('OTEL_SDK_DISABLED', false);
  const endpoint = r.string('OTEL_EXPORTER_OTLP_ENDPOINT');
  const tracesEndpoint = r.string('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
  const named = r.string('OTEL_TRACES_EXPORTER');
  const protocol = r.oneOf('OTEL_EXPORTER_OTLP_TRACES_PROTOCOL', PROTOCOLS, r.oneOf('OTEL_EXPORTER_OTLP_PROTOCOL', PROTOCOLS, 'http/protobuf'));
  const serviceName = r.string('OTEL_SERVICE_NAME');
  const sampler = r.oneOf('OTEL_TRACES_SAMPLER', SAMPLERS, 'parentbased_always_on');
  const samplerRatio = readRatio(r, problems);
  let exporters: Array<'otlp' | 'console'> = [];
  if (named !== undefined) {
    const names = named.split(',').map((n) => n.trim().toLowerCase()).filter(Boolean);
    const unknown = names.filter((n) => n !== 'otlp' && n !== 'console' && n !== 'none');
    if (unknown.length > 0) problems.push(`OTEL_TRACES_EXPORTER: ${unknown.join(', ')} not offered; use otlp, console or none`);
    exporters = names.includes('none') ? [] : [...new Set(names.filter((n): n is 'otlp' | 'console' => n === 'otlp' || n === 'console'))];
  } else if (endpoint !== undefined || tracesEndpoint !== undefined) {
    exporters = ['otlp'];
  }
  if (protocol === 'grpc') {
    problems.push(`${r.string('OTEL_EXPORTER_OTLP_TRACES_PROTOCOL') ? 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL' : 'OTEL_EXPORTER_OTLP_PROTOCOL'}: grpc is not bundled; use http/protobuf (port 4318) or http/json`);
  }
  if (disabled || exporters.length === 0) return undefined;
  // The signal's own endpoint is used as given; the general one gets the signal's path (spec).
  const otlpUrl = tracesEndpoint !== undefined ? checkedUrl('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', tracesEndpoint, problems) : `${checkedUrl('OTEL_EXPORTER_OTLP_ENDPOINT', endpoint ?? DEFAULT_OTLP_ENDPOINT, problems).replace(/\/+$/, '')}/v1/traces`;
  return { exporters, otlpUrl, protocol: protocol === 'grpc' ? 'http/protobuf' : protocol, serviceName, sampler, samplerRatio };
}

const PROTOCOLS = ['http/protobuf', 'http/json', 'grpc'] as const;

function readRatio(r: Reader, problems: string[]): number {
  const raw = r.string('OTEL_TRACES_SAMPLER_ARG');
  if (raw === undefined) return 1;
  const ratio = Number(raw);
  if (!Number.isFinite(ratio) || ratio < 0 || ratio > 1) {
    problems.push(`OTEL_TRACES_SAMPLER_ARG: "${raw}" is not a ratio between 0 and 1`);
    return 1;
  }
  return ratio;
}

function checkedUrl(name: string, value: string, problems: string[]): string {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('scheme');
  } catch {
    problems.push(`${name}: "${value}" is not an http(s) URL`);
  }
  return value;
}

/**
 * Which apps get `traceparent` (a trace id and the calling span's id, nothing of the caller's):
 * every app by default, since an upstream that traces can then join the gateway's trace; an app
 * left out of the list is called without it.
 */
function readPropagation(r: Reader, problems: string[]): readonly string[] {
  const all = UPSTREAM_APPS.map((app) => app.key);
  const raw = r.string('TRACEPARENT_UPSTREAMS');
  if (raw === undefined || raw === 'all') return all;
  if (raw === 'none') return [];
  const listed = raw.split(',').map((a) => a.trim().toLowerCase()).filter(Boolean);
  const unknown = listed.filter((a) => !(all as readonly string[]).includes(a));
  if (unknown.length > 0) problems.push(`TRACEPARENT_UPSTREAMS: unknown app(s) ${unknown.join(', ')}; use all, none, or some of ${all.join(', ')}`);
  return all.filter((a) => listed.includes(a));
}
