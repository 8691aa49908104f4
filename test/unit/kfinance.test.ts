import Keyv from 'keyv';
import { describe, expect, it } from 'vitest';
import type { Credential } from '../../src/auth/outbound/credential.js';
import { TokenManager } from '../../src/auth/outbound/token-manager.js';
import { fetchTransport } from '../../src/net/transport.js';
import { UpstreamHttp } from '../../src/upstreams/http.js';
import { kfinanceApp } from '../../src/apps/kfinance/app.js';
import { decimal, parseEarnings, parseFinancials, parseIds, parsePrices } from '../../src/apps/kfinance/wire.js';

function credential(renewable: boolean): Credential & { issued: number } {
  const c = {
    id: `kf-${renewable}`,
    kind: renewable ? ('key-pair' as const) : ('access-token' as const),
    renewable,
    issued: 0,
    async obtain() {
      c.issued += 1;
      return { accessToken: `tok-${c.issued}`, expiresAt: Date.now() + 3_600_000 };
    },
  };
  return c;
}

function http(answers: number[], cred: Credential, renewOn403AfterMs: number | 'never' = 0) {
  const seen: string[] = [];
  const fetchFn = (async (_input: string | URL | Request, init?: RequestInit) => {
    seen.push(new Headers(init?.headers).get('authorization') ?? '');
    const status = answers.shift();
    if (status === undefined) throw new Error('unexpected call');
    return new Response(JSON.stringify(status === 200 ? { permissions: [] } : { detail: 'Authentication credentials were not provided.' }), { status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  const client = new UpstreamHttp({
    app: kfinanceApp,
    renewOn403AfterMs: renewOn403AfterMs === 'never' ? undefined : renewOn403AfterMs,
    baseUrl: 'https://kfinance.example',
    credential: cred,
    tokens: new TokenManager({ cache: new Keyv(), renewMarginMs: 60_000, backgroundRenewMs: 0 }),
    transport: fetchTransport(fetchFn),
    clock: Date.now,
    timeoutMs: 1_000,
    maxRetryAfterSeconds: 5,
  });
  return { client, seen };
}

const call = { endpoint: 'kfinance.permissions', method: 'GET' as const, path: '/api/v1/users/permissions', scope: 'kensho:app:kfinance' };

describe('UpstreamHttp with renewOn403 (kFinance)', () => {
  it('drops the token on a 403, gets a new one and retries once', async () => {
    const cred = credential(true);
    const { client, seen } = http([403, 200], cred);
    await expect(client.request(call)).resolves.toMatchObject({ status: 200 });
    expect(seen).toEqual(['Bearer tok-1', 'Bearer tok-2']);
    expect(cred.issued).toBe(2);
  });

  it('reports a second 403 as UPSTREAM_FORBIDDEN after exactly one retry', async () => {
    const cred = credential(true);
    const { client, seen } = http([403, 403], cred);
    await expect(client.request(call)).rejects.toMatchObject({ code: 'UPSTREAM_FORBIDDEN', upstream: 'kfinance' });
    expect(seen).toHaveLength(2);
  });

  it('does not renew a token younger than the grace period: its 403 is a refusal', async () => {
    const cred = credential(true);
    const { client, seen } = http([403], cred, 60_000);
    await expect(client.request(call)).rejects.toMatchObject({ code: 'UPSTREAM_FORBIDDEN' });
    expect(seen).toEqual(['Bearer tok-1']);
    expect(cred.issued).toBe(1);
  });

  it('does not retry a pasted token, which cannot be renewed', async () => {
    const { client, seen } = http([403], credential(false));
    await expect(client.request(call)).rejects.toMatchObject({ code: 'UPSTREAM_FORBIDDEN' });
    expect(seen).toHaveLength(1);
  });

  it('without the flag (every other app) never retries a 403', async () => {
    const { client, seen } = http([403], credential(true), 'never');
    await expect(client.request(call)).rejects.toMatchObject({ code: 'UPSTREAM_FORBIDDEN' });
    expect(seen).toHaveLength(1);
  });
});

describe('kFinance wire parsing', () => {
  it('reads /ids with and without the data wrapper, ids as numbers or strings, errors kept per identifier', () => {
    const entry = { trading_item_id: 2590360, security_id: '2590359', company_id: 24937, company_name: 'Apple Inc.', ticker: 'NasdaqGS:AAPL' };
    const bad = { error: 'No identification triple found for the provided identifier: X of type: ticker' };
    for (const body of [{ data: { AAPL: entry, X: bad } }, { AAPL: entry, X: bad }]) {
      const m = parseIds(body, 'kfinance.ids');
      expect(m.get('AAPL')).toEqual({ companyId: '24937', securityId: '2590359', tradingItemId: '2590360', companyName: 'Apple Inc.', ticker: 'NasdaqGS:AAPL', country: null });
      expect(m.get('X')).toEqual(bad);
    }
  });

  it('keeps decimals exact, reads numbers as written, and NaN or garbage as null', () => {
    expect(decimal('383285000000.000001')).toBe('383285000000.000001');
    expect(decimal(1062000000)).toBe('1062000000');
    expect(decimal('NaN')).toBeNull();
    expect(decimal(null)).toBeNull();
    expect(decimal('12abc')).toBeNull();
    expect(decimal(1e21)).toBe('1000000000000000000000');
    expect(decimal(1e-7)).toBe('0.0000001');
  });

  it('shows a midnight timestamp as its date and keeps interval labels as they are', () => {
    const p = parsePrices({ currency: 'USD', prices: [{ date: '2021-01-04T00:00:00.000', open: null, high: '1.000000', low: '1.000000', close: '1.000000', volume: '10' }, { date: '2024 Week 2', close: '2.000000' }] }, 'kfinance.pricing');
    expect(p.bars.map((b) => b.label)).toEqual(['2021-01-04', '2024 Week 2']);
    expect(p.bars[0]!.open).toBeNull();
  });

  it('reads statements, line items and segments in one frame, with per-company errors', () => {
    const a = parseFinancials(
      {
        results: {
          '24937': { currency: 'USD', periods: { FY2023: { period_end_date: '2023-09-30', num_months: 12, statements: [{ name: 'Income Statement', line_items: [{ name: 'Total Revenues', value: '383285000000.000000' }] }] } } },
          '21719': { currency: 'USD', periods: { FY2023: { period_end_date: '2023-12-31', num_months: 12, segments: [{ name: 'Ratings', line_items: [{ name: 'Revenue', value: 1062000000 }] }] } } },
          '1': { currency: null, periods: { 'PED2023-08-31': { period_end_date: '2023-08-31', line_item: { name: 'Revenue', value: null, sources: [] } } } },
        },
        errors: { '2': 'No data' },
      },
      'kfinance.statements',
    );
    expect(a.results.get('24937')!.periods[0]!.groups[0]!.items[0]!.value).toBe('383285000000.000000');
    expect(a.results.get('21719')!.periods[0]!.groups[0]).toEqual({ name: 'Ratings', items: [{ name: 'Revenue', value: '1062000000', sources: [] }] });
    expect(a.results.get('1')!.periods[0]).toMatchObject({ key: 'PED2023-08-31', endDate: '2023-08-31', months: null });
    expect(a.errors.get('2')).toBe('No data');
  });

  it('reads earnings times with and without a zone as UTC', () => {
    const calls = parseEarnings({ earnings: [{ name: 'a', key_dev_id: 1, datetime: '2025-02-11 13:30:00.000' }, { name: 'b', key_dev_id: '2', datetime: '2025-04-29T12:30:00Z' }] }, 'kfinance.earnings');
    expect(calls.map((c) => c.startsAt)).toEqual(['2025-02-11T13:30:00.000Z', '2025-04-29T12:30:00.000Z']);
  });
});
