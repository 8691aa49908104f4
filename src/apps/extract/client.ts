import { BadUserInputError, UpstreamError } from '../../errors.js';
import type { CacheUsage } from '../../store/store.js';
import type { UpstreamHttp } from '../../upstreams/http.js';
import { noteSource } from '../../upstreams/provenance-scope.js';
import { multipart, type FilePart } from '../../net/multipart.js';
import { stringField } from '../../net/send.js';
import { parseOutput, parseState, projectOutput, type ExtractionState, type OutputFormatWire } from './wire.js';

/** The documented form fields of a submission (UPSTREAMS §2), already validated; booleans as "true"/"false". */
export interface ExtractSubmitOptions {
  readonly document_type: 'general' | 'hierarchical' | 'hierarchical_v2';
  readonly ocr: boolean;
  readonly enhanced_table_extraction: boolean;
  readonly figure_extraction?: boolean;
  readonly include_images?: boolean;
  readonly include_relations?: boolean;
  readonly document_id?: string;
  /** The only documented value; Extract's normal priority is no field at all. */
  readonly priority?: 'low';
  readonly pages?: string;
  readonly return_absolute_pdf_page_numbers?: boolean;
}

/** The PDF to send: its size is known and it can be read more than once (retries). */
export interface ExtractFile {
  readonly filename: string;
  readonly size: number;
  open(): AsyncIterable<Uint8Array>;
}

export interface ExtractClientOptions {
  readonly http: UpstreamHttp;
  /** Files larger than this use the pre-signed upload-url flow; 0: all do. */
  readonly uploadUrlThresholdBytes: number;
  /** Budget for the calls that carry the file. */
  readonly uploadTimeoutMs: number;
  /** Finished jobs' answers kept in process, by the size Extract sent (0: none). */
  readonly resultCacheBytes?: number;
  /** The gateway's clock: when a kept answer was fetched, for its age in `extensions.provenance`. */
  readonly clock?: () => number;
}

export const DEFAULT_FORMAT: OutputFormatWire = 'structured_document_with_locations';

/**
 * The format the gateway asks upload-url for. Such a job's output comes only through
 * download-url, in this format, so it is the richest one: every format a client may ask for
 * later is a projection of it (wire.ts `projectOutput`).
 */
export const UPLOAD_URL_FORMAT: OutputFormatWire = 'structured_document_with_char_offsets';

/**
 * Options that `POST /v3/extractions` takes but upload-url does not document (UPSTREAMS §2):
 * such a job cannot have them, so a file that goes that way must not ask for them.
 */
export const NOT_FOR_UPLOAD_URL = ['include_images', 'include_relations', 'return_absolute_pdf_page_numbers'] as const;

/** The fields upload-url documents, in the order they are sent. */
const UPLOAD_URL_FIELDS = ['output_format', 'document_type', 'ocr', 'enhanced_table_extraction', 'figure_extraction', 'document_id', 'priority', 'pages', 'num_pages_to_extract'] as const;

/** Jobs remembered as readable only through download-url (ids; oldest forgotten first). */
const DOWNLOAD_ONLY_IDS = 10_000;

/** How the file reached Extract. */
export type SubmitPath = 'direct' | 'upload-url';

/** A typed client for Kensho Extract v3 (UPSTREAMS §2). Input is validated by the caller. */
export class ExtractClient {
  private readonly finished: FinishedJobs;
  /** Jobs readable only through download-url (submitted through upload-url, or their status call answered 400): read there directly. */
  private readonly downloadOnly = new Set<string>();

  private readonly clock: () => number;

  constructor(private readonly options: ExtractClientOptions) {
    this.clock = options.clock ?? Date.now;
    this.finished = new FinishedJobs(options.resultCacheBytes ?? 0, this.clock);
  }

  /** Bytes and evictions of the finished-job cache, for the metrics. */
  get resultCache(): CacheUsage {
    return this.finished;
  }

  /** How a file of this size reaches Extract. */
  pathFor(size: number): SubmitPath {
    return size <= this.options.uploadUrlThresholdBytes ? 'direct' : 'upload-url';
  }

  /**
   * Starts an extraction: `POST /v3/extractions` with the file, or, above the threshold, the
   * pre-signed flow (upload-url → POST the file to storage → upload-complete). A direct
   * submission is never given `output_format`, so results stay readable through
   * `GET /v3/extractions/{id}`; upload-url requires one (UPLOAD_URL_FORMAT), and its results are
   * read through download-url. Throws a TypeError for an option upload-url cannot carry
   * (NOT_FOR_UPLOAD_URL) on that path: the caller checks `pathFor` first.
   */
  async submit(file: ExtractFile, options: ExtractSubmitOptions, scope: string, signal?: AbortSignal): Promise<{ id: string; path: SubmitPath }> {
    const part: FilePart = { name: 'file', filename: file.filename, contentType: 'application/pdf', size: file.size, open: () => file.open() };
    const { http, uploadTimeoutMs } = this.options;
    if (this.pathFor(file.size) === 'direct') {
      const endpoint = 'extract.submit';
      // Not idempotent (each POST starts a job): retried only when it provably never left.
      const response = await http.request({ endpoint, method: 'POST', path: '/v3/extractions', form: multipart(formFields(options), part), scope, signal, timeoutMs: uploadTimeoutMs });
      return { id: requestId(response.body, endpoint), path: 'direct' };
    }
    const endpoint = 'extract.upload-url';
    const spec = await http.request({ endpoint, method: 'POST', path: '/v3/extractions/upload-url', form: multipart(uploadUrlFields(options)), scope, signal });
    const id = requestId(spec.body, endpoint);
    this.rememberDownloadOnly(id);
    const uploadSpec = spec.body as { upload_spec?: { url?: unknown; fields?: unknown } };
    const url = uploadSpec.upload_spec?.url;
    const specFields = uploadSpec.upload_spec?.fields;
    if (typeof url !== 'string' || (specFields !== undefined && (typeof specFields !== 'object' || specFields === null))) {
      throw new UpstreamError('UPSTREAM_BAD_RESPONSE', 'extract', 'Kensho Extract answered extract.upload-url without a usable upload_spec', { extensions: { endpoint } });
    }
    // Storage wants its signed fields first and the file last (S3-style POST policy).
    const storageFields = Object.entries((specFields ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)] as const);
    await http.presigned({ endpoint: 'extract.upload', method: 'POST', url, form: multipart(storageFields, part), timeoutMs: uploadTimeoutMs, signal });
    await http.request({ endpoint: 'extract.upload-complete', method: 'PUT', path: '/v3/extractions/upload-complete', form: multipart([['request_id', id]]), scope, signal });
    return { id, path: 'upload-url' };
  }

  /**
   * The job's state, with the output once it succeeded; null when Extract does not know the id.
   * Jobs Extract will not show through the status call (a 400 when the submission chose an
   * output format, a 405 while an upload is incomplete) are read through the download-url call.
   */
  async get(id: string, scope: string, format: OutputFormatWire = DEFAULT_FORMAT, signal?: AbortSignal): Promise<ExtractionState | null> {
    const key = `${format} ${id}`;
    const known = this.finished.get(key) ?? this.finishedFile(id, format);
    if (known) {
      noteSource(signal, 'extract', known.endpoint, known.at, this.clock());
      return known.state;
    }
    const read = await this.read(id, scope, format, signal);
    // A download-url output is kept once, as a file (viaDownloadUrl), not once per format.
    if (read && read.state.status !== 'PENDING' && !read.fromFile) this.finished.set(key, read.state, read.bytes, 'extract.get');
    return read?.state ?? null;
  }

  /** A finished job read through download-url, in `format` (every format is a projection of the file). */
  private finishedFile(id: string, format: OutputFormatWire): KeptJob | undefined {
    const file = this.finished.get(`file ${id}`);
    return file && { ...file, state: { ...file.state, output: file.state.output && projectOutput(file.state.output, format), format } };
  }

  private async read(id: string, scope: string, format: OutputFormatWire, signal?: AbortSignal): Promise<{ state: ExtractionState; bytes: number; fromFile?: boolean } | null> {
    if (this.downloadOnly.has(id)) return this.viaDownloadUrl(id, scope, format, signal);
    const endpoint = 'extract.get';
    const path = `/v3/extractions/${encodeURIComponent(id)}`;
    const query = format === DEFAULT_FORMAT ? undefined : { output_format: format };
    const response = await this.options.http.request({ endpoint, method: 'GET', path, query, scope, signal, accept: [400, 404, 405] });
    if (response.status === 404) return null;
    if (response.status === 400) this.rememberDownloadOnly(id);
    if (response.status === 400 || response.status === 405) return this.viaDownloadUrl(id, scope, format, signal);
    return { state: parseState(id, response.body, format, endpoint), bytes: response.bytes };
  }

  private async viaDownloadUrl(id: string, scope: string, format: OutputFormatWire, signal?: AbortSignal): Promise<{ state: ExtractionState; bytes: number; fromFile: true } | null> {
    const endpoint = 'extract.download-url';
    const response = await this.options.http.request({ endpoint, method: 'GET', path: `/v3/extractions/download-url/${encodeURIComponent(id)}`, scope, signal, accept: [404, 405] });
    if (response.status === 404) return null;
    if (response.status === 405) {
      throw new BadUserInputError(`Extraction ${id} belongs to another Kensho Extract API version; this gateway speaks v3`, { argument: 'id', reason: 'OTHER_API_VERSION' });
    }
    const state = parseState(id, response.body, format, endpoint);
    if (state.status === 'FAILED') this.finished.set(`file ${id}`, state, response.bytes, endpoint);
    if (state.status !== 'SUCCESS') return { state, bytes: response.bytes, fromFile: true };
    const outputUrl = stringField(response.body, 'output_url');
    if (!outputUrl) throw new UpstreamError('UPSTREAM_BAD_RESPONSE', 'extract', `Kensho Extract reported success on ${endpoint} without an output_url`, { extensions: { endpoint } });
    const output = await this.options.http.presigned({ endpoint: 'extract.output', method: 'GET', url: outputUrl, signal });
    // The document itself comes from storage (a pre-signed URL, no token): cited as its own call.
    noteSource(signal, 'extract', 'extract.output', this.clock(), this.clock());
    if (output.unparsable) throw new UpstreamError('UPSTREAM_BAD_RESPONSE', 'extract', 'Kensho Extract served an output that is not JSON', { extensions: { endpoint: 'extract.output' } });
    // The file is in the format chosen at submit (UPLOAD_URL_FORMAT for the gateway's own jobs),
    // bare or wrapped as {status, output}: kept whole, shown as the format asked for.
    const file: ExtractionState = { ...state, output: parseOutput(output.body, 'extract.output') };
    this.finished.set(`file ${id}`, file, output.bytes, 'extract.output');
    return { state: { ...file, output: projectOutput(file.output!, format), format }, bytes: output.bytes, fromFile: true };
  }

  private rememberDownloadOnly(id: string): void {
    this.downloadOnly.add(id);
    if (this.downloadOnly.size > DOWNLOAD_ONLY_IDS) this.downloadOnly.delete(this.downloadOnly.values().next().value!);
  }
}

/** A finished job's answer as kept: when (the gateway's clock) and from which endpoint it came. */
interface KeptJob {
  readonly state: ExtractionState;
  readonly at: number;
  readonly endpoint: string;
}

/**
 * Finished jobs (SUCCESS or FAILED never change) in process, least recently used first out,
 * within a budget counted in the size of Extract's answers. One answer larger than a quarter of
 * the budget is not kept, so a single huge document cannot push everything else out.
 */
class FinishedJobs implements CacheUsage {
  private readonly entries = new Map<string, KeptJob & { bytes: number }>();
  private total = 0;
  private evicted = 0;

  constructor(
    private readonly budget: number,
    private readonly clock: () => number,
  ) {}

  get bytes(): number {
    return this.total;
  }

  get budgetBytes(): number {
    return this.budget;
  }

  get evictions(): number {
    return this.evicted;
  }

  get(key: string): KeptJob | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  /** Keeps `state`, fetched now from `endpoint`. */
  set(key: string, state: ExtractionState, bytes: number, endpoint: string): void {
    if (bytes > this.budget / 4) return;
    const old = this.entries.get(key);
    if (old) {
      this.total -= old.bytes;
      this.entries.delete(key);
    }
    this.entries.set(key, { state, bytes, at: this.clock(), endpoint });
    this.total += bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.total <= this.budget) break;
      this.entries.delete(oldest);
      this.total -= entry.bytes;
      this.evicted++;
    }
  }
}

function requestId(body: unknown, endpoint: string): string {
  const id = stringField(body, 'request_id');
  if (!id) throw new UpstreamError('UPSTREAM_BAD_RESPONSE', 'extract', `Kensho Extract answered ${endpoint} without a request_id`, { extensions: { endpoint } });
  return id;
}

/** The submission's form fields as strings, in the documented names. */
export function formFields(options: ExtractSubmitOptions): Array<readonly [string, string]> {
  const out: Array<readonly [string, string]> = [];
  for (const [name, value] of Object.entries(options)) {
    if (value === undefined) continue;
    out.push([name, String(value)]);
  }
  return out;
}

/**
 * upload-url's form: exactly the fields its OpenAPI spec documents (UPSTREAMS §2), with the
 * required `output_format`. An option it does not document is a caller error when set (it
 * would be lost); left at false it is simply not sent, which loses nothing.
 */
export function uploadUrlFields(options: ExtractSubmitOptions): Array<readonly [string, string]> {
  const unsupported = NOT_FOR_UPLOAD_URL.find((name) => options[name] === true);
  if (unsupported) throw new TypeError(`${unsupported} cannot be sent through upload-url`);
  const all: Record<string, unknown> = { ...options, output_format: UPLOAD_URL_FORMAT };
  return UPLOAD_URL_FIELDS.flatMap((name) => (all[name] === undefined ? [] : [[name, String(all[name])] as const]));
}
