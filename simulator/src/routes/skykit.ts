import type { KeyObject } from 'node:crypto';
import { SimHttpError, bearer } from '../http-util.js';
import { defineRoute, type Answer, type RouteCall, type RouteContext } from '../route.js';
import { skykitIssuer, verifySkykitJwt, type SkykitIssuer } from '../skykit-auth.js';
import { CONTENTS, createSkykitFleet } from '../skykit-fleet.js';
import { DEFAULT_SKYKIT_NOT_FOUND, SkykitSimulator, type SkykitKnobs } from '../skykit.js';

const API = '/skykit/sk-api/v1';

/** The endpoint name of a Skykit request. */
function skykitEndpoint(method: string, p: string): string | undefined {
  if (p === `${API}/devices` && method === 'GET') return 'skykit.devices';
  if (p === `${API}/tenants` && method === 'GET') return 'skykit.tenants';
  if (p === `${API}/device` && method === 'GET') return 'skykit.device.get';
  if (p === `${API}/device` && method === 'PUT') return 'skykit.device.put';
  if (p === `${API}/changeContent` && method === 'POST') return 'skykit.changeContent';
  if (p.startsWith('/skykit/')) return 'skykit.other';
  return undefined;
}

/** The Skykit API v1 (UPSTREAMS §4) over a seeded fleet; callers sign their own JWTs. */
export const skykitRoute = defineRoute({
  key: 'skykit',
  url: { name: 'skykit', path: '/skykit', title: 'Skykit', env: 'SKYKIT_URL' },
  knobs: (): SkykitKnobs => ({ skykitRepeatCursor: false, skykitNotFound: { ...DEFAULT_SKYKIT_NOT_FOUND }, skykitUpdateAnswer: 'envelope' }),
  start(ctx: RouteContext<SkykitKnobs>) {
    const issuers = new Map<string, SkykitIssuer>();
    const fleet = createSkykitFleet();
    const skykit = new SkykitSimulator(fleet, ctx.knobs);
    const handlers: Record<string, (call: RouteCall) => Answer | Promise<Answer>> = {
      'skykit.devices': ({ url }) => skykit.devices(url),
      'skykit.tenants': ({ url }) => skykit.tenants(url),
      'skykit.device.get': ({ url }) => skykit.device(url),
      'skykit.device.put': ({ req }) => skykit.update(req),
      'skykit.changeContent': ({ url }) => skykit.changeContent(url),
    };
    return {
      endpoint: skykitEndpoint,
      async handle(call) {
        const check = await verifySkykitJwt(bearer(call.req), issuers, ctx.clock());
        if (!check.ok) throw new SimHttpError(check.status, { message: check.message });
        const handler = handlers[call.endpoint];
        if (!handler) throw new SimHttpError(404, { message: 'no such endpoint' });
        return handler(call);
      },
      /** Registers a Skykit API user: its e-mail (the JWTs' `iss`) and public key. */
      registerIssuer: (email: string, publicKey: KeyObject | string, permissions?: 'all' | 'none') => void issuers.set(email, skykitIssuer(email, publicKey, permissions)),
      /** The seeded fleet, read-only, for tests to compute expectations. */
      view: {
        devices: (): ReadonlyArray<Readonly<Record<string, unknown>> & { id: string; serialNumber: string }> => fleet.devices,
        tenants: (): ReadonlyArray<Readonly<Record<string, unknown>> & { tenantCode: string }> => fleet.tenants,
        contents: (): ReadonlyArray<{ id: string; name: string }> => CONTENTS,
      },
    };
  },
  // Skykit's errors are `{"message"}` (UPSTREAMS §4).
  faultBody: (status: number) => ({ message: status === 401 ? 'Unauthorized for URL.' : status === 403 ? 'Insufficient permission.' : `error ${status}` }),
});
