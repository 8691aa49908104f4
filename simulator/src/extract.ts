import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { SimHttpError, readMultipart, type MultipartForm } from './http-util.js';
import {
  DOCUMENT_TYPES,
  OUTPUT_FORMATS,
  PdfOpenError,
  expandPages,
  extractPdf,
  hasPdfMagic,
  parsePages,
  pdfPageCount,
  projectOutput,
  type DocumentType,
  type ExtractOutput,
  type OutputFormat,
} from './extract-pdf.js';
import type { SimAccessClaims } from './tokens.js';

/** Knobs Extract reads on each request. */
export interface ExtractKnobs {
  /** Jobs finish this long after they start (default 300 ms). */
  extractJobDurationMs: number;
  /** New jobs end `failed` with an error message. */
  failExtractJobs: boolean;
  /** Largest PDF Extract accepts (default 100 MB = 100 000 000 bytes, as documented). */
  extractMaxFileBytes: number;
  /**
   * How a download-url output file is laid out: the bare output `{content_tree, annotations, …}`
   * or wrapped as `{status, output: {…}}`. kenverters documents both; which one production
   * serves is not published [assumed], so tests run the gateway against each.
   */
  extractOutputFileShape: 'bare' | 'wrapped';
  /**
   * What upload-url does with a form field its spec does not document (e.g. include_relations):
   * ignore it, as a form handler ignores undeclared fields, or refuse it with a 400. Not
   * published [assumed].
   */
  extractUploadUrlUnknownFields: 'ignore' | 'refuse';
}

/** The fields upload-url documents (UPSTREAMS §2, from Kensho's OpenAPI spec). */
const UPLOAD_URL_FIELDS = new Set(['output_format', 'document_type', 'ocr', 'enhanced_table_extraction', 'figure_extraction', 'document_id', 'priority', 'pages', 'num_pages_to_extract']);

/** Which call a form came with (the documented fields differ). */
type FormEndpoint = 'submit' | 'upload-url';

/**
 * The options of a submit or upload-url request, validated. `ocr`, `enhanced_table_extraction`
 * and `include_images` are checked and echoed but change nothing: the simulator has no OCR or
 * image model, so it reads the PDF's text layer either way and emits no IMAGE nodes. `priority`
 * changes nothing either (one queue).
 */
interface ExtractOptions {
  documentType: DocumentType;
  ocr: boolean;
  enhancedTableExtraction: boolean;
  figureExtraction: boolean;
  includeImages: boolean;
  includeRelations: boolean;
  documentId?: string;
  /** The only documented value; absent means Extract's normal priority. */
  priority?: 'low';
  pages?: Array<[number, number]>;
  /** upload-url only: process at most this many of the selected pages. */
  numPagesToExtract?: number;
  absolutePageNumbers: boolean;
  /** Set only when the client chose a format at submit. */
  outputFormat?: OutputFormat;
}

type Outcome = { output: ExtractOutput } | { error: string };

interface Job {
  readonly id: string;
  readonly owner: string;
  readonly options: ExtractOptions;
  /** Created by upload-url: needs the upload, then upload-complete, before it starts. */
  readonly viaUpload: boolean;
  /** The document, until processing has read it. */
  file?: Buffer;
  pageCount?: number;
  startedAt?: number;
  outcome?: Promise<Outcome>;
}

type Answer = { status: number; body: unknown };

/** Pre-signed URLs (upload and output) are valid this long, by the simulator clock. */
const SIGNED_URL_MS = 15 * 60_000;
const UPLOAD_KEY = /^extract-uploads\/([0-9a-f-]{36})\.pdf$/;

const s3Error = (status: number, code: string, message: string) => new SimHttpError(status, `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`);

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Kensho Extract v3 (UPSTREAMS §2): submit with a file, or the pre-signed upload-url flow
 * (upload-url → POST to the "object store" → upload-complete); poll the job or ask for a signed
 * download URL. The output is derived from the uploaded PDF itself (extract-pdf.ts). Jobs belong
 * to the client that made them (another client's id is 404) and finish
 * `extractJobDurationMs` after they start, by the simulator clock.
 */
export class ExtractSimulator {
  private readonly jobs = new Map<string, Job>();
  private readonly secret = randomBytes(32);
  private readonly lastForms = new Map<FormEndpoint, Readonly<Record<string, string>>>();

  constructor(
    private readonly clock: () => number,
    private readonly knobs: ExtractKnobs,
    private readonly urls: { upload: () => string; outputs: () => string },
  ) {}

  /** POST /v3/extractions */
  async submit(req: IncomingMessage, claims: SimAccessClaims): Promise<Answer> {
    const form = await readMultipart(req, { maxFileBytes: this.knobs.extractMaxFileBytes });
    const options = this.options(form, 'submit');
    const file = form.files.find((f) => f.field === 'file');
    if (!file) throw new SimHttpError(400, { detail: form.fields.has('file') ? 'file must be an uploaded file, not a text field' : 'file is required' });
    if (file.truncated) throw new SimHttpError(400, { detail: `file is larger than the ${this.knobs.extractMaxFileBytes} byte limit` });
    const pageCount = await this.checkDocument(file.data, options);
    const job: Job = { id: randomUUID(), owner: claims.cid, options, viaUpload: false, file: file.data, pageCount };
    this.jobs.set(job.id, job);
    this.start(job);
    return { status: 200, body: { request_id: job.id } };
  }

  /** GET /v3/extractions/{request_id}?output_format= */
  async get(id: string, url: URL, claims: SimAccessClaims): Promise<Answer> {
    const job = this.job(id, claims);
    if (job.startedAt === undefined) throw new SimHttpError(405, { detail: 'document upload not complete' });
    if (job.options.outputFormat !== undefined) throw new SimHttpError(400, { detail: 'output_format was given at submit: the result is available only through download-url' });
    const asked = url.searchParams.get('output_format');
    if (asked !== null && !(OUTPUT_FORMATS as readonly string[]).includes(asked)) throw new SimHttpError(400, { detail: `output_format must be one of ${OUTPUT_FORMATS.join(', ')}` });
    const format = (asked ?? 'structured_document_with_locations') as OutputFormat;
    const state = await this.state(job);
    const body: Record<string, unknown> = { status: state.status };
    if (state.status === 'failed') body.error = state.error;
    if (state.status === 'success') body.output = projectOutput(state.output, format);
    body.metadata = this.metadata(job);
    return { status: 200, body };
  }

  /** POST /v3/extractions/upload-url: the options now, the document through a pre-signed POST. */
  async uploadUrl(req: IncomingMessage, claims: SimAccessClaims): Promise<Answer> {
    const form = await readMultipart(req, { maxFileBytes: 0 });
    const options = this.options(form, 'upload-url');
    const expiresAt = this.clock() + SIGNED_URL_MS;
    const job: Job = { id: randomUUID(), owner: claims.cid, options, viaUpload: true };
    this.jobs.set(job.id, job);
    const key = `extract-uploads/${job.id}.pdf`;
    // S3-style POST policy: what may be uploaded and until when, signed by the simulator.
    const policy = Buffer.from(JSON.stringify({ expiration: new Date(expiresAt).toISOString(), conditions: [{ key }, ['content-length-range', 0, this.knobs.extractMaxFileBytes]] })).toString('base64');
    return { status: 200, body: { request_id: job.id, upload_spec: { url: this.urls.upload(), fields: { key, policy, 'x-signature': this.sign(policy) } } } };
  }

  /** POST {sim}/extract-uploads: the object store side of the upload-url flow (no bearer token). */
  async receiveUpload(req: IncomingMessage): Promise<Answer> {
    if (req.method !== 'POST') {
      req.resume();
      throw s3Error(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
    }
    let form: MultipartForm;
    try {
      form = await readMultipart(req, { maxFileBytes: this.knobs.extractMaxFileBytes });
    } catch {
      throw s3Error(400, 'MalformedPOSTRequest', 'The body of your POST request is not well-formed multipart/form-data.');
    }
    const key = form.fields.get('key') ?? '';
    const policy = form.fields.get('policy') ?? '';
    const signature = form.fields.get('x-signature') ?? '';
    if (!policy || !signature || !sameText(signature, this.sign(policy))) throw s3Error(403, 'AccessDenied', 'Invalid according to Policy: signature does not match.');
    let conditions: { expiration?: string; conditions?: unknown[] };
    try {
      conditions = JSON.parse(Buffer.from(policy, 'base64').toString('utf8')) as typeof conditions;
    } catch {
      throw s3Error(403, 'AccessDenied', 'Invalid according to Policy: unreadable policy.');
    }
    const expiresAt = Date.parse(conditions.expiration ?? '');
    if (!(expiresAt >= this.clock())) throw s3Error(403, 'AccessDenied', 'Invalid according to Policy: Policy expired.');
    const signedKey = (conditions.conditions ?? []).find((c): c is { key: string } => typeof c === 'object' && c !== null && 'key' in c);
    if (!signedKey || signedKey.key !== key) throw s3Error(403, 'AccessDenied', 'Invalid according to Policy: key does not match the policy.');
    const job = this.jobs.get(UPLOAD_KEY.exec(key)?.[1] ?? '');
    if (!job || !job.viaUpload || job.startedAt !== undefined) throw s3Error(403, 'AccessDenied', 'Access Denied');
    const fileIndex = form.order.indexOf('file');
    if (fileIndex === -1 || form.order.slice(fileIndex + 1).length > 0) throw s3Error(400, 'InvalidArgument', 'POST requires exactly one file upload per request, as the last form field.');
    const file = form.files.find((f) => f.field === 'file')!;
    if (file.truncated) throw s3Error(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size');
    job.file = file.data;
    return { status: 204, body: undefined };
  }

  /** PUT /v3/extractions/upload-complete: processing of an uploaded document starts now. */
  async uploadComplete(req: IncomingMessage, claims: SimAccessClaims): Promise<Answer> {
    const form = await readMultipart(req, { maxFileBytes: 0 });
    const id = form.fields.get('request_id');
    if (!id) throw new SimHttpError(400, { detail: 'request_id is required' });
    const job = this.job(id, claims);
    if (!job.viaUpload) throw new SimHttpError(400, { detail: 'request_id was not created with upload-url' });
    if (job.startedAt !== undefined) return { status: 204, body: undefined };
    if (!job.file) throw new SimHttpError(405, { detail: 'document upload not complete: upload the file to the upload_spec url first' });
    job.pageCount = await this.checkDocument(job.file, job.options);
    this.start(job);
    return { status: 204, body: undefined };
  }

  /** GET /v3/extractions/download-url/{request_id} */
  async downloadUrl(id: string, claims: SimAccessClaims): Promise<Answer> {
    const job = this.job(id, claims);
    if (job.startedAt === undefined) return { status: 200, body: { status: job.file ? 'awaiting_document_upload_complete_notification' : 'awaiting_document_upload' } };
    const state = await this.state(job);
    if (state.status === 'failed') return { status: 200, body: { status: 'failed', error: state.error } };
    if (state.status === 'pending') return { status: 200, body: { status: 'pending' } };
    const expires = Math.floor((this.clock() + SIGNED_URL_MS) / 1000);
    const sig = this.sign(`${job.id}.${expires}`);
    return { status: 200, body: { status: 'success', output_url: `${this.urls.outputs()}/${job.id}?expires=${expires}&sig=${sig}` } };
  }

  /** GET {sim}/extract-outputs/{request_id}?expires=&sig=: the output JSON (no bearer token). */
  async output(id: string, url: URL, method: string): Promise<Answer> {
    if (method !== 'GET') throw s3Error(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
    const expires = url.searchParams.get('expires') ?? '';
    const sig = url.searchParams.get('sig') ?? '';
    if (!sig || !sameText(sig, this.sign(`${id}.${expires}`))) throw s3Error(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
    if (Number(expires) * 1000 < this.clock()) throw s3Error(403, 'AccessDenied', 'Request has expired');
    const job = this.jobs.get(id);
    const state = job && job.startedAt !== undefined ? await this.state(job) : undefined;
    if (!job || state?.status !== 'success') throw s3Error(404, 'NoSuchKey', 'The specified key does not exist.');
    const output = projectOutput(state.output, job.options.outputFormat ?? 'structured_document_with_locations');
    return { status: 200, body: this.knobs.extractOutputFileShape === 'wrapped' ? { status: 'success', output } : output };
  }

  /** Any other request under /extract: 405 for another API version or a wrong method, else 404. */
  other(method: string, path: string): never {
    const p = path.replace(/\/+$/, '');
    const version = /^\/extract\/v(\d+)(?:\/|$)/.exec(p)?.[1];
    if (version !== undefined && version !== '3') throw new SimHttpError(405, { detail: 'request made on another API version' });
    const known = [/^\/extract\/v3\/extractions$/, /^\/extract\/v3\/extractions\/upload-url$/, /^\/extract\/v3\/extractions\/upload-complete$/, /^\/extract\/v3\/extractions\/download-url\/[^/]+$/, /^\/extract\/v3\/extractions\/(?!(?:upload-url|upload-complete|download-url)$)[^/]+$/];
    if (known.some((re) => re.test(p))) throw new SimHttpError(405, { detail: `method ${method} not allowed` });
    throw new SimHttpError(404, { detail: 'no such endpoint' });
  }

  /** The text fields of the latest submit or upload-url form, as received (for tests). */
  lastForm(endpoint: FormEndpoint): Readonly<Record<string, string>> | undefined {
    return this.lastForms.get(endpoint);
  }

  private sign(text: string): string {
    return createHmac('sha256', this.secret).update(text).digest('base64url');
  }

  private job(id: string, claims: SimAccessClaims): Job {
    const job = this.jobs.get(id);
    if (!job || job.owner !== claims.cid) throw new SimHttpError(404, { detail: 'request_id not found' });
    return job;
  }

  /** Checks the bytes are a PDF pdfjs can open and the requested pages exist; returns the page count. */
  private async checkDocument(bytes: Buffer, options: ExtractOptions): Promise<number> {
    if (!hasPdfMagic(bytes)) throw new SimHttpError(400, { detail: 'file is not a PDF (it does not start with %PDF-)' });
    let pageCount: number;
    try {
      pageCount = await pdfPageCount(bytes);
    } catch (error) {
      if (error instanceof PdfOpenError) throw new SimHttpError(400, { detail: 'file is not a readable PDF' });
      throw error;
    }
    if (options.pages) {
      try {
        expandPages(options.pages, pageCount);
      } catch (error) {
        throw new SimHttpError(400, { detail: `pages: ${(error as Error).message}` });
      }
    }
    return pageCount;
  }

  /** Starts processing now; the outcome is computed at once and revealed after the job duration. */
  private start(job: Job): void {
    job.startedAt = this.clock();
    const fail = this.knobs.failExtractJobs;
    const bytes = job.file!;
    job.file = undefined;
    job.outcome = (async (): Promise<Outcome> => {
      if (fail) return { error: 'document processing failed (simulated failure)' };
      try {
        const selected = job.options.pages ? expandPages(job.options.pages, job.pageCount!) : Array.from({ length: job.pageCount! }, (_, i) => i + 1);
        const output = await extractPdf(bytes, {
          documentType: job.options.documentType,
          pages: selected.slice(0, job.options.numPagesToExtract ?? selected.length),
          absolutePageNumbers: job.options.absolutePageNumbers,
          figureExtraction: job.options.figureExtraction,
          includeRelations: job.options.includeRelations,
          uidPrefix: job.id,
        });
        return { output };
      } catch (error) {
        return { error: `could not extract the document: ${error instanceof Error ? error.message : String(error)}` };
      }
    })();
  }

  private async state(job: Job): Promise<{ status: 'pending' } | { status: 'failed'; error: string } | { status: 'success'; output: ExtractOutput }> {
    if (this.clock() - job.startedAt! < this.knobs.extractJobDurationMs) return { status: 'pending' };
    const outcome = await job.outcome!;
    return 'error' in outcome ? { status: 'failed', error: outcome.error } : { status: 'success', output: outcome.output };
  }

  private metadata(job: Job): Record<string, unknown> {
    const o = job.options;
    return {
      document_type: o.documentType,
      ...(o.documentId !== undefined ? { document_id: o.documentId } : {}),
      ...(job.pageCount !== undefined ? { page_count: job.pageCount } : {}),
      ...(o.priority !== undefined ? { priority: o.priority } : {}),
      ocr: o.ocr,
      enhanced_table_extraction: o.enhancedTableExtraction,
    };
  }

  /**
   * Validates the option fields of submit or upload-url (400 with a detail naming the field).
   * upload-url requires `output_format` besides the three fields both require, and documents
   * only `figure_extraction`, `document_id`, `priority`, `pages` and `num_pages_to_extract` as
   * optional; other fields it is sent are ignored, as a form handler ignores fields it does not
   * declare (so a client sending include_relations there loses it silently), or refused, by the
   * `extractUploadUrlUnknownFields` knob [assumed].
   */
  private options(form: MultipartForm, endpoint: FormEndpoint): ExtractOptions {
    const f = form.fields;
    this.lastForms.set(endpoint, Object.fromEntries(form.order.filter((name) => f.has(name)).map((name) => [name, f.get(name)!])));
    const upload = endpoint === 'upload-url';
    const unknown = upload ? [...f.keys()].find((name) => !UPLOAD_URL_FIELDS.has(name)) : undefined;
    if (unknown !== undefined && this.knobs.extractUploadUrlUnknownFields === 'refuse') throw new SimHttpError(400, { detail: `${unknown} is not a field of upload-url` });
    const bool = (name: string, required: boolean): boolean => {
      const v = f.get(name);
      if (v === undefined) {
        if (required) throw new SimHttpError(400, { detail: `${name} is required ("true" or "false")` });
        return false;
      }
      const lower = v.trim().toLowerCase();
      if (lower !== 'true' && lower !== 'false') throw new SimHttpError(400, { detail: `${name} must be "true" or "false"` });
      return lower === 'true';
    };
    const documentType = f.get('document_type');
    if (documentType === undefined) throw new SimHttpError(400, { detail: `document_type is required (${DOCUMENT_TYPES.join(', ')})` });
    if (!(DOCUMENT_TYPES as readonly string[]).includes(documentType)) throw new SimHttpError(400, { detail: `document_type must be one of ${DOCUMENT_TYPES.join(', ')}` });
    const ocr = bool('ocr', true);
    const enhancedTableExtraction = bool('enhanced_table_extraction', true);
    const outputFormat = f.get('output_format');
    if (outputFormat === undefined && upload) throw new SimHttpError(400, { detail: `output_format is required (${OUTPUT_FORMATS.join(', ')})` });
    if (outputFormat !== undefined && !(OUTPUT_FORMATS as readonly string[]).includes(outputFormat)) throw new SimHttpError(400, { detail: `output_format must be one of ${OUTPUT_FORMATS.join(', ')}` });
    let pages: Array<[number, number]> | undefined;
    const pagesField = f.get('pages');
    if (pagesField !== undefined && pagesField.trim() !== '') {
      try {
        pages = parsePages(pagesField);
      } catch (error) {
        throw new SimHttpError(400, { detail: `pages: ${(error as Error).message}` });
      }
    }
    const priority = f.get('priority');
    if (priority !== undefined && priority !== 'low') throw new SimHttpError(400, { detail: 'priority must be "low" (its only value) or omitted' });
    let numPagesToExtract: number | undefined;
    const numPages = upload ? f.get('num_pages_to_extract') : undefined;
    if (numPages !== undefined) {
      numPagesToExtract = /^\d{1,9}$/.test(numPages.trim()) ? Number(numPages.trim()) : 0;
      if (numPagesToExtract < 1) throw new SimHttpError(400, { detail: 'num_pages_to_extract must be a positive integer' });
    }
    const documentId = f.get('document_id');
    return {
      documentType: documentType as DocumentType,
      ocr,
      enhancedTableExtraction,
      figureExtraction: bool('figure_extraction', false),
      includeImages: upload ? false : bool('include_images', false),
      includeRelations: upload ? false : bool('include_relations', false),
      ...(documentId !== undefined && documentId !== '' ? { documentId } : {}),
      ...(priority !== undefined ? { priority } : {}),
      ...(pages ? { pages } : {}),
      ...(numPagesToExtract !== undefined ? { numPagesToExtract } : {}),
      absolutePageNumbers: upload ? false : bool('return_absolute_pdf_page_numbers', false),
      ...(outputFormat !== undefined ? { outputFormat: outputFormat as OutputFormat } : {}),
    };
  }
}
