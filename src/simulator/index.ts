import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { KeyObject } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { ExtractSimulator } from './extract.js';
import { LinkSimulator, type LinkAnswerShape, type LinkKnobs } from './link.js';
import { KfinanceSimulator, kfinanceEndpoint, type KfinanceKnobs } from './kfinance.js';
import { SimHttpError, bearer, send } from './http-util.js';
import type { NerdOffsetUnit, NerdRelevanceShape } from './nerd-annotate.js';
import { NerdSimulator } from './nerd.js';
import { OktaSimulator } from './okta.js';
import { RefreshSimulator, type RefreshApp } from './refresh.js';
import { ScribeSimulator, type ScribeKnobs } from './scribe.js';
import { skykitIssuer, verifySkykitJwt, type SkykitIssuer } from './skykit-auth.js';
import { CONTENTS, createSkykitFleet } from './skykit-fleet.js';
import { DEFAULT_SKYKIT_NOT_FOUND, SkykitSimulator, type SkykitNotFound, type SkykitUpdateAnswer } from './skykit.js';
import { TokenAuthority, type SimAccessClaims } from './tokens.js';

export { verifySkykitJwt } from './skykit-auth.js';
export { DEFAULT_SKYKIT_NOT_FOUND, type SkykitNotFound, type SkykitUpdateAnswer } from './skykit.js';

export interface SimulatorOptions {
  host?: string;
  port?: number;
  /** Epoch ms; every iat/exp check, token and job timing uses it. */
  clock?: () => number;
  latencyMs?: number;
  /** Okta access-token lifetime (at most 3600). */
  tokenLifetimeSeconds?: number;
  /**
   * Okta access tokens live no longer than the client assertion (default true: Kensho documents
   * that they may follow its `exp`); false issues `tokenLifetimeSeconds` whatever the assertion says.
   */
  oktaLifetimeFollowsAssertion?: boolean;
  /** If set, refresh-flow tokens live this long instead of until the next full hour. */
  refreshTokenLifetimeSeconds?: number;
  nerdJobDurationMs?: number;
  nerdMaxTextChars?: number;
  /** How NERD counts offsets (default 'codepoint': the service is Python [inferred]). */
  nerdOffsetUnit?: NerdOffsetUnit;
  /** The shape of `entity_relevance_scores` (default 'nested', the spec's). */
  nerdRelevanceShape?: NerdRelevanceShape;
  /** Extract jobs finish this long after they start (default 300 ms). */
  extractJobDurationMs?: number;
  /** Largest PDF Extract accepts (default 100 MB = 100 000 000 bytes, as documented). */
  extractMaxFileBytes?: number;
  /** Layout of Extract's download-url output files (default 'bare'); see SimulatorKnobs. */
  extractOutputFileShape?: 'bare' | 'wrapped';
  /** What Extract's upload-url does with fields it does not document (default 'ignore'); see SimulatorKnobs. */
  extractUploadUrlUnknownFields?: 'ignore' | 'refuse';
  /** Layout of Link's answer (default 'results', the contract's proposal); see SimulatorKnobs. */
  linkAnswerShape?: LinkAnswerShape;
  /** Records Link accepts per call (default 100); more get a 400. */
  linkMaxRecords?: number;
  /** Scribe jobs finish this long after they are created (default 300 ms). */
  scribeJobDurationMs?: number;
  /** Largest media file Scribe accepts (default 1 GB = 1 000 000 000 bytes, as documented). */
  scribeMaxFileBytes?: number;
  /** Most recent calls `counters.log()` keeps (default 10 000); counts cover every call. */
  callLogLimit?: number;
}

export type SimApp = 'nerd' | 'extract' | 'skykit' | 'link' | 'scribe';

/** Calls `counters.log()` keeps by default (counts cover every call). */
const LOG_LIMIT = 10_000;

/** A fault the simulator answers with instead of serving (before any auth check). */
export interface InjectedFault {
  /** 'okta', 'refresh', an app (all its endpoints but refresh), or an exact endpoint name. */
  target: 'okta' | 'refresh' | SimApp | string;
  status: number;
  times?: number;
  retryAfterSeconds?: number;
  /** JSON body, or a string sent raw (garbage). */
  body?: unknown;
}

export interface RecordedCall {
  endpoint: string;
  status: number;
  scopes?: string[];
  at: number;
  /** The request's User-Agent header, if it sent one. */
  userAgent?: string;
  /** The client-side port of the connection the call came on (shows whether a proxy carried it). */
  remotePort?: number;
  /** The W3C trace context the call carried, if any (traceparent header). */
  traceparent?: string;
}

/** Every knob, each app's own (kFinance, Scribe, Link) included: tests set them on a running simulator. */
export interface SimulatorKnobs extends KfinanceKnobs, ScribeKnobs, LinkKnobs {
  latencyMs: number;
  tokenLifetimeSeconds: number;
  oktaLifetimeFollowsAssertion: boolean;
  refreshTokenLifetimeSeconds: number | undefined;
  nerdJobDurationMs: number;
  nerdMaxTextChars: number;
  /** Jobs end `success` with the error in `message` and no results. */
  failNerdJobs: boolean;
  /** 'codepoint' (default) or 'utf16' offsets; the contract infers code points. */
  nerdOffsetUnit: NerdOffsetUnit;
  /** 'nested' (default, the spec's), 'flat' or 'list' relevance scores; all three are documented. */
  nerdRelevanceShape: NerdRelevanceShape;
  /** The status of a running job: 'pending' (default, documented) or an undocumented word. */
  nerdRunningStatus: string;
  /** The account has the CapIQ people-tagging entitlement (default true); without it tag_people on CapIQ is 403. */
  nerdPeopleEntitlement: boolean;
  extractJobDurationMs: number;
  /** New Extract jobs end `failed` with an error message. */
  failExtractJobs: boolean;
  extractMaxFileBytes: number;
  /**
   * Extract's download-url output file: bare `{content_tree, annotations, …}` or wrapped
   * `{status, output: {…}}`. Both are documented by kenverters; production's choice is not [assumed].
   */
  extractOutputFileShape: 'bare' | 'wrapped';
  /**
   * Extract's upload-url given a field it does not document (include_relations, …): 'ignore' it
   * (the job silently lacks it) or 'refuse' it with a 400. Not published [assumed].
   */
  extractUploadUrlUnknownFields: 'ignore' | 'refuse';
  /** The devices endpoint answers the same nextCursor forever (a broken upstream). */
  skykitRepeatCursor: boolean;
  /**
   * Skykit's answer to a well-formed request for a device it does not know: 400 with some
   * `{"message"}` [doc, text unpublished] or 404 [assumed]; `body` undefined sends an empty body.
   */
  skykitNotFound: SkykitNotFound;
  /** What PUT /device answers with 200: `{"device": …}` (default) [assumed], the bare device, or an empty body. */
  skykitUpdateAnswer: SkykitUpdateAnswer;
  /** Faults answered at random (seeded, so runs repeat): e.g. 20% 503 and 5% 429 on 'nerd'. */
  randomFaults: Array<{ target: string; status: number; rate: number; retryAfterSeconds?: number }>;
}

export interface Simulator {
  readonly url: string;
  readonly urls: { tokenUrl: string; nerd: string; extract: string; skykit: string; link: string; scribe: string; kfinance: string };
  registerClient(opts: { clientId: string; publicKey: KeyObject | string; scopes: string[] }): void;
  registerSkykitIssuer(opts: { email: string; publicKey: KeyObject | string; permissions?: 'all' | 'none' }): void;
  issueRefreshToken(app: RefreshApp): string;
  issueAccessToken(opts: { scopes: string[]; lifetimeSeconds?: number }): Promise<string>;
  revokeAllTokens(): void;
  inject(fault: InjectedFault): void;
  clearFaults(): void;
  readonly knobs: SimulatorKnobs;
  /** What Extract received, for tests that check what a client sent. */
  readonly extract: {
    /** The text fields of the latest submit or upload-url form, in arrival order. */
    lastForm(endpoint: 'submit' | 'upload-url'): Readonly<Record<string, string>> | undefined;
  };
  /** What NERD holds: async jobs created and not deleted (they keep the text they were sent). */
  readonly nerd: { storedJobs(): number };
  /** What Link received: the record count of every call it served, in arrival order. */
  readonly link: {
    batches(): readonly number[];
  };
  /**
   * What Scribe received: the options of the latest submission (multipart part or JSON keys), and
   * the Content-Type of the latest multipart `options` part.
   */
  readonly scribe: { lastOptions(): Readonly<Record<string, unknown>> | undefined; lastOptionsPartType(): string | undefined };
  /** The seeded Skykit fleet, read-only, for tests to compute expectations. */
  readonly skykit: {
    devices(): ReadonlyArray<Readonly<Record<string, unknown>> & { id: string; serialNumber: string }>;
    tenants(): ReadonlyArray<Readonly<Record<string, unknown>> & { tenantCode: string }>;
    contents(): ReadonlyArray<{ id: string; name: string }>;
  };
  readonly counters: {
    tokenRequests(scope?: string): number;
    calls(endpoint: string): number;
    /** The most recent calls (about `callLogLimit` of them), oldest first. */
    log(): readonly RecordedCall[];
    reset(): void;
  };
  close(): Promise<void>;
}

/** Default error bodies per app, in each vendor's documented shape. */
function faultBody(endpoint: string, status: number): unknown {
  if (endpoint === 'okta.token') return status === 429 ? { error: 'rate_limited', error_description: 'Too many requests' } : { error: 'server_error', error_description: 'upstream failure' };
  if (endpoint.startsWith('skykit.')) return { message: status === 401 ? 'Unauthorized for URL.' : status === 403 ? 'Insufficient permission.' : `error ${status}` };
  if (status === 429) return { detail: 'user request rate has been exceeded' };
  if (status === 401) return { detail: 'invalid token' };
  return { detail: `simulated failure ${status}` };
}

function matches(target: string, endpoint: string): boolean {
  if (target === endpoint) return true;
  if (target === 'okta') return endpoint === 'okta.token';
  if (target === 'refresh') return endpoint.endsWith('.refresh');
  return endpoint.startsWith(`${target}.`) && !endpoint.endsWith('.refresh');
}

/**
 * Starts the upstream simulator: Okta, the per-app refresh endpoints, NERD v1, Extract v3
 * (its output derived from the uploaded PDF), Scribe batch v2 (jobs over real audio) and Skykit, on one node:http server with a path
 * prefix per app.
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const clock = options.clock ?? Date.now;
  const knobs: SimulatorKnobs = {
    latencyMs: options.latencyMs ?? 0,
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3600,
    oktaLifetimeFollowsAssertion: options.oktaLifetimeFollowsAssertion ?? true,
    refreshTokenLifetimeSeconds: options.refreshTokenLifetimeSeconds,
    nerdJobDurationMs: options.nerdJobDurationMs ?? 300,
    nerdMaxTextChars: options.nerdMaxTextChars ?? 1_000_000,
    failNerdJobs: false,
    nerdOffsetUnit: options.nerdOffsetUnit ?? 'codepoint',
    nerdRelevanceShape: options.nerdRelevanceShape ?? 'nested',
    nerdRunningStatus: 'pending',
    nerdPeopleEntitlement: true,
    extractJobDurationMs: options.extractJobDurationMs ?? 300,
    failExtractJobs: false,
    extractMaxFileBytes: options.extractMaxFileBytes ?? 100_000_000,
    extractOutputFileShape: options.extractOutputFileShape ?? 'bare',
    extractUploadUrlUnknownFields: options.extractUploadUrlUnknownFields ?? 'ignore',
    scribeJobDurationMs: options.scribeJobDurationMs ?? 300,
    failScribeJobs: false,
    scribeMaxFileBytes: options.scribeMaxFileBytes ?? 1_000_000_000,
    scribeRequestsPerSecond: 5,
    scribeFailureStatus: 422,
    scribeOptionsPartType: 'any',
    scribeResultTtlSeconds: 86_400,
    skykitRepeatCursor: false,
    skykitNotFound: { ...DEFAULT_SKYKIT_NOT_FOUND },
    skykitUpdateAnswer: 'envelope',
    linkAnswerShape: options.linkAnswerShape ?? 'results',
    linkMaxRecords: options.linkMaxRecords ?? 100,
    randomFaults: [],
    kfinanceWithheldPermissions: {},
    kfinanceFailingCompanies: [],
    kfinanceIdsWrapped: true,
  };
  // mulberry32: a tiny seeded PRNG, so a fault mix is the same on every run.
  let seed = 0x9e3779b9;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  let base = '';
  // Access tokens are issued by Okta's authorization server URL.
  const authority = await TokenAuthority.create(() => `${base}/okta/oauth2/default`, clock);
  const okta = new OktaSimulator(() => `${base}/okta/oauth2/default/v1/token`, authority, clock, () => knobs.tokenLifetimeSeconds, () => knobs.oktaLifetimeFollowsAssertion);
  const refresh = new RefreshSimulator(authority, clock, () => knobs.refreshTokenLifetimeSeconds);
  const nerd = new NerdSimulator(clock, knobs, () => `${base}/nerd-uploads`);
  const extract = new ExtractSimulator(clock, knobs, { upload: () => `${base}/extract-uploads`, outputs: () => `${base}/extract-outputs` });
  const link = new LinkSimulator(knobs);
  const scribe = new ScribeSimulator(clock, knobs);
  const kfinance = new KfinanceSimulator(clock, knobs);
  const skykitIssuers = new Map<string, SkykitIssuer>();
  const fleet = createSkykitFleet();
  const skykit = new SkykitSimulator(fleet, knobs);
  let faults: Array<InjectedFault & { left: number }> = [];
  let log: RecordedCall[] = [];
  // Counts per endpoint for the whole run; the log itself keeps only the latest calls, so a
  // long-running simulator (npm start, benchmarks) does not grow without bound.
  let callCounts = new Map<string, number>();
  const logLimit = options.callLogLimit ?? LOG_LIMIT;
  let grants: string[] = [];

  const server: Server = createServer((req, res) => {
    void handle(req, res);
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sim.invalid');
    const endpoint = endpointOf(req.method ?? 'GET', url.pathname);
    const record: RecordedCall = { endpoint, status: 0, at: clock(), userAgent: req.headers['user-agent'], remotePort: req.socket.remotePort, traceparent: typeof req.headers.traceparent === 'string' ? req.headers.traceparent : undefined };
    log.push(record);
    if (log.length > logLimit + Math.ceil(logLimit / 10)) log.splice(0, log.length - logLimit);
    callCounts.set(endpoint, (callCounts.get(endpoint) ?? 0) + 1);
    try {
      if (knobs.latencyMs > 0) await new Promise((r) => setTimeout(r, knobs.latencyMs));
      let fault: InjectedFault | undefined = faults.find((f) => f.left > 0 && matches(f.target, endpoint));
      if (fault) {
        (fault as InjectedFault & { left: number }).left -= 1;
        faults = faults.filter((f) => f.left > 0);
      } else if (knobs.randomFaults.length > 0) {
        const roll = random();
        let edge = 0;
        fault = knobs.randomFaults.find((f) => matches(f.target, endpoint) && roll < (edge += f.rate));
      }
      if (fault) {
        req.resume();
        record.status = fault.status;
        send(res, fault.status, fault.body ?? faultBody(endpoint, fault.status), fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : {});
        return;
      }
      const answer = await route(req, url, endpoint, record);
      record.status = answer.status;
      send(res, answer.status, answer.body, answer.headers);
    } catch (error) {
      if (error instanceof SimHttpError) {
        record.status = error.status;
        send(res, error.status, error.body, error.headers);
      } else {
        record.status = 500;
        send(res, 500, { detail: 'internal simulator error' });
      }
      req.resume();
    }
  }

  async function kenshoAuth(req: IncomingMessage, app: 'nerd' | 'extract' | 'link' | 'scribe' | 'kfinance', record: RecordedCall, unauthenticatedStatus = 401): Promise<SimAccessClaims> {
    const check = await authority.check(bearer(req));
    if (!check.ok) throw new SimHttpError(unauthenticatedStatus, { detail: check.reason });
    record.scopes = check.claims.scp;
    const scope = `kensho:app:${app}`;
    if (!check.claims.scp.includes(scope)) throw new SimHttpError(403, { detail: `missing scope ${scope}` });
    return check.claims;
  }

  async function skykitAuth(req: IncomingMessage): Promise<void> {
    const check = await verifySkykitJwt(bearer(req), skykitIssuers, clock());
    if (!check.ok) throw new SimHttpError(check.status, { message: check.message });
  }

  async function route(req: IncomingMessage, url: URL, endpoint: string, record: RecordedCall): Promise<{ status: number; body: unknown; headers?: Record<string, string> }> {
    switch (endpoint) {
      case 'okta.token': {
        const { scope, body } = await okta.handle(req);
        grants.push(scope);
        return { status: 200, body };
      }
      case 'nerd.refresh':
      case 'extract.refresh':
      case 'link.refresh':
      case 'scribe.refresh':
      case 'kfinance.refresh': {
        const { scope, body } = await refresh.handle(endpoint.split('.')[0] as RefreshApp, req, url);
        grants.push(scope);
        return { status: 200, body };
      }
      case 'nerd.annotations-sync':
        await kenshoAuth(req, 'nerd', record);
        return nerd.sync(req);
      case 'nerd.annotations-async.create':
        return nerd.createJob(req, await kenshoAuth(req, 'nerd', record));
      case 'nerd.annotations-async.poll':
        return nerd.poll(url, await kenshoAuth(req, 'nerd', record));
      case 'nerd.annotations-async.delete':
        return nerd.delete(url, await kenshoAuth(req, 'nerd', record));
      case 'nerd.annotations-async.put':
        return nerd.startUploaded(req, url, await kenshoAuth(req, 'nerd', record));
      case 'nerd.upload-url':
        return nerd.uploadSpec(await kenshoAuth(req, 'nerd', record));
      case 'nerd.upload':
        return nerd.receiveUpload(req);
      case 'nerd.me':
        // NERD documents 403 (not 401) for an unauthenticated /me.
        return nerd.me(await kenshoAuth(req, 'nerd', record, 403));
      case 'sim.counters': {
        // For benchmarks and curl users in another process: counts only, never a token.
        const byEndpoint: Record<string, number> = {};
        for (const [name, count] of callCounts) byEndpoint[name] = count;
        const byScope: Record<string, number> = {};
        for (const g of grants) byScope[g] = (byScope[g] ?? 0) + 1;
        return { status: 200, body: { tokenRequests: grants.length, tokenRequestsByScope: byScope, calls: byEndpoint } };
      }
      case 'extract.submit':
        return extract.submit(req, await kenshoAuth(req, 'extract', record));
      case 'extract.get':
        return extract.get(lastSegment(url.pathname), url, await kenshoAuth(req, 'extract', record));
      case 'extract.upload-url':
        return extract.uploadUrl(req, await kenshoAuth(req, 'extract', record));
      case 'extract.upload':
        return extract.receiveUpload(req);
      case 'extract.upload-complete':
        return extract.uploadComplete(req, await kenshoAuth(req, 'extract', record));
      case 'extract.download-url':
        return extract.downloadUrl(lastSegment(url.pathname), await kenshoAuth(req, 'extract', record));
      case 'extract.output':
        return extract.output(lastSegment(url.pathname), url, req.method ?? 'GET');
      case 'extract.other':
        await kenshoAuth(req, 'extract', record);
        return extract.other(req.method ?? 'GET', url.pathname);
      case 'link.companies': {
        await kenshoAuth(req, 'link', record);
        const [knowledgeBase = '', model = ''] = url.pathname.split('/').slice(-2).map(decodeURIComponent);
        return link.companies(req, knowledgeBase, model);
      }
      case 'link.other':
        await kenshoAuth(req, 'link', record);
        throw new SimHttpError(404, { detail: 'Not Found' });
      case 'scribe.create':
      case 'scribe.head':
      case 'scribe.get':
      case 'scribe.delete': {
        const claims = await kenshoAuth(req, 'scribe', record);
        scribe.limit(claims);
        const id = lastSegment(url.pathname);
        if (endpoint === 'scribe.create') return scribe.create(req, claims);
        if (endpoint === 'scribe.delete') return scribe.delete(id, claims);
        return scribe.read(id, req, claims, endpoint === 'scribe.head');
      }
      case 'scribe.other':
        await kenshoAuth(req, 'scribe', record);
        throw new SimHttpError(404, { detail: 'no such endpoint' });
      default:
        if (endpoint.startsWith('kfinance.')) {
          // kFinance answers 403, never 401, to a missing, bad or expired token (UPSTREAMS-MORE §2.13).
          return kfinance.handle(endpoint, req, url.pathname.slice('/kfinance'.length), await kenshoAuth(req, 'kfinance', record, 403));
        }
        break;
    }
    switch (endpoint) {
      case 'skykit.devices':
        await skykitAuth(req);
        return skykit.devices(url);
      case 'skykit.tenants':
        await skykitAuth(req);
        return skykit.tenants(url);
      case 'skykit.device.get':
        await skykitAuth(req);
        return skykit.device(url);
      case 'skykit.device.put':
        await skykitAuth(req);
        return skykit.update(req);
      case 'skykit.changeContent':
        await skykitAuth(req);
        return skykit.changeContent(url);
      case 'skykit.other':
        await skykitAuth(req);
        throw new SimHttpError(404, { message: 'no such endpoint' });
      default:
        throw new SimHttpError(404, { detail: 'no such endpoint' });
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  base = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;

  return {
    url: base,
    urls: { tokenUrl: `${base}/okta/oauth2/default/v1/token`, nerd: `${base}/nerd`, extract: `${base}/extract`, skykit: `${base}/skykit`, link: `${base}/link`, scribe: `${base}/scribe`, kfinance: `${base}/kfinance` },
    registerClient: ({ clientId, publicKey, scopes }) => okta.register(clientId, publicKey, scopes),
    registerSkykitIssuer: ({ email, publicKey, permissions }) => void skykitIssuers.set(email, skykitIssuer(email, publicKey, permissions)),
    issueRefreshToken: (app) => refresh.issue(app),
    issueAccessToken: async ({ scopes, lifetimeSeconds }) => (await authority.issue('account-page', [...scopes].sort(), { seconds: lifetimeSeconds ?? 3600 })).token,
    revokeAllTokens: () => authority.revokeAll(),
    inject: (fault) => void faults.push({ ...fault, left: fault.times ?? 1 }),
    clearFaults: () => void (faults = []),
    knobs,
    extract: { lastForm: (endpoint) => extract.lastForm(endpoint) },
    nerd: { storedJobs: () => nerd.storedJobs() },
    link: { batches: () => link.batches },
    scribe: { lastOptions: () => scribe.lastOptions, lastOptionsPartType: () => scribe.lastOptionsPartType },
    skykit: {
      devices: () => fleet.devices,
      tenants: () => fleet.tenants,
      contents: () => CONTENTS,
    },
    counters: {
      tokenRequests: (scope) => (scope === undefined ? grants.length : grants.filter((g) => g === scope).length),
      calls: (endpoint) => callCounts.get(endpoint) ?? 0,
      log: () => log,
      reset: () => {
        log = [];
        callCounts = new Map();
        grants = [];
        link.batches.length = 0;
      },
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The last path segment, URL-decoded (a request id). */
function lastSegment(path: string): string {
  const segment = path.replace(/\/+$/, '').split('/').at(-1) ?? '';
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Maps a request to its stable endpoint name (counters, faults). */
function endpointOf(method: string, path: string): string {
  const p = path.replace(/\/+$/, '');
  if (p === '/okta/oauth2/default/v1/token') return 'okta.token';
  if (p === '/nerd/oauth2/refresh') return 'nerd.refresh';
  if (p === '/extract/oauth2/refresh') return 'extract.refresh';
  if (p === '/link/oauth2/refresh') return 'link.refresh';
  if (/^\/link\/api\/ondemand\/v0\/companies\/[^/]+\/[^/]+$/.test(p) && method === 'POST') return 'link.companies';
  if (p.startsWith('/link/')) return 'link.other';
  if (p === '/scribe/oauth2/refresh') return 'scribe.refresh';
  if (p === '/scribe/api/v2/transcription' && method === 'POST') return 'scribe.create';
  if (/^\/scribe\/api\/v2\/transcription\/[^/]+$/.test(p)) {
    const byMethod: Record<string, string> = { HEAD: 'head', GET: 'get', DELETE: 'delete' };
    if (byMethod[method]) return `scribe.${byMethod[method]}`;
  }
  if (p.startsWith('/scribe/')) return 'scribe.other';
  if (p === '/nerd/api/v1/annotations-sync' && method === 'POST') return 'nerd.annotations-sync';
  if (p === '/nerd/api/v1/annotations-async') {
    const byMethod: Record<string, string> = { POST: 'create', GET: 'poll', DELETE: 'delete', PUT: 'put' };
    if (byMethod[method]) return `nerd.annotations-async.${byMethod[method]}`;
  }
  if (p === '/nerd/api/v1/upload-url' && method === 'GET') return 'nerd.upload-url';
  if (p === '/nerd-uploads') return 'nerd.upload';
  if (p === '/nerd/me' && method === 'GET') return 'nerd.me';
  if (p === '/__sim/counters' && method === 'GET') return 'sim.counters';
  if (p === '/extract-uploads') return 'extract.upload';
  if (/^\/extract-outputs\/[^/]+$/.test(p)) return 'extract.output';
  if (p === '/extract/v3/extractions' && method === 'POST') return 'extract.submit';
  if (p === '/extract/v3/extractions/upload-url' && method === 'POST') return 'extract.upload-url';
  if (p === '/extract/v3/extractions/upload-complete' && method === 'PUT') return 'extract.upload-complete';
  if (/^\/extract\/v3\/extractions\/download-url\/[^/]+$/.test(p) && method === 'GET') return 'extract.download-url';
  const extractionId = /^\/extract\/v3\/extractions\/([^/]+)$/.exec(p)?.[1];
  if (extractionId !== undefined && !['upload-url', 'upload-complete', 'download-url'].includes(extractionId) && method === 'GET') return 'extract.get';
  if (p.startsWith('/extract/')) return 'extract.other';
  if (p === '/skykit/sk-api/v1/devices' && method === 'GET') return 'skykit.devices';
  if (p === '/skykit/sk-api/v1/tenants' && method === 'GET') return 'skykit.tenants';
  if (p === '/skykit/sk-api/v1/device' && method === 'GET') return 'skykit.device.get';
  if (p === '/skykit/sk-api/v1/device' && method === 'PUT') return 'skykit.device.put';
  if (p === '/skykit/sk-api/v1/changeContent' && method === 'POST') return 'skykit.changeContent';
  if (p.startsWith('/skykit/')) return 'skykit.other';
  if (p.startsWith('/kfinance/')) return kfinanceEndpoint(method, p.slice('/kfinance'.length));
  return 'unknown';
}
