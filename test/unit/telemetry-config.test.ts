import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/load.js';

const telemetry = (env: Record<string, string>) => loadConfig(env).telemetry;
const problems = (env: Record<string, string>): readonly string[] => {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
};

describe('tracing configuration from OTEL_* variables', () => {
  it('is off (no SDK) unless an exporter or an endpoint is named', () => {
    expect(telemetry({}).traces).toBeUndefined();
    expect(telemetry({ OTEL_SERVICE_NAME: 'gw', OTEL_TRACES_SAMPLER: 'always_on' }).traces).toBeUndefined();
    expect(telemetry({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' }).traces).toBeUndefined();
    expect(telemetry({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_TRACES_EXPORTER: 'none' }).traces).toBeUndefined();
  });

  it('reads the endpoint, protocol, service name and sampler as the OpenTelemetry specification defines them', () => {
    expect(telemetry({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }).traces).toEqual({
      exporters: ['otlp'],
      otlpUrl: 'http://collector:4318/v1/traces',
      protocol: 'http/protobuf',
      serviceName: undefined,
      sampler: 'parentbased_always_on',
      samplerRatio: 1,
    });
    const t = telemetry({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://ignored:4318',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://traces.example/custom',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
      OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json',
      OTEL_SERVICE_NAME: 'edge-gateway',
      OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
      OTEL_TRACES_SAMPLER_ARG: '0.25',
      OTEL_TRACES_EXPORTER: 'otlp,console',
    }).traces;
    expect(t).toMatchObject({ exporters: ['otlp', 'console'], otlpUrl: 'https://traces.example/custom', protocol: 'http/json', serviceName: 'edge-gateway', sampler: 'parentbased_traceidratio', samplerRatio: 0.25 });
    expect(telemetry({ OTEL_TRACES_EXPORTER: 'otlp' }).traces?.otlpUrl).toBe('http://localhost:4318/v1/traces');
  });

  it('refuses what it cannot do, naming the variable', () => {
    expect(problems({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4317', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' })).toEqual([expect.stringMatching(/^OTEL_EXPORTER_OTLP_PROTOCOL: grpc is not bundled/)]);
    expect(problems({ OTEL_TRACES_EXPORTER: 'zipkin' })).toEqual([expect.stringMatching(/^OTEL_TRACES_EXPORTER: zipkin not offered/)]);
    expect(problems({ OTEL_TRACES_SAMPLER_ARG: '2' })).toEqual([expect.stringMatching(/^OTEL_TRACES_SAMPLER_ARG/)]);
    expect(problems({ OTEL_TRACES_SAMPLER: 'jaeger_remote' })).toEqual([expect.stringMatching(/^OTEL_TRACES_SAMPLER/)]);
    expect(problems({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toEqual([expect.stringMatching(/^OTEL_EXPORTER_OTLP_ENDPOINT: .* not an http\(s\) URL/)]);
  });

  it('propagates to every app by default; TRACEPARENT_UPSTREAMS narrows it', () => {
    expect(telemetry({}).propagateTo).toEqual(['nerd', 'extract', 'skykit', 'link', 'scribe', 'kfinance']);
    expect(telemetry({ TRACEPARENT_UPSTREAMS: 'none' }).propagateTo).toEqual([]);
    expect(telemetry({ TRACEPARENT_UPSTREAMS: 'kfinance, NERD' }).propagateTo).toEqual(['nerd', 'kfinance']);
    expect(problems({ TRACEPARENT_UPSTREAMS: 'nerd,okta' })).toEqual([expect.stringMatching(/^TRACEPARENT_UPSTREAMS: unknown app\(s\) okta/)]);
  });
});
