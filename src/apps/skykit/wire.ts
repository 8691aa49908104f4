import { UpstreamError } from '../../errors.js';

/** A Skykit device as the API sends it: documented fields, and any others it adds (kept). */
export type SkykitDeviceWire = Readonly<Record<string, unknown>> & { readonly id: string };

/** A Skykit tenant as the API sends it. */
export type SkykitTenantWire = Readonly<Record<string, unknown>> & { readonly tenantCode: string };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function bad(endpoint: string, what: string): UpstreamError {
  return new UpstreamError('UPSTREAM_BAD_RESPONSE', 'skykit', `Skykit answered ${endpoint} with an unreadable body (${what})`, { extensions: { endpoint } });
}

/** Reads a device; `id` is the one field the gateway cannot do without (numbers become strings). */
export function parseDevice(raw: unknown, endpoint: string): SkykitDeviceWire {
  if (!isObject(raw)) throw bad(endpoint, 'device is not an object');
  const id = typeof raw.id === 'string' ? raw.id : typeof raw.id === 'number' ? String(raw.id) : undefined;
  if (!id) throw bad(endpoint, 'device without id');
  return { ...raw, id };
}

/** Reads a tenant; `tenantCode` is required. */
export function parseTenant(raw: unknown, endpoint: string): SkykitTenantWire {
  if (!isObject(raw) || typeof raw.tenantCode !== 'string') throw bad(endpoint, 'tenant without tenantCode');
  return { ...raw, tenantCode: raw.tenantCode };
}

/** Reads a list page: `{<field>: [...], nextCursor?}`; an empty or non-string nextCursor means the last page. */
export function parseListPage<T>(body: unknown, field: 'devices' | 'tenants', endpoint: string, item: (raw: unknown, endpoint: string) => T): { items: T[]; next: string | undefined } {
  if (!isObject(body) || !Array.isArray(body[field])) throw bad(endpoint, `no ${field} array`);
  const next = typeof body.nextCursor === 'string' && body.nextCursor !== '' ? body.nextCursor : undefined;
  return { items: (body[field] as unknown[]).map((raw) => item(raw, endpoint)), next };
}

/**
 * Skykit timestamps come as ISO-8601 or as `YYYY-MM-DD HH:MM:SS` in UTC [assumed]; both become
 * ISO-8601. Anything unreadable becomes null (the original stays reachable through `raw`).
 */
export function parseSkykitTimestamp(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(value > 1e12 ? value : value * 1000).toISOString();
  if (typeof value !== 'string' || value.trim() === '') return null;
  const plain = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)$/.exec(value.trim());
  const date = new Date(plain ? `${plain[1]}T${plain[2]}Z` : value.trim());
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
