import { UpstreamError } from '../../errors.js';
import type { UpstreamHttp } from '../../upstreams/http.js';
import type { SentResponse } from '../../net/send.js';
import type { UpstreamPage } from './paging.js';
import { parseDevice, parseListPage, parseTenant, type SkykitDeviceWire, type SkykitTenantWire } from './wire.js';

/** Exactly one way to name a device (UPSTREAMS §4). */
export type DeviceRef = { readonly deviceId: string } | { readonly serialNumber: string };

/** Exactly one way to name content. */
export type ContentRef = { readonly contentId: string } | { readonly contentName: string };

const API = '/sk-api/v1';

/** Statuses that mean "no such device" on a well-formed single-device lookup. */
const NOT_FOUND: readonly number[] = [400, 404];

/**
 * A typed client for the Skykit API v1 (UPSTREAMS §4). Skykit has no scopes: scope is ''.
 * `operation` is the signal of the GraphQL operation a call is made for: the call is counted for
 * it, and not aborted by it (a mutation is not cut off halfway when its client leaves).
 */
export class SkykitClient {
  constructor(private readonly http: UpstreamHttp) {}

  /** One upstream page of devices (100 items, opaque cursor). */
  async devicesPage(filter: { tenantCode?: string; managingOrgCode?: string }, cursor: string | null, operation?: AbortSignal): Promise<UpstreamPage<SkykitDeviceWire>> {
    const endpoint = 'skykit.devices';
    const response = await this.http.request({ endpoint, method: 'GET', path: `${API}/devices`, query: query({ ...filter, cursor }), scope: '', onBehalfOf: operation });
    return parseListPage(response.body, 'devices', endpoint, parseDevice);
  }

  /** One upstream page of tenants. */
  async tenantsPage(filter: { managingOrgCode?: string }, cursor: string | null, operation?: AbortSignal): Promise<UpstreamPage<SkykitTenantWire>> {
    const endpoint = 'skykit.tenants';
    const response = await this.http.request({ endpoint, method: 'GET', path: `${API}/tenants`, query: query({ ...filter, cursor }), scope: '', onBehalfOf: operation });
    return parseListPage(response.body, 'tenants', endpoint, parseTenant);
  }

  /**
   * A device by id or serial number; null when Skykit does not know it.
   *
   * Decided by structure, never by message: Skykit answers an unknown id with 400
   * `{"message": "..."}` whose text is not published [doc], perhaps with 404 [assumed]
   * (UPSTREAMS §4). Exactly one non-empty id is sent (the resolvers check the arguments, and this
   * method refuses an empty one), so the request is well-formed and the one documented reason
   * left for a 400 is an unknown id.
   */
  async device(ref: DeviceRef, operation?: AbortSignal): Promise<SkykitDeviceWire | null> {
    const endpoint = 'skykit.device.get';
    if (!('deviceId' in ref ? ref.deviceId : ref.serialNumber)) throw new TypeError('SkykitClient.device needs a non-empty deviceId or serialNumber');
    let response: SentResponse;
    try {
      response = await this.http.request({ endpoint, method: 'GET', path: `${API}/device`, query: query(ref), scope: '', accept: NOT_FOUND, onBehalfOf: operation });
    } catch (error) {
      // An accepted status whose body is not JSON (an HTML error page): still "not found".
      if (error instanceof UpstreamError && error.code === 'UPSTREAM_BAD_RESPONSE' && NOT_FOUND.includes(error.status ?? 0)) return null;
      throw error;
    }
    if (NOT_FOUND.includes(response.status)) return null;
    return parseDevice(envelope(response.body), endpoint);
  }

  /** Updates a device's time zone and/or hours of operation; answers the updated device. */
  async updateDevice(ref: DeviceRef, changes: { timezone?: string; hoursOfOperation?: unknown }, operation?: AbortSignal): Promise<SkykitDeviceWire | null> {
    const endpoint = 'skykit.device.put';
    const response = await this.http.request({ endpoint, method: 'PUT', path: `${API}/device`, json: { ...ref, ...changes }, scope: '', onBehalfOf: operation });
    // The answer's shape is [assumed] ({"device": …}); a bare device or an empty body is accepted.
    const body = envelope(response.body);
    return body === undefined ? null : parseDevice(body, endpoint);
  }

  /** Asks the device to play other content; Skykit answers 204 (query string only, no body). */
  async changeContent(ref: DeviceRef, content: ContentRef, operation?: AbortSignal): Promise<void> {
    await this.http.request({ endpoint: 'skykit.changeContent', method: 'POST', path: `${API}/changeContent`, query: query({ ...ref, ...content }), scope: '', onBehalfOf: operation });
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

