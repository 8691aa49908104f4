import { randomBytes } from 'node:crypto';

/** A file part whose bytes are read from a source that can be opened more than once. */
export interface FilePart {
  readonly name: string;
  readonly filename: string;
  readonly contentType: string;
  /** Exact size in bytes (the body's Content-Length depends on it). */
  readonly size: number;
  /** A fresh stream of the file's bytes; called once per attempt, so retries resend it whole. */
  open(): AsyncIterable<Uint8Array>;
}

/**
 * A text field: name, value and, when the part must say what it is (a JSON object part, as
 * OpenAPI encodes object-valued parts by default), its Content-Type; without one a receiver
 * reads the part as text/plain (RFC 7578 §4.4).
 */
export type FieldPart = readonly [name: string, value: string, contentType?: string];

/** A multipart/form-data body of known length that can be sent more than once. */
export interface MultipartBody {
  readonly contentType: string;
  readonly length: number;
  /** Content-Type (with the boundary) and Content-Length, as the request must send them. */
  readonly headers: Readonly<Record<string, string>>;
  open(): AsyncIterable<Uint8Array>;
}

/**
 * Encodes form fields and at most one file as multipart/form-data (RFC 7578), streaming the file.
 * Written here rather than taken from undici's FormData because FormData needs the file as a
 * Blob (in memory, or a path on disk), while uploads arrive as re-readable streams; and because
 * the exact Content-Length is known up front, which pre-signed storage uploads require.
 */
export function multipart(fields: ReadonlyArray<FieldPart>, file?: FilePart): MultipartBody {
  const boundary = `----kensho-gateway-${randomBytes(16).toString('hex')}`;
  const head = Buffer.from(
    fields
      .map(([name, value, type]) => `--${boundary}\r\nContent-Disposition: form-data; name="${escapeName(name)}"\r\n${type ? `Content-Type: ${type}\r\n` : ''}\r\n${value}\r\n`)
      .join('') +
      (file
        ? `--${boundary}\r\nContent-Disposition: form-data; name="${escapeName(file.name)}"; filename="${escapeName(file.filename)}"\r\nContent-Type: ${file.contentType}\r\n\r\n`
        : ''),
    'utf8',
  );
  const tail = Buffer.from(`${file ? '\r\n' : ''}--${boundary}--\r\n`, 'utf8');
  const contentType = `multipart/form-data; boundary=${boundary}`;
  const length = head.length + (file?.size ?? 0) + tail.length;
  return {
    contentType,
    length,
    headers: { 'content-type': contentType, 'content-length': String(length) },
    async *open() {
      yield head;
      if (file) {
        let sent = 0;
        for await (const chunk of file.open()) {
          sent += chunk.byteLength;
          yield chunk;
        }
        // A source that changed under us would make the declared Content-Length a lie.
        if (sent !== file.size) throw new Error(`file part is ${sent} bytes, expected ${file.size}`);
      }
      yield tail;
    },
  };
}

/** Field names and file names as the HTML standard escapes them in a Content-Disposition. */
function escapeName(name: string): string {
  return name.replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/"/g, '%22');
}
