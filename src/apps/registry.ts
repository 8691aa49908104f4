import { readFileSync } from 'node:fs';
import type { Credential } from '../auth/outbound/credential.js';
import { kenshoAppCredential, type CredentialDeps } from '../auth/outbound/kensho-app-credential.js';
import type { Config, KenshoAppCredential } from '../config/types.js';
import { settingVariables } from '../config/settings.js';
import type { EntityReference } from './entities.js';
import { extractApp } from './extract/app.js';
import { linkApp } from './link/app.js';
import { kfinanceApp } from './kfinance/app.js';
import { nerdApp } from './nerd/app.js';
import { scribeApp } from './scribe/app.js';
import { skykitApp } from './skykit/app.js';

/**
 * Every upstream app the gateway serves, in the order `gateway { upstreams }` lists them. Adding
 * an app is one line here plus its folder (`src/apps/<app>/`: definition, settings, schema,
 * resolvers, client, loaders, doctor checks), its value of the `UpstreamApp` enum and its route
 * in the simulator; configuration, caller scopes, services, loaders, the schema, the `@upstream`
 * directive, doctor, the playground, upload caps, the CLI and the metrics all iterate this list.
 */
export const UPSTREAM_APPS = [nerdApp, extractApp, skykitApp, linkApp, scribeApp, kfinanceApp] as const;

/** One app of the registry. */
export type AppDefinition = (typeof UPSTREAM_APPS)[number];

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

/** The apps that take Kensho tokens (an OAuth scope): every app but Skykit. */
export const KENSHO_APPS: readonly AppDefinition[] = UPSTREAM_APPS.filter((app) => app.scope !== '');

/** The variables holding an app's own refresh token and pasted access token ("nerd" → KENSHO_NERD_REFRESH_TOKEN). */
export function appTokenVariables(app: string): { readonly refresh: string; readonly access: string } {
  const prefix = `KENSHO_${app.toUpperCase()}`;
  return { refresh: `${prefix}_REFRESH_TOKEN`, access: `${prefix}_ACCESS_TOKEN` };
}

/**
 * Caller scopes an API key or JWT may grant: each app's own, as `callerScope` reads a field's
 * (its OAuth scope, or its key where it has none: "skykit"), and "*" for all.
 */
export const CALLER_SCOPES: readonly string[] = Object.freeze([...UPSTREAM_APPS.map((app) => app.scope || app.key), '*']);

/** Every variable the apps' settings tables read (docs/configuration.md lists them). */
export function appVariables(): string[] {
  return UPSTREAM_APPS.flatMap((app) => settingVariables(app.settings.table));
}

/** The credential `app` uses with this configuration, or undefined when it has none. */
export function appCredential(app: AppDefinition, config: Config, deps: CredentialDeps): Credential | undefined {
  if (app.credential) return app.credential(config, deps);
  const setting: KenshoAppCredential = config.kensho.apps[app.key] ?? { kind: 'none' };
  const refreshWire = 'refreshWire' in app ? app.refreshWire : undefined;
  return kenshoAppCredential(app, setting, app.settings.of(config).url, app.scope, deps, refreshWire);
}

/** The SDL of the gateway's own schema file and of every app, the apps by key (a stable order for printing). */
export function appTypeDefs(): string[] {
  return [...UPSTREAM_APPS].sort((a, b) => a.key.localeCompare(b.key)).map((app) => readFileSync(app.schema, 'utf8'));
}

/** The largest file any app's upload field accepts (bytes): the multipart parser's cap. */
export function maxUploadBytes(config: Config): number {
  return Math.max(0, ...UPSTREAM_APPS.map((app) => ('maxUploadBytes' in app && app.maxUploadBytes ? app.maxUploadBytes(config) : 0)));
}

/** Names of the apps for texts ("Kensho NERD, Kensho Extract, … and Skykit"). */
export function appNames(): string {
  const names = UPSTREAM_APPS.map((app) => app.name);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? '');
}

/** One Federation entity type and the app that serves it. */
export interface AppEntityType {
  readonly app: AppDefinition;
  readonly typename: string;
  readonly entity: EntityReference;
}

/** Every app's Federation entity types (`src/apps/<app>/entities.ts`), in registry order (docs/federation.md). */
export function appEntityTypes(): AppEntityType[] {
  return UPSTREAM_APPS.flatMap((app) => Object.entries(('entities' in app ? app.entities : undefined) ?? {}).map(([typename, entity]) => ({ app, typename, entity })));
}
