import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { TokenEvent } from '../auth/outbound/token-manager.js';
import type { CacheUsage } from '../store/store.js';
import type { CompileOutcome } from '../graphql/compiled-execution.js';
import { droppedLogLines } from '../logger.js';
import type { SchemaFields } from '../graphql/field-usage.js';
import { BoundedLabel } from './bounded-label.js';
import { NO_CLIENT, type ClientInfo } from './client-info.js';

/** A token the gateway holds, for the expiry gauge (never the token itself). */
export interface HeldToken {
  readonly credential: string;
  readonly scope: string;
  readonly expiresAt: number;
}

/** How an operation ended: answered, answered with errors, or ended by its caller first. */
export type OperationOutcome = 'ok' | 'error' | 'cancelled';

const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const MAX_OPERATION_NAMES = 200;
/** Client names as applications are named ("web", "ios-app", "Partner Portal", "acme/reports@2"). */
const CLIENT_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._:/@+-]{0,63}$/;
const MAX_CLIENT_NAMES = 30;
/** Versions as releases are numbered ("1.4.2", "2024.06.1+build.7", "abc123f"). */
const CLIENT_VERSION = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,39}$/;
/** (client, version) pairs kept: versions come and go with releases, the pairs stay bounded. */
const MAX_CLIENT_VERSIONS = 100;

/**
 * The gateway's Prometheus metrics, in a registry of its own (two gateways in one process do
 * not collide). Labels are bounded: operation and client names are checked and capped
 * (bounded-label.ts), field names are the schema's, upstream endpoints are fixed names,
 * credentials are named by kind and app or Client ID — no ids, texts or secrets.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly operationNames = new BoundedLabel(OPERATION_NAME, MAX_OPERATION_NAMES, 'anonymous');
  private readonly clientNames = new BoundedLabel(CLIENT_NAME, MAX_CLIENT_NAMES, 'unknown');
  private readonly clientVersions = new BoundedLabel(CLIENT_VERSION, MAX_CLIENT_VERSIONS, 'unknown');
  private readonly operations = new Counter({ name: 'gateway_graphql_operations_total', help: 'GraphQL operations by name, outcome, client and client version', labelNames: ['operation', 'outcome', 'client', 'client_version'], registers: [this.registry] });
  // No client version here: a histogram is 15 series per label set.
  private readonly operationSeconds = new Histogram({ name: 'gateway_graphql_operation_duration_seconds', help: 'GraphQL operation duration by name, outcome and client', labelNames: ['operation', 'outcome', 'client'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30], registers: [this.registry] });
  /**
   * Operations by transport (http, websocket, sse, mcp) and outcome: a counter of its own, not a
   * label of the one above, which it would multiply by every transport (at most 4 x 3 series here).
   */
  private readonly transportOperations = new Counter({ name: 'gateway_graphql_transport_operations_total', help: 'GraphQL operations by transport and outcome', labelNames: ['transport', 'outcome'], registers: [this.registry] });
  /** The schema's fields (watchFields), and per client label how often operations selected each. */
  private fieldTable: SchemaFields | undefined;
  private readonly fieldCounts = new Map<string, Float64Array>();
  private readonly upstream = new Counter({ name: 'gateway_upstream_requests_total', help: 'Upstream HTTP requests by app, endpoint and status', labelNames: ['app', 'endpoint', 'status'], registers: [this.registry] });
  private readonly upstreamSeconds = new Histogram({ name: 'gateway_upstream_request_duration_seconds', help: 'Upstream HTTP request duration', labelNames: ['app', 'endpoint'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30], registers: [this.registry] });
  private readonly tokenFetches = new Counter({ name: 'gateway_token_fetches_total', help: 'Upstream token fetches by credential and outcome', labelNames: ['credential', 'outcome', 'reason'], registers: [this.registry] });
  private readonly tokenCache = new Counter({ name: 'gateway_token_cache_total', help: 'Token cache lookups by outcome', labelNames: ['outcome'], registers: [this.registry] });
  private readonly retries = new Counter({ name: 'gateway_upstream_retries_total', help: 'Upstream retries by app and reason', labelNames: ['app', 'reason'], registers: [this.registry] });
  private readonly cacheTimeouts = new Counter({ name: 'gateway_cache_call_timeouts_total', help: 'Cache calls abandoned after their time limit', labelNames: ['op'], registers: [this.registry] });

  constructor(heldTokens: () => readonly HeldToken[], clock: () => number = Date.now) {
    collectDefaultMetrics({ register: this.registry, prefix: 'gateway_' });
    new Gauge({
      name: 'gateway_token_expiry_seconds',
      help: 'Seconds until each cached upstream token expires',
      labelNames: ['credential', 'scope'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const t of heldTokens()) this.set({ credential: credentialLabel(t.credential), scope: t.scope || 'none' }, Math.round((t.expiresAt - clock()) / 1000));
      },
    });
  }

  /**
   * Records one finished GraphQL operation, by the client it names, and the schema fields it
   * selected (`fields`: numbers of the table given to watchFields), and the transport it came over.
   */
  operation(name: string | null | undefined, outcome: OperationOutcome, seconds: number, client: ClientInfo = NO_CLIENT, fields?: readonly number[], transport = 'http'): void {
    const operation = this.operationNames.label(name);
    this.transportOperations.inc({ transport, outcome });
    const clientLabel = this.clientNames.label(client.name);
    this.operations.inc({ operation, outcome, client: clientLabel, client_version: this.clientVersions.label(client.version, clientLabel) });
    this.operationSeconds.observe({ operation, outcome, client: clientLabel }, seconds);
    if (fields && fields.length > 0 && this.fieldTable) {
      // Plain counts per request (a few array increments); prom-client's labelled inc, which
      // hashes its labels each time, runs at scrape time only.
      let counts = this.fieldCounts.get(clientLabel);
      if (!counts) this.fieldCounts.set(clientLabel, (counts = new Float64Array(this.fieldTable.fields.length)));
      for (const id of fields) counts[id]! += 1;
    }
  }

  /**
   * Counts field usage against `table` from now on: `gateway_graphql_field_usage_total{type,
   * field, client}` (operations that selected the field) and `gateway_graphql_schema_fields{type,
   * field}` (1 for every field served), so the fields no client uses are the second without the first.
   */
  watchFields(table: SchemaFields): void {
    if (this.fieldTable) return;
    this.fieldTable = table;
    const counts = this.fieldCounts;
    new Counter({
      name: 'gateway_graphql_field_usage_total',
      help: 'Operations that selected each schema field, by client',
      labelNames: ['type', 'field', 'client'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [client, n] of counts) {
          for (let id = 0; id < n.length; id++) if (n[id]! > 0) this.inc({ type: table.fields[id]!.type, field: table.fields[id]!.field, client }, n[id]!);
        }
      },
    });
    const served = new Gauge({ name: 'gateway_graphql_schema_fields', help: 'Each field of the schema this gateway serves (1)', labelNames: ['type', 'field'], registers: [this.registry] });
    for (const { type, field } of table.fields) served.set({ type, field }, 1);
  }

  /** Records one upstream HTTP exchange. */
  upstreamCall(app: string, endpoint: string, status: number | 'error', seconds: number): void {
    this.upstream.inc({ app, endpoint, status: String(status) });
    this.upstreamSeconds.observe({ app, endpoint }, seconds);
  }

  private readonly circuits = new Gauge({ name: 'gateway_upstream_circuit_open', help: '1 while an upstream circuit is open (failing fast)', labelNames: ['app'], registers: [this.registry] });

  private readonly cacheCircuitGauge = new Gauge({ name: 'gateway_cache_circuit_open', help: '1 while the shared cache store is being skipped after failures', registers: [this.registry] });

  /** A counter `gateway_<name>` an app increments (files it sent upstream, say), labelled by `labelNames`. */
  counter<L extends string>(name: string, help: string, labelNames: readonly L[]): (labels: Readonly<Record<L, string>>, value?: number) => void {
    const counter = new Counter({ name: `gateway_${name}`, help, labelNames: [...labelNames], registers: [this.registry] });
    return (labels, value = 1) => counter.inc(labels, value);
  }

  /** A gauge `gateway_<name>` read from `read` at scrape time (an app's jobs polled right now, say). */
  gauge(name: string, help: string, read: () => number): void {
    this.watchActive(`gateway_${name}`, help, read);
  }

  /** A gauge read from `active` at scrape time. */
  private watchActive(name: string, help: string, active: () => number): void {
    new Gauge({
      name,
      help,
      registers: [this.registry],
      collect() {
        this.set(active());
      },
    });
  }

  private readonly cacheUsages = new Map<string, CacheUsage>();

  /**
   * Reports an in-process cache's bytes, budget and evictions under `cache="<name>"`, read at
   * scrape time (`gateway_cache_bytes`, `gateway_cache_budget_bytes`, `gateway_cache_evictions_total`).
   */
  watchCache(name: string, usage: CacheUsage): void {
    if (this.cacheUsages.size === 0) {
      const usages = this.cacheUsages;
      const each = (read: (u: CacheUsage) => number) =>
        function (this: Gauge | Counter) {
          this.reset();
          for (const [cache, u] of usages) this.inc({ cache }, read(u));
        };
      new Gauge({ name: 'gateway_cache_bytes', help: 'Bytes held by each in-process cache (within its budget)', labelNames: ['cache'], registers: [this.registry], collect: each((u) => u.bytes) });
      new Gauge({ name: 'gateway_cache_budget_bytes', help: 'Byte budget of each in-process cache', labelNames: ['cache'], registers: [this.registry], collect: each((u) => u.budgetBytes) });
      new Counter({ name: 'gateway_cache_evictions_total', help: 'Entries each in-process cache pushed out to stay within its budget', labelNames: ['cache'], registers: [this.registry], collect: each((u) => u.evictions) });
    }
    this.cacheUsages.set(name, usage);
  }

  private readonly logDrops = new Counter({
    name: 'gateway_log_lines_dropped_total',
    help: 'Log lines dropped because standard output did not keep up (16 MiB were waiting)',
    registers: [this.registry],
    collect() {
      this.reset();
      this.inc(droppedLogLines());
    },
  });

  private readonly compilations = new Counter({ name: 'gateway_graphql_compilations_total', help: 'Cached queries compiled for execution (graphql-jit), or left to graphql-js and why', labelNames: ['outcome'], registers: [this.registry] });

  /** Records a cached query compiled, or left on graphql-js (graphql-jit refused it, or it would not fit the document cache). */
  compilation(outcome: CompileOutcome): void {
    this.compilations.inc({ outcome });
  }

  /** Records the cache store's breaker opening or closing. */
  cacheCircuit(open: boolean): void {
    this.cacheCircuitGauge.set(open ? 1 : 0);
  }

  /** Records a circuit opening or closing. */
  circuit(app: string, open: boolean): void {
    this.circuits.set({ app }, open ? 1 : 0);
  }

  /** Records a retry (401 re-auth, 429 wait, 5xx/network backoff). */
  retry(app: string, reason: '401' | '403' | '429' | '5xx'): void {
    this.retries.inc({ app, reason });
  }

  /** Records a token-manager event. */
  token(event: TokenEvent): void {
    if (event.type === 'cache') this.tokenCache.inc({ outcome: event.outcome });
    if (event.type === 'fetch') this.tokenFetches.inc({ credential: credentialLabel(event.credential), outcome: event.outcome, reason: event.reason });
  }

  /** Records a cache call that ran out of time. */
  cacheTimeout(op: string): void {
    this.cacheTimeouts.inc({ op });
  }

}

/**
 * Credential ids are "<kind>:<app or identifier>[:<fingerprint>]". The label names the kind, and
 * the app where the id has one ("refresh:nerd", "pasted:extract"); never the Okta Client ID or the
 * Skykit e-mail, which identify the account to anyone who can read /metrics.
 */
export function credentialLabel(id: string): string {
  const [kind, second] = id.split(':');
  return kind === 'refresh' || kind === 'pasted' ? `${kind}:${second}` : kind!;
}
