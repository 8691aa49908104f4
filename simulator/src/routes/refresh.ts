import { RefreshSimulator, type RefreshableApp } from '../refresh.js';
import { defineRoute, type RouteContext } from '../route.js';

/** Knobs the refresh endpoints read on each request. */
export interface RefreshKnobs {
  /** If set, refresh-flow tokens live this long instead of until the next full hour. */
  refreshTokenLifetimeSeconds: number | undefined;
}

/**
 * The per-app refresh endpoints (UPSTREAMS §1.2), `{app URL}/oauth2/refresh`, of every route that
 * declares `refresh`; their endpoint names are `<app>.refresh` (a fault's target `refresh` hits them all).
 */
export const refreshRoute = defineRoute({
  key: 'refresh',
  knobs: (): RefreshKnobs => ({ refreshTokenLifetimeSeconds: undefined }),
  start(ctx: RouteContext<RefreshKnobs>) {
    const refresh = new RefreshSimulator(ctx.authority, ctx.clock, () => ctx.knobs.refreshTokenLifetimeSeconds);
    const byPath = new Map<string, RefreshableApp>();
    for (const route of ctx.routes) {
      if (route.refresh && route.url && route.scope) byPath.set(`${route.url.path}/oauth2/refresh`, { key: route.key, scope: route.scope, param: route.refresh.param, field: route.refresh.field });
    }
    const appOf = new Map([...byPath.values()].map((app) => [`${app.key}.refresh`, app]));
    return {
      endpoint: (_method, path) => {
        const app = byPath.get(path);
        return app ? `${app.key}.refresh` : undefined;
      },
      async handle({ req, url, endpoint }) {
        const { scope, body } = await refresh.handle(appOf.get(endpoint)!, req, url);
        ctx.grant(scope);
        return { status: 200, body };
      },
      /** A new refresh token for the app with key `app`, as its Account page would show it. */
      issue: (app: string) => refresh.issue(app),
    };
  },
});
