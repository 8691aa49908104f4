import type { FileUpload } from 'graphql-upload/processRequest.mjs';
import { BadUserInputError } from '../../errors.js';
import type { ExtractFile } from './client.js';

/** Acrobat accepts the PDF header anywhere in the first 1024 bytes; so does the gateway. */
const HEADER_WINDOW = 1024;
const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');

/**
 * Checks an uploaded file before anything is sent upstream: reads it once from graphql-upload's
 * spool (a temporary file, so memory stays flat whatever the size), counting bytes and looking
 * for the PDF header. Refuses empty, oversized and non-PDF files with BAD_USER_INPUT. The
 * returned file re-reads the spool for each send, so a retried call resends it whole.
 */
export async function inspectUpload(upload: FileUpload, maxBytes: number): Promise<ExtractFile> {
  const filename = sanitizeFilename(upload.filename);
  let size = 0;
  let head = Buffer.alloc(0);
  let stream: ReturnType<FileUpload['createReadStream']> | undefined;
  try {
    // Throws at once when graphql-upload already knows the file is broken or too large.
    stream = upload.createReadStream();
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (head.length < HEADER_WINDOW) head = Buffer.concat([head, chunk.subarray(0, HEADER_WINDOW - head.length)]);
      if (size > maxBytes) throw tooLarge(maxBytes);
    }
  } catch (error) {
    stream?.destroy();
    if (error instanceof BadUserInputError) throw error;
    // graphql-upload ends the spool with a 413 when the file passes its size limit.
    if ((error as { status?: unknown }).status === 413) throw tooLarge(maxBytes);
    throw new BadUserInputError('The file upload was interrupted before it completed', { argument: 'file' });
  }
  if (size === 0) throw new BadUserInputError('The file is empty', { argument: 'file' });
  if (head.indexOf(PDF_MAGIC) === -1) {
    throw new BadUserInputError(`The file "${filename}" is not a PDF (it has no %PDF- header); Kensho Extract reads PDF files only`, { argument: 'file', reason: 'NOT_A_PDF' });
  }
  return { filename, size, open: () => upload.createReadStream() };
}

function tooLarge(maxBytes: number): BadUserInputError {
  return new BadUserInputError(`The file is larger than ${maxBytes} bytes, the most this gateway sends to Kensho Extract`, { argument: 'file', reason: 'FILE_TOO_LARGE', maxBytes });
}

/** A file name safe to forward: no path, no control characters, bounded length. */
function sanitizeFilename(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim().slice(0, 200);
  return clean === '' ? 'document.pdf' : clean;
}
