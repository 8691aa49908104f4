import { one, sizedByParent, type AppPricing, type FieldCalls } from '../pricing.js';
import { pageSize, SKYKIT_PAGE_ITEMS } from './paging.js';

/** A Relay connection over Skykit's fixed pages: `first` items, one call per upstream page read. */
const connection: FieldCalls = {
  calls: (args) => {
    const first = pageSize(args.first);
    // From the start, ceil(first / page) pages; resuming mid-page (`after`) may read one more.
    return first <= 0 ? 0 : Math.ceil(first / SKYKIT_PAGE_ITEMS) + (args.after ? 1 : 0);
  },
  items: (args) => Math.max(0, pageSize(args.first)),
};

/** Skykit's fields beyond one call each: connections, and a device's tenant (one walk of the tenant list per batch). */
export const skykitPricing: AppPricing = {
  'Query.skykitDevices': connection,
  'Query.skykitTenants': connection,
  'SkykitTenant.devices': connection,
  'SkykitDeviceConnection.edges': sizedByParent,
  'SkykitTenantConnection.edges': sizedByParent,
  // One walk of the tenant list (100 a page) finds every tenant asked for together.
  'SkykitDevice.tenant': { batched: { key: 'skykit-tenants', perCall: Infinity } },
  // A mutation reads the device again when Skykit answered without it.
  'Mutation.updateSkykitDevice': { calls: () => 2 },
  'ChangeSkykitContentPayload.device': one,
};
