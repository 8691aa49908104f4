import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardQueries, exposedNames, metricNames } from '../helpers/promql.js';
import { startStack, type Stack } from '../helpers/stack.js';

const dashboard = JSON.parse(readFileSync(new URL('../../deploy/grafana/kensho-gateway.json', import.meta.url), 'utf8')) as Parameters<typeof dashboardQueries>[0];

describe('the Grafana dashboard (deploy/grafana/kensho-gateway.json) against /metrics', () => {
  let stack: Stack;
  let exposed: Set<string>;
  beforeAll(async () => {
    stack = await startStack();
    // Operations, a token fetch and upstream calls, so the counters have samples too.
    await stack.gql('query Dash { annotateText(text: "Apple") { knowledgeBase annotations { text } } }', undefined, { 'apollographql-client-name': 'dashboard', 'apollographql-client-version': '1.0' });
    await stack.gql('query Dash { annotateText(text: "") { knowledgeBase } }');
    exposed = exposedNames(await (await fetch(`${stack.url}/metrics`)).text());
  });
  afterAll(async () => stack.close());

  it('reads the metric names out of PromQL (a check of the check)', () => {
    expect(metricNames('histogram_quantile(0.95, sum by (le, app) (rate(gateway_upstream_request_duration_seconds_bucket{instance=~"$instance", status!~"2.."}[$__rate_interval])))')).toEqual(['gateway_upstream_request_duration_seconds_bucket']);
    expect(metricNames('max by (type, field) (a_total) unless on (type, field) (sum by (type) (increase(b_total[1d])) > 0) / 1e3')).toEqual(['a_total', 'b_total']);
    expect(exposed.has('gateway_graphql_operation_duration_seconds_bucket')).toBe(true);
    expect(exposed.has('no_such_metric_total')).toBe(false);
  });

  it('names only metrics the gateway exposes', () => {
    const queries = dashboardQueries(dashboard);
    expect(queries.length).toBeGreaterThan(25);
    const missing = queries.flatMap(({ where, expr }) => metricNames(expr).filter((name) => !exposed.has(name)).map((name) => `${where}: ${name}`));
    expect(missing).toEqual([]);
  });

  it('covers operations by client and outcome, latency, upstream calls and errors, token fetches, cache bytes and evictions, circuits and field usage', () => {
    const named = new Set(dashboardQueries(dashboard).flatMap(({ expr }) => metricNames(expr)));
    for (const name of [
      'gateway_graphql_operations_total',
      'gateway_graphql_operation_duration_seconds_bucket',
      'gateway_upstream_requests_total',
      'gateway_upstream_request_duration_seconds_bucket',
      'gateway_upstream_retries_total',
      'gateway_token_fetches_total',
      'gateway_token_expiry_seconds',
      'gateway_cache_bytes',
      'gateway_cache_evictions_total',
      'gateway_upstream_circuit_open',
      'gateway_cache_circuit_open',
      'gateway_graphql_field_usage_total',
      'gateway_graphql_schema_fields',
    ]) {
      expect(named, name).toContain(name);
    }
    const byClientAndOutcome = dashboardQueries(dashboard).some(({ expr }) => /sum by \(client, outcome\) \(rate\(gateway_graphql_operations_total/.test(expr));
    expect(byClientAndOutcome).toBe(true);
  });
});
