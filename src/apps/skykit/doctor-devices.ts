import { fail, ok, warn, type Check } from '../../diagnosis/check.js';

/**
 * Skykit accepts the gateway's self-signed JWT and shows the first device page
 * (`GET /sk-api/v1/devices`, UPSTREAMS §4). Only counts are reported, no device data.
 */
export const skykitDevicesCheck: Check = {
  id: 'skykit.devices',
  title: 'skykit JWT and devices',
  app: 'skykit',
  needs: ['skykit.token', 'skykit.base-url'],
  async run(ctx, signal) {
    const issuer = ctx.config.skykit?.issuer ?? '?';
    const answer = await ctx.probe('skykit', { endpoint: 'doctor.skykit.devices', method: 'GET', path: '/sk-api/v1/devices', withToken: true }, signal);
    if (answer.kind === 'no-token') return fail(`no JWT (${answer.reason})`, 'see the skykit token row');
    if (answer.kind === 'error') return fail(`could not be reached (${answer.message})`, 'see the skykit base URL row');
    if (answer.kind === 'redirect') return fail(`GET /sk-api/v1/devices redirects (HTTP ${answer.status})`, 'see the skykit base URL row');
    if (answer.status === 401) {
      return fail(
        `Skykit rejected the JWT signed for ${issuer} (HTTP 401)`,
        `register the e-mail in SKYKIT_ISSUER and the public key of SKYKIT_PRIVATE_KEY_FILE with Skykit (or fix a typo in the e-mail); a clock running ahead of Skykit's also makes fresh JWTs "not yet valid" (see the clock row)`,
        { status: 401 },
      );
    }
    if (answer.status === 403) {
      return fail(`Skykit knows ${issuer} but it has no permission (HTTP 403)`, `ask Skykit to give ${issuer} API permissions for your organization`, { status: 403 });
    }
    if (answer.status !== 200) return fail(`GET /sk-api/v1/devices answered HTTP ${answer.status}`, 'check SKYKIT_URL; run doctor again later', { status: answer.status });
    const body = answer.body as { devices?: unknown; nextCursor?: unknown } | undefined;
    if (!Array.isArray(body?.devices)) return fail('GET /sk-api/v1/devices answered 200 without a devices list', 'check SKYKIT_URL points at the Skykit API', { status: 200 });
    const count = body.devices.length;
    const more = typeof body.nextCursor === 'string' && body.nextCursor !== '';
    const data = { status: 200, devicesOnFirstPage: count, morePages: more };
    if (count === 0) return warn('JWT accepted, but the first device page is empty', `check that ${issuer} belongs to the managing organization whose devices you expect`, data);
    return ok(`JWT accepted; first page: ${count} device${count === 1 ? '' : 's'}${more ? ', more pages follow' : ''}`, data);
  },
};
