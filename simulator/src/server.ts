import type { KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CallLog, type RecordedCall } from './call-log.js';
import { Faults, type InjectedFault, type RandomFault } from './faults.js';
import { SimHttpError, send } from './http-util.js';
import { kenshoAuthorizer } from './kensho-auth.js';
import type { Answer, RouteHandler, SimRoute } from './route.js';
import { OKTA_ISSUER_PATH } from './routes/okta.js';
import { ROUTES, type RefreshApp, type Route, type RouteKnobs, type RouteUrls, type RouteViews, type StartedRoutes } from './routes.js';
import { TokenAuthority } from './tokens.js';

export type { RecordedCall } from './call-log.js';
export type { InjectedFault, RandomFault } from './faults.js';

/** Knobs of the server itself, whatever the upstream. */
export interface ServerKnobs {
  /** Latency added to every answer (default 0). */
  latencyMs: number;
  /** Faults answered at random (seeded, so runs repeat): e.g. 20% 503 and 5% 429 on 'nerd'. */
  randomFaults: RandomFault[];
}

/** Every knob, the server's and each upstream's (routes/*.ts): tests set them on a running simulator. */
export interface SimulatorKnobs extends ServerKnobs, RouteKnobs {}

/** How to start a simulator: where it listens, its clock and call log, and any knob's first value. */
export interface SimulatorOptions extends Partial<SimulatorKnobs> {
  host?: string;
  port?: number;
  /** Epoch ms; every iat/exp check, token and job timing uses it. */
  clock?: () => number;
  /** Most recent calls `counters.log()` keeps (default 10 000); counts cover every call. */
  callLogLimit?: number;
}

/** An upstream app of the simulator, as a fault's target names it. */
export type SimApp = Exclude<Route['key'], 'okta' | 'refresh'>;

/** A running simulator: its URLs, what tests register, inject and read, and its knobs. */
export interface Simulator extends RouteViews {
  readonly url: string;
  readonly urls: RouteUrls;
  registerClient(opts: { clientId: string; publicKey: KeyObject | string; scopes: string[] }): void;
  registerSkykitIssuer(opts: { email: string; publicKey: KeyObject | string; permissions?: 'all' | 'none' }): void;
  issueRefreshToken(app: RefreshApp): string;
  issueAccessToken(opts: { scopes: string[]; lifetimeSeconds?: number }): Promise<string>;
  revokeAllTokens(): void;
  inject(fault: InjectedFault): void;
  clearFaults(): void;
  readonly knobs: SimulatorKnobs;
  readonly counters: {
    tokenRequests(scope?: string): number;
    calls(endpoint: string): number;
    /** The most recent calls (about `callLogLimit` of them), oldest first. */
    log(): readonly RecordedCall[];
    reset(): void;
  };
  close(): Promise<void>;
}

/** The knobs' first values: each route's defaults, then the options that name a knob. */
function initialKnobs(options: SimulatorOptions): SimulatorKnobs {
  const knobs: Record<string, unknown> = { latencyMs: 0, randomFaults: [] };
  for (const route of ROUTES) Object.assign(knobs, route.knobs());
  for (const [name, value] of Object.entries(options)) if (name in knobs && value !== undefined) knobs[name] = value;
  // Every route's knobs() returns its part of RouteKnobs in full, so together they are all of them.
  return knobs as unknown as SimulatorKnobs;
}

/** A fault's body when the test gave none: the route's vendor shape, else Kensho's `{detail}`. */
function faultBody(route: SimRoute | undefined, status: number): unknown {
  if (route?.faultBody) return route.faultBody(status);
  if (status === 429) return { detail: 'user request rate has been exceeded' };
  if (status === 401) return { detail: 'invalid token' };
  return { detail: `simulated failure ${status}` };
}

/**
 * Starts the upstream simulator: every route of routes.ts (Okta, the per-app refresh endpoints,
 * NERD v1, Extract v3, Link, Scribe batch v2, kFinance and Skykit) on one node:http server, each
 * under its own path, plus `GET /__sim/counters`.
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const clock = options.clock ?? Date.now;
  const knobs = initialKnobs(options);
  let base = '';
  // Access tokens are issued by Okta's authorization server URL.
  const authority = await TokenAuthority.create(() => `${base}${OKTA_ISSUER_PATH}`, clock);
  const calls = new CallLog(options.callLogLimit);
  const faults = new Faults(() => knobs.randomFaults);
  const routes: ReadonlyArray<{ route: Route; handler: RouteHandler }> = ROUTES.map((route) => ({
    route,
    handler: route.start({ clock, knobs, authority, baseUrl: () => base, routes: ROUTES, grant: (scope) => calls.grant(scope), authorize: kenshoAuthorizer(authority, 'scope' in route ? route.scope : undefined) }),
  }));
  const started = Object.fromEntries(routes.map(({ route, handler }) => [route.key, handler])) as StartedRoutes;

  /** The endpoint name of a request and the route it belongs to (none: the server's own, or unknown). */
  function name(method: string, path: string): { endpoint: string; route?: Route; handler?: RouteHandler } {
    if (path === '/__sim/counters' && method === 'GET') return { endpoint: 'sim.counters' };
    for (const { route, handler } of routes) {
      const endpoint = handler.endpoint(method, path);
      if (endpoint !== undefined) return { endpoint, route, handler };
    }
    return { endpoint: 'unknown' };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sim.invalid');
    const { endpoint, route, handler } = name(req.method ?? 'GET', url.pathname.replace(/\/+$/, ''));
    const record: RecordedCall = { endpoint, status: 0, at: clock(), userAgent: req.headers['user-agent'], remotePort: req.socket.remotePort, traceparent: typeof req.headers.traceparent === 'string' ? req.headers.traceparent : undefined };
    calls.record(record);
    try {
      if (knobs.latencyMs > 0) await new Promise((r) => setTimeout(r, knobs.latencyMs));
      const fault = faults.take(endpoint);
      if (fault) {
        req.resume();
        record.status = fault.status;
        const body = ('body' in fault ? fault.body : undefined) ?? faultBody(route, fault.status);
        send(res, fault.status, body, fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : {});
        return;
      }
      let answer: Answer;
      if (handler) answer = await handler.handle({ req, url, endpoint, record });
      else if (endpoint === 'sim.counters') answer = { status: 200, body: calls.summary() };
      else throw new SimHttpError(404, { detail: 'no such endpoint' });
      record.status = answer.status;
      send(res, answer.status, answer.body, answer.headers);
    } catch (error) {
      if (error instanceof SimHttpError) {
        record.status = error.status;
        send(res, error.status, error.body, error.headers);
      } else {
        record.status = 500;
        send(res, 500, { detail: 'internal simulator error' });
      }
      req.resume();
    }
  }

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  base = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  const urls = Object.fromEntries(ROUTES.flatMap((route) => ('url' in route ? [[route.url.name, `${base}${route.url.path}`]] : []))) as RouteUrls;
  const views = Object.fromEntries(routes.flatMap(({ route, handler }) => ('view' in handler ? [[route.key, handler.view]] : []))) as RouteViews;

  return {
    url: base,
    urls,
    registerClient: ({ clientId, publicKey, scopes }) => started.okta.register(clientId, publicKey, scopes),
    registerSkykitIssuer: ({ email, publicKey, permissions }) => started.skykit.registerIssuer(email, publicKey, permissions),
    issueRefreshToken: (app) => started.refresh.issue(app),
    issueAccessToken: async ({ scopes, lifetimeSeconds }) => (await authority.issue('account-page', [...scopes].sort(), { seconds: lifetimeSeconds ?? 3600 })).token,
    revokeAllTokens: () => authority.revokeAll(),
    inject: (fault) => faults.inject(fault),
    clearFaults: () => faults.clear(),
    knobs,
    ...views,
    counters: {
      tokenRequests: (scope) => calls.tokenRequests(scope),
      calls: (endpoint) => calls.calls(endpoint),
      log: () => calls.log(),
      reset: () => {
        calls.reset();
        for (const { handler } of routes) handler.reset?.();
      },
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
