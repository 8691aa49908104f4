import { BadUserInputError } from '../../errors.js';
import { appClients, type AppContext } from '../context.js';
import type { Resolvers } from '../../generated/resolvers-types.js';
import type { ContentRef, DeviceRef, SkykitClient } from './client.js';
import { pageSize, paginate } from './paging.js';
import { parseSkykitTimestamp, type SkykitDeviceWire, type SkykitTenantWire } from './wire.js';
import { DateTimeScalar, JSONScalar } from '../../resolvers/scalars.js';

function skykit(ctx: AppContext): SkykitClient {
  return appClients(ctx.services, 'skykit').skykit;
}

/** Exactly one of two arguments, or BAD_USER_INPUT naming them. */
function exactlyOne<A extends string, B extends string>(a: [A, string | null | undefined], b: [B, string | null | undefined]): { [K in A]: string } | { [K in B]: string } {
  const [aName, aValue] = a;
  const [bName, bValue] = b;
  const hasA = aValue !== undefined && aValue !== null && aValue !== '';
  const hasB = bValue !== undefined && bValue !== null && bValue !== '';
  if (hasA === hasB) throw new BadUserInputError(`give exactly one of ${aName} and ${bName}`, { arguments: [aName, bName] });
  return (hasA ? { [aName]: aValue } : { [bName]: bValue }) as { [K in A]: string } | { [K in B]: string };
}

function deviceRef(id: string | null | undefined, serialNumber: string | null | undefined, idName = 'id'): DeviceRef {
  const ref = exactlyOne([idName, id], ['serialNumber', serialNumber]);
  return idName in ref ? { deviceId: (ref as Record<string, string>)[idName]! } : { serialNumber: (ref as { serialNumber: string }).serialNumber };
}

/** True for a time zone the runtime's IANA database knows (links such as US/Central included). */
export function isIanaTimeZone(zone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const str = (d: SkykitDeviceWire, key: string): string | null => {
  const v = d[key];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null;
};
/** Skykit's `contentPending` is the pending media item's name [doc]; empty, null or absent: none. */
const pendingContent = (d: SkykitDeviceWire): string | null => {
  const v = d.contentPending;
  return typeof v === 'string' && v.trim() !== '' ? v : null;
};
const int = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : null);
const tstr = (t: SkykitTenantWire, key: string): string | null => (typeof t[key] === 'string' ? (t[key] as string) : null);

/** Resolvers of src/apps/skykit/schema.graphql. */
export const skykitResolvers: Resolvers = {
  DateTime: DateTimeScalar,
  JSON: JSONScalar,
  Query: {
    skykitDevices: (_p, args, ctx) => {
      const filter = { tenantCode: args.tenantCode ?? undefined, managingOrgCode: args.managingOrgCode ?? undefined };
      return paginate({
        first: pageSize(args.first),
        after: args.after,
        query: `devices:${filter.tenantCode ?? ''}:${filter.managingOrgCode ?? ''}`,
        fetchPage: (cursor) => skykit(ctx).devicesPage(filter, cursor, ctx.signal),
        upstreamName: 'Skykit',
      });
    },
    skykitTenants: (_p, args, ctx) => {
      const filter = { managingOrgCode: args.managingOrgCode ?? undefined };
      return paginate({
        first: pageSize(args.first),
        after: args.after,
        query: `tenants:${filter.managingOrgCode ?? ''}`,
        fetchPage: (cursor) => skykit(ctx).tenantsPage(filter, cursor, ctx.signal),
        upstreamName: 'Skykit',
      });
    },
    skykitDevice: (_p, args, ctx) => skykit(ctx).device(deviceRef(args.id, args.serialNumber), ctx.signal),
  },
  Mutation: {
    async updateSkykitDevice(_p, { input }, ctx) {
      const ref = deviceRef(input.id, input.serialNumber);
      const changes: { timezone?: string; hoursOfOperation?: unknown } = {};
      if (input.timezone != null) {
        if (!isIanaTimeZone(input.timezone)) throw new BadUserInputError(`timezone "${input.timezone}" is not an IANA time zone (e.g. US/Central, Europe/Zurich)`, { argument: 'timezone' });
        changes.timezone = input.timezone;
      }
      if (input.hoursOfOperation !== undefined) {
        if (input.hoursOfOperation !== null && (typeof input.hoursOfOperation !== 'object' || Array.isArray(input.hoursOfOperation))) {
          throw new BadUserInputError('hoursOfOperation must be an object (or null to clear it)', { argument: 'hoursOfOperation' });
        }
        changes.hoursOfOperation = input.hoursOfOperation;
      }
      if (Object.keys(changes).length === 0) throw new BadUserInputError('nothing to change: give timezone and/or hoursOfOperation');
      const device = await skykit(ctx).updateDevice(ref, changes, ctx.signal);
      return { device: device ?? (await skykit(ctx).device(ref, ctx.signal)) };
    },
    async changeSkykitContent(_p, { input }, ctx) {
      const ref = deviceRef(input.deviceId, input.serialNumber, 'deviceId');
      const content = exactlyOne(['contentId', input.contentId], ['contentName', input.contentName]) as ContentRef;
      await skykit(ctx).changeContent(ref, content, ctx.signal);
      return { accepted: true, ref };
    },
  },
  ChangeSkykitContentPayload: {
    device: (p, _a, ctx) => skykit(ctx).device(p.ref, ctx.signal),
  },
  SkykitDevice: {
    serialNumber: (d) => str(d, 'serialNumber'),
    tenantCode: (d) => str(d, 'tenantCode'),
    tenant: (d, _a, ctx) => {
      const code = str(d, 'tenantCode');
      return code ? ctx.loaders.skykitTenant.load(code) : null;
    },
    chromeWebviewVersion: (d) => str(d, 'chromeWebviewVersion'),
    connectionType: (d) => str(d, 'connectionType'),
    contentManagerDisplayName: (d) => str(d, 'contentManagerDisplayName'),
    contentManagerLocation: (d) => str(d, 'contentManagerLocation'),
    contentPending: (d) => pendingContent(d),
    hasContentPending: (d) => pendingContent(d) !== null,
    controlVersionName: (d) => str(d, 'controlVersionName'),
    created: (d) => parseSkykitTimestamp(d.created),
    updated: (d) => parseSkykitTimestamp(d.updated),
    heartbeatUpdated: (d) => parseSkykitTimestamp(d.heartbeatUpdated),
    defaultHomeApp: (d) => str(d, 'defaultHomeApp'),
    displayRatio: (d) => str(d, 'displayRatio'),
    ethernetMacAddress: (d) => str(d, 'ethernetMacAddress'),
    macAddress: (d) => str(d, 'macAddress'),
    homeVersionName: (d) => str(d, 'homeVersionName'),
    hoursOfOperation: (d) => d.hoursOfOperation ?? null,
    lastPlayedContentName: (d) => str(d, 'lastPlayedContentName'),
    launcherVersionName: (d) => str(d, 'launcherVersionName'),
    model: (d) => str(d, 'model'),
    osVersion: (d) => str(d, 'osVersion'),
    timezone: (d) => str(d, 'timezone'),
    raw: (d) => d,
  },
  SkykitTenant: {
    code: (t) => t.tenantCode,
    name: (t) => tstr(t, 'tenantName'),
    domainName: (t) => tstr(t, 'domainName'),
    managingOrg: (t) => {
      const code = tstr(t, 'managingOrgCode');
      return code ? { code, name: tstr(t, 'managingOrgName') } : null;
    },
    numberOfDisplays: (t) => int(t.numberOfDisplays),
    devices: (t, args, ctx) => {
      const filter = { tenantCode: t.tenantCode };
      return paginate({
        first: pageSize(args.first),
        after: args.after,
        query: `devices:${t.tenantCode}:`,
        fetchPage: (cursor) => skykit(ctx).devicesPage(filter, cursor, ctx.signal),
        upstreamName: 'Skykit',
      });
    },
  },
};
