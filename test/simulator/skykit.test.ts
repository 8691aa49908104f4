import { generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SKYKIT_NOT_FOUND, startSimulator, type Simulator } from '@kensho-gateway/simulator';

const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
let sim: Simulator;
let jwt: string;

beforeAll(async () => {
  sim = await startSimulator();
  sim.registerSkykitIssuer({ email: 'ops@example.com', publicKey: keys.publicKey });
  const iat = Math.floor(Date.now() / 1000);
  jwt = await new SignJWT({}).setProtectedHeader({ alg: 'RS256' }).setIssuer('ops@example.com').setIssuedAt(iat).setExpirationTime(iat + 600).sign(keys.privateKey);
});
afterAll(async () => sim.close());

const api = (path: string, init: RequestInit = {}, auth = true) =>
  fetch(`${sim.urls.skykit}/sk-api/v1${path}`, { ...init, headers: { ...(auth ? { authorization: `Bearer ${jwt}` } : {}), ...(init.headers as Record<string, string>) } });
const json = async (r: Response) => (await r.json()) as Record<string, unknown>;

describe('Skykit simulator endpoints', () => {
  it('pages the 350-device fleet by 100 with opaque cursors, nextCursor absent on the last page', async () => {
    const ids: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const body = await json(await api(`/devices${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`));
      const devices = body.devices as Array<{ id: string }>;
      expect(devices.length).toBe(pages < 3 ? 100 : 50);
      ids.push(...devices.map((d) => d.id));
      cursor = body.nextCursor as string | undefined;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(4);
    expect(new Set(ids).size).toBe(350);
  });

  it('filters by tenant across pages and by managing org; tenants carry real display counts', async () => {
    const tenants = (await json(await api('/tenants'))).tenants as Array<{ tenantCode: string; numberOfDisplays: number; managingOrgCode: string }>;
    expect(tenants).toHaveLength(12);
    const big = tenants.find((t) => t.numberOfDisplays > 200)!;
    const first = await json(await api(`/devices?tenantCode=${big.tenantCode}`));
    expect((first.devices as unknown[]).length).toBe(100);
    const second = await json(await api(`/devices?tenantCode=${big.tenantCode}&cursor=${encodeURIComponent(first.nextCursor as string)}`));
    expect((second.devices as Array<{ tenantCode: string }>).every((d) => d.tenantCode === big.tenantCode)).toBe(true);
    const org = await json(await api(`/tenants?managingOrgCode=${big.managingOrgCode}`));
    expect((org.tenants as Array<{ managingOrgCode: string }>).every((t) => t.managingOrgCode === big.managingOrgCode)).toBe(true);
  });

  it('refuses tampered cursors and cursors of other filters', async () => {
    const first = await json(await api('/devices'));
    const tampered = await api(`/devices?cursor=${encodeURIComponent(`${first.nextCursor as string}x`)}`);
    expect(tampered.status).toBe(400);
    expect(await tampered.json()).toEqual({ message: 'invalid cursor' });
    expect((await api(`/devices?tenantCode=T-CT-BUS&cursor=${encodeURIComponent(first.nextCursor as string)}`)).status).toBe(400);
  });

  it('finds one device by exactly one id, with the documented 400 messages otherwise', async () => {
    const d = sim.skykit.devices()[0]!;
    expect((await json(await api(`/device?deviceId=${d.id}`))).device).toMatchObject({ id: d.id });
    expect((await json(await api(`/device?serialNumber=${d.serialNumber}`))).device).toMatchObject({ id: d.id });
    for (const [q, message] of [
      [`deviceId=${d.id}&serialNumber=${d.serialNumber}`, 'Provide exactly one of deviceId or serialNumber.'],
      ['', 'Provide exactly one of deviceId or serialNumber.'],
    ] as const) {
      const r = await api(`/device?${q}`);
      expect(r.status).toBe(400);
      expect(await r.json()).toEqual({ message });
    }
  });

  it.each([
    ['the default 400', undefined, 400, { message: 'Invalid request parameters.' }],
    ['a 400 with another text', { status: 400, body: { message: 'Bad request.' } }, 400, { message: 'Bad request.' }],
    ['a 400 with an empty body', { status: 400, body: undefined }, 400, undefined],
    ['a 404 with an empty body', { status: 404, body: undefined }, 404, undefined],
  ] as const)('answers an unknown device (by id, serial, on every endpoint) with %s, as the knob says', async (_n, knob, status, body) => {
    if (knob) sim.knobs.skykitNotFound = { ...knob };
    try {
      for (const r of [
        await api('/device?deviceId=dev-9999'),
        await api('/device?serialNumber=SK-NOPE'),
        await api('/changeContent?deviceId=dev-9999&contentId=c-1001', { method: 'POST' }),
        await api('/device', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ deviceId: 'dev-9999', timezone: 'US/Central' }) }),
      ]) {
        expect(r.status).toBe(status);
        const text = await r.text();
        expect(text === '' ? undefined : JSON.parse(text)).toEqual(body);
      }
    } finally {
      sim.knobs.skykitNotFound = { ...DEFAULT_SKYKIT_NOT_FOUND };
    }
  });

  it('sends contentPending as the pending item\'s name, or null/absent when nothing is pending', () => {
    const values = sim.skykit.devices().map((d) => ('contentPending' in d ? d.contentPending : 'absent'));
    expect(values.every((v) => v === null || v === 'absent' || typeof v === 'string')).toBe(true);
    const names = new Set(sim.skykit.contents().map((c) => c.name));
    expect(values.filter((v) => typeof v === 'string' && v !== 'absent').every((v) => names.has(v as string))).toBe(true);
    // All three shapes occur, so clients are tested against each.
    expect(values).toContain(null);
    expect(values).toContain('absent');
    expect(values.some((v) => typeof v === 'string' && v !== 'absent')).toBe(true);
  });

  it('records the user-agent and client port of every call', async () => {
    sim.counters.reset();
    await api('/tenants', { headers: { 'user-agent': 'probe/1.0' } });
    const [call] = sim.counters.log();
    expect(call).toMatchObject({ endpoint: 'skykit.tenants', status: 200, userAgent: 'probe/1.0' });
    expect(call!.remotePort).toBeGreaterThan(0);
  });

  it('updates time zone and hours, refusing an invalid zone', async () => {
    const d = sim.skykit.devices()[1]!;
    const put = (body: unknown) => api('/device', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const ok = await json(await put({ deviceId: d.id, timezone: 'Europe/Zurich', hoursOfOperation: { monday: { open: '07:00', close: '19:00' } } }));
    expect(ok.device).toMatchObject({ timezone: 'Europe/Zurich', hoursOfOperation: { monday: { open: '07:00', close: '19:00' } } });
    const bad = await put({ deviceId: d.id, timezone: 'Moon/Base' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ message: 'Invalid timezone.' });
  });

  it.each([
    ['envelope', (d: { id: string }) => ({ device: expect.objectContaining({ id: d.id, timezone: 'US/Eastern' }) })],
    ['bare', (d: { id: string }) => expect.objectContaining({ id: d.id, timezone: 'US/Eastern' })],
    ['empty', () => undefined],
  ] as const)('answers a device update with the %s shape the knob selects', async (shape, expected) => {
    const d = sim.skykit.devices()[5]!;
    sim.knobs.skykitUpdateAnswer = shape;
    try {
      const r = await api('/device', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ deviceId: d.id, timezone: 'US/Eastern' }) });
      expect(r.status).toBe(200);
      const text = await r.text();
      expect(text === '' ? undefined : JSON.parse(text)).toEqual(expected(d));
    } finally {
      sim.knobs.skykitUpdateAnswer = 'envelope';
    }
  });

  it('changes content from the query string only (204), then shows the content\'s name in contentPending', async () => {
    const d = sim.skykit.devices()[2]!;
    const noQuery = await api('/changeContent', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ deviceId: d.id, contentId: 'c-1001' }) });
    expect(noQuery.status).toBe(400);
    const ok = await api(`/changeContent?deviceId=${d.id}&contentId=c-1001`, { method: 'POST' });
    expect(ok.status).toBe(204);
    expect(await ok.text()).toBe('');
    expect((await json(await api(`/device?deviceId=${d.id}`))).device).toMatchObject({ contentPending: 'Spring menu' });
    const unknown = await api(`/changeContent?deviceId=${d.id}&contentId=c-42`, { method: 'POST' });
    expect(await unknown.json()).toEqual({ message: 'Content not found.' });
  });

  it('repeats a cursor forever when the knob says so, and still enforces auth', async () => {
    sim.knobs.skykitRepeatCursor = true;
    const a = await json(await api('/devices'));
    const b = await json(await api(`/devices?cursor=${encodeURIComponent(a.nextCursor as string)}`));
    expect(b.nextCursor).toBe(a.nextCursor);
    sim.knobs.skykitRepeatCursor = false;
    const anon = await api('/devices', {}, false);
    expect(anon.status).toBe(401);
    expect(await anon.json()).toEqual({ message: 'Unauthorized for URL.' });
  });
});
