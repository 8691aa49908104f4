import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { MAX_BODY_BYTES, SimHttpError, mediaType, readJson, readMultipart, type MultipartForm } from './http-util.js';
import { annotate, type AnnotateOptions, type NerdOffsetUnit, type NerdRelevanceShape, type WireKbResult } from './nerd-annotate.js';
import type { SimAccessClaims } from './tokens.js';

const KBS = new Set(['wikimedia', 'capiq']);

interface Job {
  readonly owner: string;
  readonly createdAt: number;
  readonly requestId?: string;
  readonly results?: WireKbResult[];
  /** Set for upload-url jobs until the PUT starts them. */
  started: boolean;
  startedAt: number;
  body?: { text: string; kbs: Array<'wikimedia' | 'capiq'>; tagPeople: boolean };
}

interface PendingUpload {
  readonly owner: string;
  readonly expiresAt: number;
  text?: string;
}

/** Knobs NERD reads on each request. */
export interface NerdKnobs {
  /** Async jobs finish this long after they start (default 300 ms). */
  nerdJobDurationMs: number;
  /** Longest text NERD accepts (default 1 000 000 characters). */
  nerdMaxTextChars: number;
  /** Jobs end `success` with the error in `message` and no results (the documented failure form). */
  failNerdJobs: boolean;
  /** How NERD counts offsets: 'codepoint' (default; the service is Python, the contract infers code points) or 'utf16'. */
  nerdOffsetUnit: NerdOffsetUnit;
  /** The shape of `entity_relevance_scores`: 'nested' (default, the spec's), 'flat' or 'list'; all three are documented. */
  nerdRelevanceShape: NerdRelevanceShape;
  /** The status a running job reports: 'pending' as documented, or another word to test tolerance. */
  nerdRunningStatus: string;
  /** The account may tag people on CapIQ requests (tag_people); without it such requests get 403. */
  nerdPeopleEntitlement: boolean;
}

/** The message a failed job carries (failNerdJobs). */
export const NERD_JOB_FAILURE_MESSAGE = 'annotation model failed on this text';

/** A validated annotate request. */
interface AnnotateRequest {
  text: string;
  kbs: Array<'wikimedia' | 'capiq'>;
  tagPeople: boolean;
  requestId?: string;
}

/**
 * Kensho NERD v1 (UPSTREAMS §3): sync annotations, async jobs (create, poll, delete with 409
 * while pending, 404 for unknown or another client's job), the upload-url flow for large texts,
 * and /me. Results come from the built-in dictionary.
 */
export class NerdSimulator {
  private readonly jobs = new Map<string, Job>();
  private readonly uploads = new Map<string, PendingUpload>();
  private readonly uploadSecret = randomBytes(32);

  constructor(
    private readonly clock: () => number,
    private readonly knobs: NerdKnobs,
    private readonly uploadUrl: () => string,
  ) {}

  /** Jobs NERD still stores (each with its caller's text) until they are deleted. */
  storedJobs(): number {
    return this.jobs.size;
  }

  /** POST /api/v1/annotations-sync */
  async sync(req: IncomingMessage): Promise<{ status: number; body: unknown }> {
    const r = this.validate(await readJson(req));
    return { status: 200, body: { ...(r.requestId ? { request_id: r.requestId } : {}), results: this.annotateAll(r) } };
  }

  /** POST /api/v1/annotations-async */
  async createJob(req: IncomingMessage, claims: SimAccessClaims): Promise<{ status: number; body: unknown }> {
    const r = this.validate(await readJson(req));
    const jobId = randomUUID();
    const now = this.clock();
    this.jobs.set(jobId, { owner: claims.cid, createdAt: now, requestId: r.requestId, started: true, startedAt: now, body: { text: r.text, kbs: r.kbs, tagPeople: r.tagPeople } });
    return { status: 202, body: { job_id: jobId, ...(r.requestId ? { request_id: r.requestId } : {}) } };
  }

  /** GET /api/v1/annotations-async?job_id= */
  poll(url: URL, claims: SimAccessClaims): { status: number; body: unknown } {
    const job = this.job(url, claims);
    const envelope = job.requestId ? { request_id: job.requestId } : {};
    if (!job.started || this.clock() - job.startedAt < this.knobs.nerdJobDurationMs) {
      return { status: 200, body: { status: this.knobs.nerdRunningStatus, message: 'OK', ...envelope } };
    }
    // Only pending and success are documented; errors arrive in `message` (UPSTREAMS §3).
    if (this.knobs.failNerdJobs) return { status: 200, body: { status: 'success', message: NERD_JOB_FAILURE_MESSAGE, ...envelope } };
    return { status: 200, body: { status: 'success', message: 'OK', ...envelope, results: this.annotateAll(job.body!) } };
  }

  /** DELETE /api/v1/annotations-async?job_id= */
  delete(url: URL, claims: SimAccessClaims): { status: number; body: unknown } {
    const job = this.job(url, claims);
    if (!job.started || this.clock() - job.startedAt < this.knobs.nerdJobDurationMs) {
      throw new SimHttpError(409, { detail: 'job is still pending' });
    }
    this.jobs.delete(url.searchParams.get('job_id')!);
    return { status: 200, body: { message: 'deleted' } };
  }

  /** GET /api/v1/upload-url: a pre-signed form upload for a large text (valid 15 min). */
  uploadSpec(claims: SimAccessClaims): { status: number; body: unknown } {
    const jobId = randomUUID();
    const expiresAt = this.clock() + 15 * 60_000;
    this.uploads.set(jobId, { owner: claims.cid, expiresAt });
    this.jobs.set(jobId, { owner: claims.cid, createdAt: this.clock(), started: false, startedAt: 0 });
    const key = `uploads/${jobId}.txt`;
    const policy = Buffer.from(JSON.stringify({ key, expiresAt })).toString('base64url');
    const signature = createHmac('sha256', this.uploadSecret).update(policy).digest('base64url');
    return { status: 200, body: { url: this.uploadUrl(), fields: { key, policy, signature }, job_id: jobId } };
  }

  /** POST {url}/nerd-uploads: the "object store" side of the upload-url flow (multipart form). */
  async receiveUpload(req: IncomingMessage): Promise<{ status: number; body: unknown }> {
    if (req.method !== 'POST' || mediaType(req) !== 'multipart/form-data') throw new SimHttpError(400, '<Error><Code>InvalidRequest</Code></Error>');
    let form: MultipartForm;
    try {
      form = await readMultipart(req, { maxFileBytes: MAX_BODY_BYTES });
    } catch {
      throw new SimHttpError(400, '<Error><Code>MalformedPOSTRequest</Code></Error>');
    }
    const key = form.fields.get('key') ?? '';
    const policy = form.fields.get('policy') ?? '';
    const signature = form.fields.get('signature') ?? '';
    const expected = createHmac('sha256', this.uploadSecret).update(policy).digest('base64url');
    const jobId = /^uploads\/(.+)\.txt$/.exec(key)?.[1];
    const upload = jobId ? this.uploads.get(jobId) : undefined;
    if (signature !== expected || !upload || upload.expiresAt < this.clock()) throw new SimHttpError(403, '<Error><Code>AccessDenied</Code></Error>');
    const file = form.files.find((f) => f.field === 'file');
    if (!file) throw new SimHttpError(400, '<Error><Code>InvalidArgument</Code></Error>');
    if (file.truncated) throw new SimHttpError(413, { detail: 'request body too large' });
    upload.text = file.data.toString('utf8');
    return { status: 204, body: undefined };
  }

  /** PUT /api/v1/annotations-async?job_id=: starts an uploaded job with the body minus `text`. */
  async startUploaded(req: IncomingMessage, url: URL, claims: SimAccessClaims): Promise<{ status: number; body: unknown }> {
    const job = this.job(url, claims);
    const jobId = url.searchParams.get('job_id')!;
    const upload = this.uploads.get(jobId);
    if (!upload || upload.text === undefined) throw new SimHttpError(400, { detail: 'no text was uploaded for this job' });
    const r = this.validate({ ...(await readJson(req)), text: upload.text });
    job.body = { text: r.text, kbs: r.kbs, tagPeople: r.tagPeople };
    job.started = true;
    job.startedAt = this.clock();
    this.uploads.delete(jobId);
    return { status: 202, body: { job_id: jobId } };
  }

  private annotateAll(r: { text: string; kbs: Array<'wikimedia' | 'capiq'>; tagPeople: boolean }): WireKbResult[] {
    const options: AnnotateOptions = { tagPeople: r.tagPeople, offsetUnit: this.knobs.nerdOffsetUnit, relevanceShape: this.knobs.nerdRelevanceShape };
    return r.kbs.map((kb) => annotate(r.text, kb, options));
  }

  /** GET /me */
  me(claims: SimAccessClaims): { status: number; body: unknown } {
    return { status: 200, body: { scopes: claims.scp, email: `${claims.sub}@simulator.local`, uid: claims.cid } };
  }

  private job(url: URL, claims: SimAccessClaims): Job {
    const id = url.searchParams.get('job_id');
    if (!id) throw new SimHttpError(400, { detail: 'job_id is required' });
    const job = this.jobs.get(id);
    if (!job || job.owner !== claims.cid) throw new SimHttpError(404, { detail: 'job not found' });
    return job;
  }

  private validate(body: Record<string, unknown>): AnnotateRequest {
    const { text, knowledge_bases: kbs, tag_people: tagPeople, request_id: requestId } = body;
    if (typeof text !== 'string' || text.length === 0) throw new SimHttpError(400, { detail: 'text is required' });
    if (text.length > this.knobs.nerdMaxTextChars) throw new SimHttpError(400, { detail: `text exceeds the ${this.knobs.nerdMaxTextChars} character limit of this subscription` });
    if (!Array.isArray(kbs) || kbs.length === 0) throw new SimHttpError(400, { detail: 'at least one knowledge base is required' });
    const unknown = kbs.filter((kb) => typeof kb !== 'string' || !KBS.has(kb));
    if (unknown.length > 0) throw new SimHttpError(400, { detail: `unknown knowledge base: ${unknown.map(String).join(', ')}` });
    if (tagPeople !== undefined && typeof tagPeople !== 'boolean') throw new SimHttpError(400, { detail: 'tag_people must be a boolean' });
    // People tagging is a CapIQ entitlement and "may be refused" [doc]; the 403 is [assumed].
    if (tagPeople === true && kbs.includes('capiq') && !this.knobs.nerdPeopleEntitlement) throw new SimHttpError(403, { detail: 'people tagging is not enabled for this account' });
    return {
      text,
      kbs: [...new Set(kbs as Array<'wikimedia' | 'capiq'>)],
      tagPeople: tagPeople === true,
      ...(typeof requestId === 'string' ? { requestId } : {}),
    };
  }
}
