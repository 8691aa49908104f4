import type { GatewayServices } from './services.js';
import { appClients } from './apps/context.js';
import { UPSTREAM_APPS, type UpstreamLoaders } from './apps/registry.js';

/** The per-operation loaders: every app's, side by side (`annotate`, `extraction`, …). */
export type Loaders = UpstreamLoaders;

const SERVICES = Symbol('services');
const SIGNAL = Symbol('signal');
const BUILT = Symbol('built');

/** An operation's own state behind the getters (symbols: no loader name can collide). */
interface LoaderState {
  [SERVICES]: GatewayServices;
  [SIGNAL]: AbortSignal | undefined;
  /** Each app's loaders once built, by the app's index in the registry. */
  [BUILT]: unknown[];
}

/**
 * Getters for every loader of every app, on a prototype made once per process: a loader's app
 * builds all its loaders the first time one of them is used in an operation, so an operation
 * builds only the DataLoaders of the apps it calls.
 */
let prototype: object | undefined;

function loadersPrototype(services: GatewayServices): object {
  if (prototype) return prototype;
  const proto = {};
  UPSTREAM_APPS.forEach((app, index) => {
    // The names an app's loaders have, from one throw-away set (DataLoaders are cheap and lazy).
    // An app's parts are not touched until a batch runs, so no client is needed for this.
    const names = Object.keys(app.loaders({} as never, undefined, services.config));
    for (const name of names) {
      Object.defineProperty(proto, name, {
        enumerable: true,
        get(this: LoaderState) {
          // An app that is not configured has no loaders: UPSTREAM_NOT_CONFIGURED, said by appClients.
          const own = (this[BUILT][index] ??= app.loaders(appClients(this[SERVICES], app.key) as never, this[SIGNAL], this[SERVICES].config)) as Record<string, unknown>;
          return own[name];
        },
      });
    }
  });
  return (prototype = proto);
}

/**
 * A fresh set of loaders for one operation, so memoised results never cross callers or scopes.
 * Each app builds its own from the services (`src/apps/<app>/loaders.ts`), on first use.
 */
export function createLoaders(services: GatewayServices, signal?: AbortSignal): Loaders {
  const state = Object.create(loadersPrototype(services)) as LoaderState;
  state[SERVICES] = services;
  state[SIGNAL] = signal;
  state[BUILT] = [];
  return state as unknown as Loaders;
}
