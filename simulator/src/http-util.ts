import type { IncomingMessage, ServerResponse } from 'node:http';
import busboy from 'busboy';

/** Largest request body the simulator reads; larger ones get 413. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** Thrown by handlers to answer with a status and a JSON (or raw string) body. */
export class SimHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(`HTTP ${status}`);
  }
}

/** Reads the whole request body, refusing more than MAX_BODY_BYTES. */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new SimHttpError(413, { detail: 'request body too large' });
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** The media type of a request, lower-cased, without parameters. */
export function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Parses a JSON request body or answers 400 with `detail`. */
export async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  if (mediaType(req) !== 'application/json') throw new SimHttpError(400, { detail: 'content-type must be application/json' });
  const text = (await readBody(req)).toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new SimHttpError(400, { detail: 'body is not valid JSON' });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new SimHttpError(400, { detail: 'body must be a JSON object' });
  return value as Record<string, unknown>;
}

/** Writes a JSON answer (a string body is sent raw, so tests can send garbage). */
export function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (body === undefined) {
    res.writeHead(status, headers).end();
    return;
  }
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json', ...headers }).end(raw);
}

/** The bearer token of a request, if any. */
export function bearer(req: IncomingMessage): string | undefined {
  const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return m?.[1];
}

/** One file part of a multipart form, held in memory. */
export interface MultipartFile {
  readonly field: string;
  readonly filename: string;
  readonly mimeType: string;
  readonly data: Buffer;
  /** The file was larger than `maxFileBytes`; `data` is then empty. */
  readonly truncated: boolean;
}

/** A parsed multipart (or urlencoded) form: fields and files in arrival order. */
export interface MultipartForm {
  readonly fields: Map<string, string>;
  /** Each text field's part Content-Type, media type only (busboy reads a part without one as text/plain). */
  readonly fieldTypes: Map<string, string>;
  readonly files: MultipartFile[];
  /** Field and file names in the order they arrived (pre-signed uploads want `file` last). */
  readonly order: string[];
}

/**
 * Streams a multipart/form-data body with busboy (not bound by MAX_BODY_BYTES): files up to
 * `maxFileBytes` are kept in memory, larger ones are drained and marked truncated. Answers 400
 * `{detail}` for a body that is not a form or is malformed.
 */
export async function readMultipart(req: IncomingMessage, opts: { maxFileBytes: number }): Promise<MultipartForm> {
  let bb: busboy.Busboy;
  try {
    // One byte over the limit, so a file of exactly maxFileBytes is not marked truncated.
    bb = busboy({ headers: req.headers, limits: { fileSize: opts.maxFileBytes + 1, files: 10, fields: 100, fieldSize: 1024 * 1024 } });
  } catch {
    req.resume();
    throw new SimHttpError(400, { detail: 'content-type must be multipart/form-data' });
  }
  const fields = new Map<string, string>();
  const fieldTypes = new Map<string, string>();
  const files: MultipartFile[] = [];
  const order: string[] = [];
  const pending: Array<Promise<void>> = [];
  return new Promise<MultipartForm>((resolve, reject) => {
    const fail = (detail: string) => {
      req.unpipe(bb);
      req.resume();
      reject(new SimHttpError(400, { detail }));
    };
    bb.on('field', (name, value, info) => {
      if (info.valueTruncated) return fail(`form field ${name} is too long`);
      order.push(name);
      fields.set(name, value);
      fieldTypes.set(name, info.mimeType.split(';')[0]!.trim().toLowerCase());
    });
    bb.on('file', (name, stream, info) => {
      order.push(name);
      pending.push(
        new Promise<void>((done) => {
          let chunks: Buffer[] = [];
          let truncated = false;
          stream.on('limit', () => {
            truncated = true;
            chunks = [];
          });
          stream.on('data', (chunk: Buffer) => {
            if (!truncated) chunks.push(chunk);
          });
          stream.on('close', () => {
            const size = chunks.reduce((n, c) => n + c.length, 0);
            if (size > opts.maxFileBytes) {
              truncated = true;
              chunks = [];
            }
            files.push({ field: name, filename: info.filename ?? '', mimeType: info.mimeType, data: truncated ? Buffer.alloc(0) : Buffer.concat(chunks), truncated: truncated || stream.truncated === true });
            done();
          });
        }),
      );
    });
    bb.on('error', (error) => fail(`malformed form body: ${error instanceof Error ? error.message : String(error)}`));
    bb.on('close', () => {
      void Promise.all(pending).then(() => resolve({ fields, fieldTypes, files, order }));
    });
    req.pipe(bb);
  });
}

/** The last path segment, URL-decoded (a request id). */
export function lastSegment(path: string): string {
  const segment = path.replace(/\/+$/, '').split('/').at(-1) ?? '';
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
