import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { VERSION } from '../../src/gateway.js';
import { DEFAULT_SKYKIT_NOT_FOUND, type SkykitNotFound } from '@kensho-gateway/simulator';
import { findLeaks, startStack, type Stack } from '../helpers/stack.js';

interface DevicePage {
  skykitDevices: { edges: Array<{ cursor: string; node: { id: string; tenant?: { code: string; name: string } | null } }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

const PAGE = /* GraphQL */ `
  query Devices($first: Int, $after: String, $tenantCode: String) {
    skykitDevices(first: $first, after: $after, tenantCode: $tenantCode) {
      edges { cursor node { id } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

describe('Skykit end to end', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => stack.close());
  afterEach(() => {
    stack.sim.clearFaults();
    stack.sim.knobs.skykitRepeatCursor = false;
    stack.sim.knobs.skykitNotFound = { ...DEFAULT_SKYKIT_NOT_FOUND };
    stack.sim.knobs.skykitUpdateAnswer = 'envelope';
  });

  it.each([
    [1, 1],
    [100, 1],
    [250, 3],
  ])('first=%i fetches exactly %i upstream page(s)', async (first, pages) => {
    stack.sim.counters.reset();
    const r = await stack.gql<DevicePage>(PAGE, { first });
    expect(r.errors).toBeUndefined();
    expect(r.data!.skykitDevices.edges).toHaveLength(first);
    expect(r.data!.skykitDevices.pageInfo.hasNextPage).toBe(true);
    expect(stack.sim.counters.calls('skykit.devices')).toBe(pages);
  });

  it('walks the whole fleet with cursors that resume mid-page, each device exactly once', async () => {
    const all = stack.sim.skykit.devices().map((d) => d.id);
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 20; i++) {
      const r: Awaited<ReturnType<typeof stack.gql<DevicePage>>> = await stack.gql<DevicePage>(PAGE, { first: 70, after });
      expect(r.errors).toBeUndefined();
      seen.push(...r.data!.skykitDevices.edges.map((e) => e.node.id));
      if (!r.data!.skykitDevices.pageInfo.hasNextPage) break;
      after = r.data!.skykitDevices.pageInfo.endCursor;
    }
    expect(seen).toEqual(all);
  });

  it('resolves the tenants of a page of 100 devices with one tenant lookup', async () => {
    stack.sim.counters.reset();
    const r = await stack.gql<DevicePage>(`{ skykitDevices(first: 100) { edges { node { id tenant { code name managingOrg { code name } numberOfDisplays } } } } }`);
    expect(r.errors).toBeUndefined();
    const tenants = new Set(r.data!.skykitDevices.edges.map((e) => e.node.tenant?.code));
    expect(tenants.size).toBeGreaterThan(1);
    expect([...tenants].every(Boolean)).toBe(true);
    expect(stack.sim.counters.calls('skykit.devices')).toBe(1);
    expect(stack.sim.counters.calls('skykit.tenants')).toBe(1);
  });

  it('pages devices within one tenant, also from the tenant connection', async () => {
    const big = stack.sim.skykit.tenants().find((t) => (t.numberOfDisplays as number) > 200)!;
    const code = big.tenantCode as string;
    const expected = stack.sim.skykit.devices().filter((d) => d.tenantCode === code).map((d) => d.id);
    stack.sim.counters.reset();
    const r = await stack.gql<DevicePage>(PAGE, { first: 150, tenantCode: code });
    expect(r.data!.skykitDevices.edges.map((e) => e.node.id)).toEqual(expected.slice(0, 150));
    expect(stack.sim.counters.calls('skykit.devices')).toBe(2);
    const t = await stack.gql<{ skykitTenants: { edges: Array<{ node: { code: string; devices: { edges: unknown[]; pageInfo: { hasNextPage: boolean } } } }> } }>(
      `{ skykitTenants(first: 50) { edges { node { code devices(first: 5) { edges { node { id } } pageInfo { hasNextPage } } } } } }`,
    );
    expect(t.errors).toBeUndefined();
    expect(t.data!.skykitTenants.edges.length).toBe(stack.sim.skykit.tenants().length);
    expect(t.data!.skykitTenants.edges.find((e) => e.node.code === code)!.node.devices.edges).toHaveLength(5);
  });

  it('finds a device by id or by serial number, and answers null for an unknown one', async () => {
    const d = stack.sim.skykit.devices()[7]!;
    const q = `query D($id: ID, $sn: String) { skykitDevice(id: $id, serialNumber: $sn) { id serialNumber created updated heartbeatUpdated contentPending timezone raw } }`;
    const byId = await stack.gql<{ skykitDevice: Record<string, unknown> }>(q, { id: d.id });
    const bySerial = await stack.gql<{ skykitDevice: Record<string, unknown> }>(q, { sn: d.serialNumber });
    expect(byId.data!.skykitDevice.id).toBe(d.id);
    expect(bySerial.data!.skykitDevice).toEqual(byId.data!.skykitDevice);
    // Both timestamp formats come out as ISO-8601; unknown upstream fields stay reachable.
    for (const key of ['created', 'updated', 'heartbeatUpdated']) {
      const v = byId.data!.skykitDevice[key];
      if (v !== null) expect(v).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    }
    expect(Object.keys(byId.data!.skykitDevice.raw as object).length).toBeGreaterThan(20);
    const unknown = await stack.gql<{ skykitDevice: null }>(q, { id: 'dev-does-not-exist' });
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data!.skykitDevice).toBeNull();
  });

  it.each<[string, SkykitNotFound]>([
    ['a 400 with a message the gateway has never seen', { status: 400, body: { message: 'Bad request.' } }],
    ['a 400 with an empty body', { status: 400, body: undefined }],
    ['a 404 with an empty body', { status: 404, body: undefined }],
    ['a 404 HTML page', { status: 404, body: '<html><body>Error 404</body></html>' }],
  ])('answers null for an unknown device when Skykit sends %s, with one upstream call', async (_n, notFound) => {
    stack.sim.knobs.skykitNotFound = notFound;
    for (const args of ['id: "dev-does-not-exist"', 'serialNumber: "SK-NOPE-0000"']) {
      stack.sim.counters.reset();
      const r = await stack.gql<{ skykitDevice: null }>(`{ skykitDevice(${args}) { id } }`);
      expect(r.errors).toBeUndefined();
      expect(r.data!.skykitDevice).toBeNull();
      expect(stack.sim.counters.log().map((c) => [c.endpoint, c.status])).toEqual([['skykit.device.get', notFound.status]]);
    }
  });

  it('reads contentPending as the pending item\'s name, with hasContentPending derived from it', async () => {
    const pending = stack.sim.skykit.devices().find((d) => typeof d.contentPending === 'string')!;
    const idle = stack.sim.skykit.devices().filter((d) => !d.contentPending);
    expect(idle.some((d) => d.contentPending === null) && idle.some((d) => !('contentPending' in d))).toBe(true);
    const q = `query D($id: ID) { skykitDevice(id: $id) { contentPending hasContentPending } }`;
    const p = await stack.gql<{ skykitDevice: unknown }>(q, { id: pending.id });
    expect(p.data!.skykitDevice).toEqual({ contentPending: pending.contentPending, hasContentPending: true });
    for (const d of [idle.find((x) => x.contentPending === null)!, idle.find((x) => !('contentPending' in x))!]) {
      const r = await stack.gql<{ skykitDevice: unknown }>(q, { id: d.id });
      expect(r.data!.skykitDevice).toEqual({ contentPending: null, hasContentPending: false });
    }
  });

  it('normalises both upstream timestamp formats', async () => {
    const devices = stack.sim.skykit.devices();
    const plain = devices.find((d) => typeof d.created === 'string' && / \d\d:/.test(d.created))!;
    const r = await stack.gql<{ skykitDevice: { created: string } }>(`query { skykitDevice(id: "${plain.id}") { created } }`);
    expect(r.data!.skykitDevice.created).toBe(new Date(`${(plain.created as string).replace(' ', 'T')}Z`).toISOString());
  });

  it.each([
    ['both ids', '{ skykitDevice(id: "dev-0001", serialNumber: "x") { id } }'],
    ['no id', '{ skykitDevice { id } }'],
  ])('refuses %s with BAD_USER_INPUT before calling Skykit', async (_n, q) => {
    stack.sim.counters.reset();
    const r = await stack.gql(q);
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(stack.sim.counters.log()).toHaveLength(0);
  });

  it('updates a device time zone, and refuses a bad one before calling Skykit', async () => {
    const d = stack.sim.skykit.devices()[3]!;
    const m = `mutation U($input: UpdateSkykitDeviceInput!) { updateSkykitDevice(input: $input) { device { id timezone } } }`;
    const ok = await stack.gql<{ updateSkykitDevice: { device: { timezone: string } } }>(m, { input: { id: d.id, timezone: 'US/Central' } });
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.updateSkykitDevice.device.timezone).toBe('US/Central');
    stack.sim.counters.reset();
    const bad = await stack.gql(m, { input: { id: d.id, timezone: 'Mars/Olympus_Mons' } });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const nothing = await stack.gql(m, { input: { serialNumber: d.serialNumber } });
    expect(nothing.errors?.[0]?.message).toMatch(/nothing to change/);
    expect(stack.sim.counters.log()).toHaveLength(0);
  });

  it.each([
    ['{"device": …}', 'envelope', 0],
    ['the bare device', 'bare', 0],
    // Nothing to read: the device is fetched once more.
    ['an empty body', 'empty', 1],
  ] as const)('reads a device update answered with %s', async (_n, shape, extraReads) => {
    stack.sim.knobs.skykitUpdateAnswer = shape;
    const d = stack.sim.skykit.devices()[4]!;
    const zone = d.timezone === 'Asia/Tokyo' ? 'Europe/London' : 'Asia/Tokyo';
    stack.sim.counters.reset();
    const r = await stack.gql<{ updateSkykitDevice: unknown }>(`mutation { updateSkykitDevice(input: { id: "${d.id}", timezone: "${zone}" }) { device { id timezone } } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data!.updateSkykitDevice).toEqual({ device: { id: d.id, timezone: zone } });
    expect(stack.sim.counters.calls('skykit.device.put')).toBe(1);
    expect(stack.sim.counters.calls('skykit.device.get')).toBe(extraReads);
  });

  it('changes content (204 upstream) and shows it pending on the device; upstream 400s surface as BAD_USER_INPUT', async () => {
    const d = stack.sim.skykit.devices().filter((x) => !x.contentPending)[11]!;
    const before = await stack.gql<{ skykitDevice: unknown }>(`{ skykitDevice(id: "${d.id}") { contentPending hasContentPending } }`);
    expect(before.data!.skykitDevice).toEqual({ contentPending: null, hasContentPending: false });
    const m = `mutation C($input: ChangeSkykitContentInput!) { changeSkykitContent(input: $input) { accepted device { id contentPending hasContentPending } } }`;
    const contentName = stack.sim.skykit.contents()[0]!.name;
    const ok = await stack.gql<{ changeSkykitContent: unknown }>(m, { input: { serialNumber: d.serialNumber, contentName } });
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.changeSkykitContent).toEqual({ accepted: true, device: { id: d.id, contentPending: contentName, hasContentPending: true } });
    const byId = await stack.gql<{ changeSkykitContent: unknown }>(m, { input: { deviceId: d.id, contentId: stack.sim.skykit.contents()[2]!.id } });
    expect(byId.data!.changeSkykitContent).toEqual({ accepted: true, device: { id: d.id, contentPending: stack.sim.skykit.contents()[2]!.name, hasContentPending: true } });
    const unknown = await stack.gql(m, { input: { deviceId: d.id, contentId: 'c-999999' } });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(unknown.errors?.[0]?.message).toMatch(/Content not found/);
    const both = await stack.gql(m, { input: { deviceId: d.id, serialNumber: d.serialNumber, contentId: 'c-1' } });
    expect(both.errors?.[0]?.message).toMatch(/exactly one of deviceId and serialNumber/);
  });

  it('re-mints the JWT once on a 401, then gives up with UPSTREAM_UNAUTHENTICATED', async () => {
    stack.sim.counters.reset();
    stack.sim.inject({ target: 'skykit.devices', status: 401, times: 1 });
    const once = await stack.gql<DevicePage>(PAGE, { first: 1 });
    expect(once.errors).toBeUndefined();
    expect(stack.sim.counters.log().filter((c) => c.endpoint === 'skykit.devices').map((c) => c.status)).toEqual([401, 200]);
    stack.sim.inject({ target: 'skykit.devices', status: 401, times: 2 });
    const twice = await stack.gql(PAGE, { first: 1 });
    expect(twice.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAUTHENTICATED');
  });

  it('ends a walk over a repeating upstream cursor with an error, not a loop', async () => {
    stack.sim.knobs.skykitRepeatCursor = true;
    stack.sim.counters.reset();
    const r = await stack.gql(PAGE, { first: 400 });
    expect(r.errors?.[0]?.extensions?.code).toBe('UPSTREAM_BAD_RESPONSE');
    expect(stack.sim.counters.calls('skykit.devices')).toBeLessThanOrEqual(3);
  });

  it('sends User-Agent kensho-gateway/<version> on every Skykit call', async () => {
    stack.sim.counters.reset();
    await stack.gql(`{ skykitDevices(first: 2) { edges { node { id tenant { code } } } } skykitDevice(id: "dev-0001") { id } }`);
    const calls = stack.sim.counters.log();
    expect(calls.map((c) => c.endpoint).sort()).toEqual(['skykit.device.get', 'skykit.devices', 'skykit.tenants']);
    expect(calls.filter((c) => c.userAgent !== `kensho-gateway/${VERSION}`)).toEqual([]);
  });

  it('never leaks the Skykit key or JWTs into logs or responses', async () => {
    await stack.gql(PAGE, { first: 5 });
    expect(findLeaks(stack.logs.join(''), stack.secrets)).toEqual([]);
  });
});

describe('Skykit JWT lifetime and permissions', () => {
  it('signs one JWT for many requests and a new one before it expires', async () => {
    let now = Date.now();
    const clock = () => now;
    const stack = await startStack({ simulator: { clock }, gatewayClock: clock, env: { SKYKIT_JWT_LIFETIME_SECONDS: '600' } });
    const minted: string[] = [];
    const original = stack.gateway.services.credentials.skykit!;
    const obtain = original.obtain.bind(original);
    (original as { obtain: typeof obtain }).obtain = async (...args) => {
      const t = await obtain(...args);
      minted.push(t.accessToken);
      return t;
    };
    try {
      for (let i = 0; i < 5; i++) expect((await stack.gql(PAGE, { first: 1 })).errors).toBeUndefined();
      expect(minted).toHaveLength(1);
      // iat is backdated 30 s, so exp is 570 s from the first mint: this is 10 s before exp,
      // inside the renewal margin.
      now += 560_000;
      expect((await stack.gql(PAGE, { first: 1 })).errors).toBeUndefined();
      expect(minted).toHaveLength(2);
      expect(stack.sim.counters.log().filter((c) => c.status === 401)).toHaveLength(0);
    } finally {
      await stack.close();
    }
  });

  it('re-mints a different JWT after a 401, even within the same second', async () => {
    const stack = await startStack();
    const minted: string[] = [];
    const original = stack.gateway.services.credentials.skykit!;
    const obtain = original.obtain.bind(original);
    (original as { obtain: typeof obtain }).obtain = async (...args) => {
      const t = await obtain(...args);
      minted.push(t.accessToken);
      return t;
    };
    try {
      stack.sim.inject({ target: 'skykit.devices', status: 401, times: 1 });
      expect((await stack.gql(PAGE, { first: 1 })).errors).toBeUndefined();
      expect(minted).toHaveLength(2);
      expect(minted[1]).not.toBe(minted[0]);
      expect(decodeJwt(minted[1]!).jti).not.toBe(decodeJwt(minted[0]!).jti);
    } finally {
      await stack.close();
    }
  });

  it('works against a Skykit whose clock is 20 s behind the gateway\'s (iat is backdated)', async () => {
    const stack = await startStack({ simulator: { clock: () => Date.now() - 20_000 } });
    try {
      const r = await stack.gql<DevicePage>(PAGE, { first: 1 });
      expect(r.errors).toBeUndefined();
      expect(stack.sim.counters.log().map((c) => [c.endpoint, c.status])).toEqual([['skykit.devices', 200]]);
    } finally {
      await stack.close();
    }
  });

  it('maps a Skykit 403 to UPSTREAM_FORBIDDEN', async () => {
    const stack = await startStack({ skykit: 'no-permission' });
    try {
      const r = await stack.gql(PAGE, { first: 1 });
      expect(r.errors?.[0]?.extensions?.code).toBe('UPSTREAM_FORBIDDEN');
      expect(r.errors?.[0]?.message).toMatch(/lacks permission/);
    } finally {
      await stack.close();
    }
  });
});
