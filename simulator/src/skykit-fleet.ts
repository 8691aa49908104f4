/** A deterministic demo fleet: managing organizations → tenants → devices (UPSTREAMS §4). */

export type Json = Record<string, unknown>;

/** A device record: free-form like Skykit's, with the fields the simulator keys on. */
export type SimDevice = Json & { id: string; serialNumber: string; tenantCode: string };

/** A tenant record. */
export type SimTenant = Json & { tenantCode: string; managingOrgCode: string };

const ORGS = [
  { code: 'MO-ACME', name: 'Acme Retail Group' },
  { code: 'MO-NORTHWIND', name: 'Northwind Hospitality' },
  { code: 'MO-CONTOSO', name: 'Contoso Transit Authority' },
];

/** [tenant code, name, org index, device count]: one tenant holds more than 200 devices. */
const TENANTS: Array<[string, string, number, number]> = [
  ['T-ACME-EAST', 'Acme Stores East', 0, 212],
  ['T-ACME-WEST', 'Acme Stores West', 0, 31],
  ['T-ACME-OUTLET', 'Acme Outlets', 0, 9],
  ['T-ACME-HQ', 'Acme Headquarters', 0, 4],
  ['T-NW-HOTELS', 'Northwind Hotels', 1, 27],
  ['T-NW-RESORTS', 'Northwind Resorts', 1, 14],
  ['T-NW-DINING', 'Northwind Dining', 1, 11],
  ['T-NW-SPA', 'Northwind Spa', 1, 3],
  ['T-CT-METRO', 'Contoso Metro', 2, 18],
  ['T-CT-BUS', 'Contoso Bus Network', 2, 12],
  ['T-CT-FERRY', 'Contoso Ferries', 2, 6],
  ['T-CT-AIRPORT', 'Contoso Airport Link', 2, 3],
];

const ZONES = ['US/Central', 'US/Eastern', 'America/Los_Angeles', 'Europe/Zurich', 'Europe/London', 'Asia/Tokyo'];
const MODELS = ['SK-Player 4K', 'SK-Player HD', 'BrightSign XT1144', 'ChromeBox CN65'];

/** Built-in content catalogue: what changeContent can ask a device to play. */
export const CONTENTS: ReadonlyArray<{ id: string; name: string }> = [
  { id: 'c-1001', name: 'Spring menu' },
  { id: 'c-1002', name: 'Summer sale' },
  { id: 'c-1003', name: 'Safety announcement' },
  { id: 'c-1004', name: 'Welcome loop' },
  { id: 'c-1005', name: 'Departure board' },
  { id: 'c-1006', name: 'Brand video' },
  { id: 'c-1007', name: 'Holiday hours' },
  { id: 'c-1008', name: 'Emergency notice' },
  { id: 'c-1009', name: 'Loyalty program' },
  { id: 'c-1010', name: 'Night mode' },
];

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** A timestamp n hours before a fixed instant, in one of Skykit's two formats. */
function stamp(hoursAgo: number, plain: boolean): string {
  const d = new Date(Date.UTC(2026, 9, 1, 12, 0, 0) - hoursAgo * 3_600_000);
  const iso = d.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return plain ? iso.replace('T', ' ').replace('Z', '') : iso;
}

function hours(open: string, close: string): Json {
  const days = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
  return Object.fromEntries(days.map((d, i) => [d, i < 5 ? { open, close } : { open: '10:00', close: '18:00' }]));
}

/** The fleet's mutable state; built fresh by createSkykitFleet() for every simulator. */
export class SkykitFleet {
  readonly tenants: SimTenant[];
  readonly devices: SimDevice[];

  constructor() {
    this.tenants = TENANTS.map(([code, name, org, count]) => ({
      tenantCode: code,
      tenantName: name,
      domainName: `${code.toLowerCase().replace(/^t-/, '')}.signage.example.com`,
      managingOrgCode: ORGS[org]!.code,
      managingOrgName: ORGS[org]!.name,
      numberOfDisplays: count,
    }));
    this.devices = [];
    let n = 0;
    for (const [code, , , count] of TENANTS) {
      for (let i = 0; i < count; i++) {
        n += 1;
        const plain = n % 2 === 0;
        this.devices.push({
          id: `dev-${pad(n, 4)}`,
          serialNumber: `SK-${(n * 2654435761 >>> 0).toString(16).slice(0, 4).toUpperCase()}-${pad(n, 4)}`,
          tenantCode: code,
          chromeWebviewVersion: `12${n % 4}.0.${6000 + n}.${n % 100}`,
          connectionType: n % 3 === 0 ? 'wifi' : 'ethernet',
          contentManagerDisplayName: `Display ${pad(n, 4)}`,
          contentManagerLocation: `${code.slice(2)} / Floor ${1 + (n % 3)}`,
          // A string: the name of the pending media item (UPSTREAMS §4); null or absent when
          // nothing is pending (both are seen, so clients must read either).
          ...(n % 25 === 0 ? { contentPending: CONTENTS[(n + 3) % CONTENTS.length]!.name } : n % 2 === 1 ? { contentPending: null } : {}),
          controlVersionName: `4.${n % 5}.1`,
          created: stamp(24 * 200 + n, plain),
          updated: stamp(24 + n, !plain),
          heartbeatUpdated: stamp(n % 48, plain),
          defaultHomeApp: 'com.skykit.player',
          displayRatio: n % 5 === 0 ? '9:16' : '16:9',
          ethernetMacAddress: `00:1a:2b:${pad((n >> 8) & 0xff, 2)}:${pad(n & 0xff, 2)}:01`,
          macAddress: `00:1a:2b:${pad((n >> 8) & 0xff, 2)}:${pad(n & 0xff, 2)}:02`,
          homeVersionName: `2.${n % 7}.0`,
          hoursOfOperation: n % 4 === 0 ? null : hours('08:00', n % 2 ? '20:00' : '22:00'),
          lastPlayedContentName: CONTENTS[n % CONTENTS.length]!.name,
          launcherVersionName: `3.${n % 3}.2`,
          model: MODELS[n % MODELS.length],
          osVersion: `Android ${9 + (n % 4)}`,
          timezone: ZONES[n % ZONES.length],
          // Not in Skykit's public field list: clients must tolerate fields they do not know.
          firmwareChannel: n % 10 === 0 ? 'beta' : 'stable',
        });
      }
    }
    // Skykit lists devices in its own order, not grouped by tenant: a fixed permutation mixes
    // tenants within every page (7919 is prime, so i → 7919·i mod 350 is a permutation).
    const total = this.devices.length;
    const order = this.devices.map((d, i) => ({ d, key: (i * 7919) % total }));
    order.sort((a, b) => a.key - b.key);
    this.devices.splice(0, total, ...order.map((o) => o.d));
  }
}

/** Builds the demo fleet (350 devices in 12 tenants of 3 managing organizations). */
export function createSkykitFleet(): SkykitFleet {
  return new SkykitFleet();
}
