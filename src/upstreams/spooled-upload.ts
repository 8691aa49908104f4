import type { FileUpload } from 'graphql-upload/processRequest.mjs';
import { BadUserInputError, GatewayError } from '../errors.js';

/** What one pass over an uploaded file found: its name (made safe), size and first bytes. */
export interface SpooledUpload {
  readonly filename: string;
  readonly size: number;
  /** The first bytes of the content, for sniffing what it is (never the name or declared type). */
  readonly head: Buffer;
}

/**
 * Reads an uploaded file once from graphql-upload's spool (a temporary file, so memory stays
 * flat whatever the size), counting bytes and keeping its first `headBytes`, before anything is
 * sent upstream. Refuses oversized (`tooLarge`), interrupted and empty files with
 * BAD_USER_INPUT. Every app that takes uploads (Extract's PDFs, Scribe's media) checks its own
 * content type from `head`; the spool can be re-read for each send, so a retried call resends
 * the file whole.
 */
export async function readSpooledUpload(upload: FileUpload, opts: { maxBytes: number; headBytes: number; tooLarge: () => BadUserInputError; fallbackName: string }): Promise<SpooledUpload> {
  const filename = sanitizeFilename(upload.filename, opts.fallbackName);
  let size = 0;
  let head = Buffer.alloc(0);
  let stream: ReturnType<FileUpload['createReadStream']> | undefined;
  try {
    // Throws at once when graphql-upload already knows the file is broken or too large.
    stream = upload.createReadStream();
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (head.length < opts.headBytes) head = Buffer.concat([head, chunk.subarray(0, opts.headBytes - head.length)]);
      if (size > opts.maxBytes) throw opts.tooLarge();
    }
  } catch (error) {
    stream?.destroy();
    // Ours (too large), or the request's (its upload ran out of time: REQUEST_TIMEOUT).
    if (error instanceof GatewayError) throw error;
    // graphql-upload ends the spool with a 413 when the file passes its size limit.
    if ((error as { status?: unknown }).status === 413) throw opts.tooLarge();
    throw new BadUserInputError('The file upload was interrupted before it completed', { argument: 'file' });
  }
  if (size === 0) throw new BadUserInputError('The file is empty', { argument: 'file' });
  return { filename, size, head };
}

/** A file name safe to forward: no path, no control characters or quotes, bounded length. */
function sanitizeFilename(name: string | undefined, fallback: string): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim().slice(0, 200);
  return clean === '' ? fallback : clean;
}
