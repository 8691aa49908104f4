import { createHmac, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { SimHttpError, readJson } from './http-util.js';
import { CONTENTS, type Json, type SkykitFleet } from './skykit-fleet.js';

/** Skykit pages hold 100 items; there is no page-size parameter (UPSTREAMS §4). */
export const SKYKIT_PAGE_SIZE = 100;

const bad = (message: string) => new SimHttpError(400, { message });

/**
 * How the simulator answers a well-formed request naming a device it does not know. Skykit
 * documents only "400 {"message": "..."} for unknown IDs" [doc] and perhaps 404 [assumed]; the
 * message text is not published, so clients must not read it. `body` undefined: an empty body.
 */
export interface SkykitNotFound {
  status: 400 | 404;
  body: unknown;
}

/** The shape of a device update's 200 answer: `{"device": …}` [assumed], the bare device, or nothing. */
export type SkykitUpdateAnswer = 'envelope' | 'bare' | 'empty';

/** The default unknown-device answer: a documented 400 whose text says nothing like "not found". */
export const DEFAULT_SKYKIT_NOT_FOUND: Readonly<SkykitNotFound> = { status: 400, body: { message: 'Invalid request parameters.' } };

/** Knobs Skykit reads on each request. */
export interface SkykitKnobs {
  /** The devices endpoint answers the same nextCursor forever (a broken upstream). */
  skykitRepeatCursor: boolean;
  /**
   * Skykit's answer to a well-formed request for a device it does not know: 400 with some
   * `{"message"}` [doc, text unpublished] or 404 [assumed]; `body` undefined sends an empty body.
   */
  skykitNotFound: SkykitNotFound;
  /** What PUT /device answers with 200: `{"device": …}` (default) [assumed], the bare device, or an empty body. */
  skykitUpdateAnswer: SkykitUpdateAnswer;
}

/**
 * The Skykit API v1 endpoints (UPSTREAMS §4) over a seeded fleet: device and tenant lists in
 * pages of 100 with opaque signed cursors, one device by exactly one id, device updates, and
 * content changes answered 204 that then show in `contentPending` (the pending item's name).
 * Skykit does not document the message of an unknown-device answer, so its status and body are
 * knobs (`skykitNotFound`).
 */
export class SkykitSimulator {
  private readonly cursorKey = randomBytes(32);

  constructor(
    private readonly fleet: SkykitFleet,
    private readonly knobs: SkykitKnobs,
  ) {}

  /** GET /sk-api/v1/devices */
  devices(url: URL): { status: number; body: unknown } {
    const tenantCode = url.searchParams.get('tenantCode');
    const managingOrgCode = url.searchParams.get('managingOrgCode');
    const orgTenants = managingOrgCode ? new Set(this.fleet.tenants.filter((t) => t.managingOrgCode === managingOrgCode).map((t) => t.tenantCode)) : undefined;
    const items = this.fleet.devices.filter((d) => (!tenantCode || d.tenantCode === tenantCode) && (!orgTenants || orgTenants.has(d.tenantCode)));
    return this.page('devices', items, `${tenantCode ?? ''}|${managingOrgCode ?? ''}`, url.searchParams.get('cursor'));
  }

  /** GET /sk-api/v1/tenants */
  tenants(url: URL): { status: number; body: unknown } {
    const managingOrgCode = url.searchParams.get('managingOrgCode');
    const items = this.fleet.tenants.filter((t) => !managingOrgCode || t.managingOrgCode === managingOrgCode);
    return this.page('tenants', items, managingOrgCode ?? '', url.searchParams.get('cursor'));
  }

  /** GET /sk-api/v1/device?deviceId=|serialNumber= */
  device(url: URL): { status: number; body: unknown } {
    return { status: 200, body: { device: this.find(url.searchParams.get('deviceId'), url.searchParams.get('serialNumber')) } };
  }

  /** PUT /sk-api/v1/device with a JSON body. */
  async update(req: IncomingMessage): Promise<{ status: number; body: unknown }> {
    const body = await readJson(req).catch((e: unknown) => {
      throw e instanceof SimHttpError ? bad(String((e.body as { detail?: string }).detail ?? 'bad request')) : e;
    });
    const device = this.find(str(body.deviceId), str(body.serialNumber));
    if (body.timezone !== undefined) {
      if (typeof body.timezone !== 'string' || !validZone(body.timezone)) throw bad('Invalid timezone.');
    }
    if (body.hoursOfOperation !== undefined && body.hoursOfOperation !== null && (typeof body.hoursOfOperation !== 'object' || Array.isArray(body.hoursOfOperation))) {
      throw bad('Invalid hoursOfOperation.');
    }
    if (body.timezone !== undefined) device.timezone = body.timezone;
    if (body.hoursOfOperation !== undefined) device.hoursOfOperation = body.hoursOfOperation;
    device.updated = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const answer = this.knobs.skykitUpdateAnswer;
    return { status: 200, body: answer === 'empty' ? undefined : answer === 'bare' ? device : { device } };
  }

  /** POST /sk-api/v1/changeContent — parameters in the query string only; 204 on success. */
  changeContent(url: URL): { status: number; body: unknown } {
    const q = url.searchParams;
    const device = this.find(q.get('deviceId'), q.get('serialNumber'));
    const contentId = q.get('contentId');
    const contentName = q.get('contentName');
    if (!contentId === !contentName) throw bad('Provide exactly one of contentId or contentName.');
    const content = contentId ? CONTENTS.find((c) => c.id === contentId) : CONTENTS.find((c) => c.name === contentName);
    if (!content) throw bad('Content not found.');
    device.contentPending = content.name;
    return { status: 204, body: undefined };
  }

  private find(deviceId: string | null | undefined, serialNumber: string | null | undefined): Json {
    if (!deviceId === !serialNumber) throw bad('Provide exactly one of deviceId or serialNumber.');
    const device = deviceId ? this.fleet.devices.find((d) => d.id === deviceId) : this.fleet.devices.find((d) => d.serialNumber === serialNumber);
    if (!device) throw new SimHttpError(this.knobs.skykitNotFound.status, this.knobs.skykitNotFound.body);
    return device;
  }

  /** Cuts a page of 100 at the cursor; the cursor is signed and bound to the filters. */
  private page(field: 'devices' | 'tenants', items: Json[], filter: string, cursor: string | null): { status: number; body: unknown } {
    const offset = cursor ? this.readCursor(cursor, `${field}|${filter}`) : 0;
    const slice = items.slice(offset, offset + SKYKIT_PAGE_SIZE);
    const nextOffset = offset + SKYKIT_PAGE_SIZE;
    const more = nextOffset < items.length;
    const nextCursor = field === 'devices' && this.knobs.skykitRepeatCursor ? this.makeCursor(SKYKIT_PAGE_SIZE, `${field}|${filter}`) : more ? this.makeCursor(nextOffset, `${field}|${filter}`) : undefined;
    return { status: 200, body: { [field]: slice, ...(nextCursor ? { nextCursor } : {}) } };
  }

  private makeCursor(offset: number, scope: string): string {
    const payload = Buffer.from(JSON.stringify({ o: offset, s: scope })).toString('base64url');
    return `${payload}.${createHmac('sha256', this.cursorKey).update(payload).digest('base64url').slice(0, 16)}`;
  }

  private readCursor(cursor: string, scope: string): number {
    const [payload, sig] = cursor.split('.');
    if (!payload || !sig || createHmac('sha256', this.cursorKey).update(payload).digest('base64url').slice(0, 16) !== sig) throw bad('invalid cursor');
    const parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { o: number; s: string };
    if (parsed.s !== scope) throw bad('cursor does not match the filters');
    return parsed.o;
  }
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** A zone the runtime's IANA database knows (links such as US/Central included). */
function validZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
