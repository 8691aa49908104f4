import { extractRoute } from './routes/extract.js';
import { kfinanceRoute } from './routes/kfinance.js';
import { linkRoute } from './routes/link.js';
import { nerdRoute } from './routes/nerd.js';
import { oktaRoute } from './routes/okta.js';
import { refreshRoute } from './routes/refresh.js';
import { scribeRoute } from './routes/scribe.js';
import { skykitRoute } from './routes/skykit.js';

/**
 * Every upstream the simulator serves, in the order the server asks them to name a request
 * (refresh before the apps whose `/oauth2/refresh` it serves) and the printout lists them.
 * Adding an upstream is its route module plus one line here.
 */
export const ROUTES = [oktaRoute, refreshRoute, nerdRoute, extractRoute, linkRoute, scribeRoute, kfinanceRoute, skykitRoute] as const;

/** One route of the list, with its literal type. */
export type Route = (typeof ROUTES)[number];

/** The key of an app with a refresh endpoint (what `issueRefreshToken` takes). */
export type RefreshApp = Extract<Route, { refresh: object }>['key'];

/** The routes' started handlers by key. */
export type StartedRoutes = { [R in Route as R['key']]: ReturnType<R['start']> };

/** What the simulator shows tests of each app that has something to show (`sim.nerd.storedJobs()`, …). */
export type RouteViews = { [R in Route as ReturnType<R['start']> extends { view: object } ? R['key'] : never]: ReturnType<R['start']> extends { view: infer V } ? V : never };

/** The simulator's URLs by name (`urls.tokenUrl`, `urls.nerd`, …). */
export type RouteUrls = { [R in Extract<Route, { url: object }> as R['url']['name']]: string };

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** Every route's knobs, together. */
export type RouteKnobs = UnionToIntersection<ReturnType<Route['knobs']>>;

/** True for a route with a refresh endpoint (narrows its key to RefreshApp). */
export function hasRefresh(route: Route): route is Extract<Route, { refresh: object }> {
  return 'refresh' in route;
}
