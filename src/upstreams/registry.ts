import { extractApp } from './extract/app.js';
import { linkApp } from './link/app.js';
import { kfinanceApp } from './kfinance/app.js';
import { nerdApp } from './nerd/app.js';
import { scribeApp } from './scribe/app.js';
import { skykitApp } from './skykit/app.js';

/**
 * Every upstream app the gateway serves, in the order `gateway { upstreams }` lists them. Adding
 * an app is one line here plus its folder (client, wire types, loaders, `app.ts`), its schema
 * file and its part of the simulator; services, loaders, error names, the `@upstream` directive
 * and the CLI all iterate this list.
 */
export const UPSTREAM_APPS = [nerdApp, extractApp, skykitApp, linkApp, scribeApp, kfinanceApp] as const;

type AppDefinition = (typeof UPSTREAM_APPS)[number];

/** The key of an upstream app ("nerd", "extract", "skykit"), derived from the registry. */
export type UpstreamApp = AppDefinition['key'];

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type AllParts = UnionToIntersection<ReturnType<AppDefinition['create']>>;

/** What the apps add to the services: each app's clients, undefined while it is not configured. */
export type UpstreamParts = { readonly [P in keyof AllParts]: AllParts[P] | undefined };

/** The DataLoaders of every app, as one request holds them. */
export type UpstreamLoaders = UnionToIntersection<ReturnType<AppDefinition['loaders']>>;

/** The definition of `app`. */
export function upstreamApp(app: UpstreamApp): AppDefinition {
  const definition = UPSTREAM_APPS.find((d) => d.key === app);
  if (!definition) throw new TypeError(`unknown upstream app ${String(app)}`);
  return definition;
}

/** The app whose GraphQL enum value is `value` ("NERD"), or undefined. */
export function upstreamAppByEnum(value: string): AppDefinition | undefined {
  return UPSTREAM_APPS.find((d) => d.enumValue === value);
}
