import { GatewayError } from '../../errors.js';
import type { UpstreamHttp } from '../http.js';
import type { UpstreamPage } from './paging.js';
import { parseDevice, parseListPage, parseTenant, type SkykitDeviceWire, type SkykitTenantWire } from './wire.js';

/** Exactly one way to name a device (UPSTREAMS §4). */
export type DeviceRef = { readonly deviceId: string } | { readonly serialNumber: string };

/** Exactly one way to name content. */
export type ContentRef = { readonly contentId: string } | { readonly contentName: string };

const API = '/sk-api/v1';

/** A typed client for the Skykit API v1 (UPSTREAMS §4). Skykit has no scopes: scope is ''. */
export class SkykitClient {
  constructor(private readonly http: UpstreamHttp) {}

  /** One upstream page of devices (100 items, opaque cursor). */
  async devicesPage(filter: { tenantCode?: string; managingOrgCode?: string }, cursor: string | null): Promise<UpstreamPage<SkykitDeviceWire>> {
    const endpoint = 'skykit.devices';
    const response = await this.http.request({ endpoint, method: 'GET', path: `${API}/devices`, query: query({ ...filter, cursor }), scope: '' });
    return parseListPage(response.body, 'devices', endpoint, parseDevice);
  }

  /** One upstream page of tenants. */
  async tenantsPage(filter: { managingOrgCode?: string }, cursor: string | null): Promise<UpstreamPage<SkykitTenantWire>> {
    const endpoint = 'skykit.tenants';
    const response = await this.http.request({ endpoint, method: 'GET', path: `${API}/tenants`, query: query({ ...filter, cursor }), scope: '' });
    return parseListPage(response.body, 'tenants', endpoint, parseTenant);
  }

  /** A device by id or serial number; null when Skykit does not know it. */
  async device(ref: DeviceRef): Promise<SkykitDeviceWire | null> {
    const endpoint = 'skykit.device.get';
    try {
      const response = await this.http.request({ endpoint, method: 'GET', path: `${API}/device`, query: query(ref), scope: '', accept: [404] });
      if (response.status === 404) return null;
      return parseDevice(envelope(response.body), endpoint);
    } catch (error) {
      // Skykit answers an unknown id with 400 (UPSTREAMS §4); that is "not found", not bad input.
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  /** Updates a device's time zone and/or hours of operation; answers the updated device. */
  async updateDevice(ref: DeviceRef, changes: { timezone?: string; hoursOfOperation?: unknown }): Promise<SkykitDeviceWire | null> {
    const endpoint = 'skykit.device.put';
    const response = await this.http.request({ endpoint, method: 'PUT', path: `${API}/device`, json: { ...ref, ...changes }, scope: '' });
    // The answer's shape is [assumed] ({"device": …}); a bare device or an empty body is accepted.
    const body = envelope(response.body);
    return body === undefined ? null : parseDevice(body, endpoint);
  }

  /** Asks the device to play other content; Skykit answers 204 (query string only, no body). */
  async changeContent(ref: DeviceRef, content: ContentRef): Promise<void> {
    await this.http.request({ endpoint: 'skykit.changeContent', method: 'POST', path: `${API}/changeContent`, query: query({ ...ref, ...content }), scope: '' });
  }
}

function query(values: Record<string, string | null | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== null && v !== '') out[k] = v;
  return out;
}

function envelope(body: unknown): unknown {
  return typeof body === 'object' && body !== null && 'device' in body ? (body as { device: unknown }).device : body;
}

function isNotFound(error: unknown): boolean {
  return error instanceof GatewayError && error.code === 'BAD_USER_INPUT' && /not found|unknown|does not exist/i.test(error.message);
}
