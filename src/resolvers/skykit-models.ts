import type { DeviceRef } from '../upstreams/skykit/client.js';
import type { Connection } from '../upstreams/skykit/paging.js';
import type { SkykitDeviceWire, SkykitTenantWire } from '../upstreams/skykit/wire.js';

/** A page of devices as the resolvers build it. */
export type DeviceConnectionModel = Connection<SkykitDeviceWire>;

/** A page of tenants. */
export type TenantConnectionModel = Connection<SkykitTenantWire>;

/** The result of a content change: the device is read only if the client asks for it. */
export interface ChangeContentModel {
  readonly accepted: boolean;
  readonly ref: DeviceRef;
}
