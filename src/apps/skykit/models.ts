import type { DeviceRef } from './client.js';
import type { Connection } from './paging.js';
import type { SkykitDeviceWire, SkykitTenantWire } from './wire.js';

/** A page of devices as the resolvers build it. */
export type DeviceConnectionModel = Connection<SkykitDeviceWire>;

/** A page of tenants. */
export type TenantConnectionModel = Connection<SkykitTenantWire>;

/** The result of a content change: the device is read only if the client asks for it. */
export interface ChangeContentModel {
  readonly accepted: boolean;
  readonly ref: DeviceRef;
}
