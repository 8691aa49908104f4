import type { IncomingMessage } from 'node:http';
import type { SimAccessClaims, TokenAuthority } from './tokens.js';

/** What a handler answers; the server writes it (JSON, a string raw, `undefined` as no body). */
export interface Answer {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Record<string, string>;
}

/** One call, as the server hands it to the route that named its endpoint. */
export interface RouteCall {
  readonly req: IncomingMessage;
  readonly url: URL;
  /** Its stable name (counters, faults): `<route key>.<endpoint>`, e.g. `nerd.annotations-sync`. */
  readonly endpoint: string;
  /** The call-log entry; a Kensho token check writes the token's scopes into it. */
  readonly record: { scopes?: string[] };
}

/** What the server starts a route with. */
export interface RouteContext<Knobs> {
  /** Epoch ms; every iat/exp check, token and job timing uses it. */
  readonly clock: () => number;
  /** The simulator's knobs, read on each request: tests change them on a running simulator. */
  readonly knobs: Knobs;
  /** Signs and checks the Kensho access tokens (Okta's and the refresh endpoints'). */
  readonly authority: TokenAuthority;
  /** The simulator's base URL (`http://127.0.0.1:<port>`), known once it listens. */
  readonly baseUrl: () => string;
  /** Every route of the simulator, in order (the refresh endpoints serve those that declare one). */
  readonly routes: readonly SimRoute[];
  /** Counts a token granted for `scope` (counters.tokenRequests). */
  readonly grant: (scope: string) => void;
  /**
   * Checks a call's Kensho bearer token: signed by the authority, unexpired, unrevoked (else
   * `unauthenticatedStatus`, default 401) and carrying the route's `scope` (else 403).
   */
  readonly authorize: (call: RouteCall, unauthenticatedStatus?: number) => Promise<SimAccessClaims>;
}

/** A started route: names the calls that are its own and answers them. */
export interface RouteHandler {
  /** The endpoint name of a request (path without trailing slashes), or undefined when it is not this route's. */
  endpoint(method: string, path: string): string | undefined;
  /** Answers a call this route named (or throws SimHttpError). */
  handle(call: RouteCall): Promise<Answer>;
  /** Forgets what `counters.reset()` forgets. */
  reset?(): void;
}

/** Where a gateway is pointed for an upstream: `urls[name]`, listed as `title`, exported as `env`. */
export interface RouteUrl {
  readonly name: string;
  /** Below the simulator's base URL; a Kensho app's base path is also where its refresh endpoint lives. */
  readonly path: string;
  readonly title: string;
  readonly env: string;
}

/** The demo tokens and URL of an app, for its curl examples. */
export interface RouteDemo {
  readonly url: string;
  readonly accessToken: string;
  readonly refreshToken: string;
}

/**
 * One simulated upstream, as the server, the refresh endpoint, the URLs and the printout
 * (`npm run simulator`, the demo setup) know it. Adding an upstream to the simulator is its
 * route module plus one line in routes.ts.
 */
export interface SimRoute<Knobs extends object = object> {
  /** The first part of its endpoint names (`nerd` in `nerd.me`); a fault's target. */
  readonly key: string;
  readonly url?: RouteUrl;
  /** The OAuth scope its calls need (Kensho apps); the demo client is granted it. */
  readonly scope?: string;
  /**
   * Its refresh endpoint, `{url.path}/oauth2/refresh` (UPSTREAMS §1.2): the query parameter it
   * reads and the answer's field; the variables that carry its demo refresh and access tokens.
   */
  readonly refresh?: { readonly param: string; readonly field: string; readonly refreshTokenEnv: string; readonly accessTokenEnv: string };
  /** Lines of the printout's "Try it" that run as pasted, given the app's URL and demo tokens (apps with a refresh endpoint). */
  readonly examples?: (demo: RouteDemo) => readonly string[];
  /** Its knobs with their defaults (a fresh object on each call; options override them). */
  knobs(): Knobs;
  /** Starts its state for one simulator. */
  start(ctx: RouteContext<Knobs>): RouteHandler;
  /** The body of a fault injected on its endpoints, in the vendor's shape (default: Kensho's `{detail}`). */
  faultBody?(status: number): unknown;
}

/**
 * Declares a route. Its literal type is kept (key, URL name, whether it has a refresh endpoint,
 * its knobs, what its started handler offers), so the route list derives the simulator's types.
 */
export function defineRoute<const R extends SimRoute>(route: R): R {
  return route;
}
