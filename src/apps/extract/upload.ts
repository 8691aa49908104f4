import type { FileUpload } from 'graphql-upload/processRequest.mjs';
import { BadUserInputError } from '../../errors.js';
import type { ExtractFile } from './client.js';
import { readSpooledUpload } from '../../upstreams/spooled-upload.js';

/** Acrobat accepts the PDF header anywhere in the first 1024 bytes; so does the gateway. */
const HEADER_WINDOW = 1024;
const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');

/**
 * Checks an uploaded PDF before anything is sent to Extract: one pass over the spool (size, the
 * first KB), then the PDF header. The returned file re-reads the spool for each send.
 */
export async function inspectUpload(upload: FileUpload, maxBytes: number): Promise<ExtractFile> {
  const { filename, size, head } = await readSpooledUpload(upload, { maxBytes, headBytes: HEADER_WINDOW, tooLarge: () => tooLarge(maxBytes), fallbackName: 'document.pdf' });
  if (head.indexOf(PDF_MAGIC) === -1) {
    throw new BadUserInputError(`The file "${filename}" is not a PDF (it has no %PDF- header); Kensho Extract reads PDF files only`, { argument: 'file', reason: 'NOT_A_PDF' });
  }
  return { filename, size, open: () => upload.createReadStream() };
}

function tooLarge(maxBytes: number): BadUserInputError {
  return new BadUserInputError(`The file is larger than ${maxBytes} bytes, the most this gateway sends to Kensho Extract`, { argument: 'file', reason: 'FILE_TOO_LARGE', maxBytes });
}
