import type { FileUpload } from 'graphql-upload/processRequest.mjs';
import { BadUserInputError } from '../../errors.js';
import { readSpooledUpload } from '../spooled-upload.js';

/** Media types Scribe takes in the `media` part (UPSTREAMS-MORE §1.2). */
export const SCRIBE_MEDIA_TYPES: ReadonlySet<string> = new Set([
  'application/mp3', 'audio/aac', 'audio/flac', 'audio/m4a', 'audio/mp3', 'audio/mpeg', 'audio/mpeg3', 'audio/wav',
  'audio/wave', 'audio/x-flac', 'audio/x-m4a', 'audio/x-mpeg-3', 'audio/x-wav', 'video/mp4',
]);

/** Bytes read for sniffing. */
const HEAD_BYTES = 64;

/** A media file checked and ready to stream to Scribe (re-readable from graphql-upload's spool). */
export interface ScribeMediaFile {
  readonly filename: string;
  readonly size: number;
  /** The type the content was sniffed as; sent as the part's Content-Type. */
  readonly contentType: string;
  open(): AsyncIterable<Uint8Array>;
}

/**
 * The media type of a file from its first bytes, among the formats Scribe documents (AAC, FLAC,
 * MP1/MP3, WAV, MP4/M4A), or undefined. The name and the type the browser declared are not
 * trusted: `MediaRecorder` output named `.mp3` is still WebM.
 */
export function sniffMediaType(head: Buffer): string | undefined {
  const ascii = (from: number, to: number) => head.toString('latin1', from, to);
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WAVE') return 'audio/wav';
  if (ascii(0, 4) === 'fLaC') return 'audio/flac';
  if (ascii(4, 8) === 'ftyp') return /^(M4A |M4B )/.test(ascii(8, 12)) ? 'audio/m4a' : 'video/mp4';
  if (ascii(0, 3) === 'ID3') return 'audio/mpeg';
  if (head.length >= 2 && head[0] === 0xff) {
    // ADTS (AAC): 12 sync bits then layer 00; MPEG audio (MP1/MP2/MP3): 11 sync bits, a layer.
    if ((head[1]! & 0xf6) === 0xf0) return 'audio/aac';
    if ((head[1]! & 0xe0) === 0xe0 && (head[1]! & 0x06) !== 0) return 'audio/mpeg';
  }
  return undefined;
}

/**
 * Checks an uploaded media file before anything is sent to Scribe: reads it once from the spool
 * (memory stays flat whatever the size), counting bytes and sniffing its type. Refuses empty,
 * oversized and unsupported files with BAD_USER_INPUT; the returned file re-reads the spool for
 * each send.
 */
export async function inspectMedia(upload: FileUpload, maxBytes: number): Promise<ScribeMediaFile> {
  const { filename, size, head } = await readSpooledUpload(upload, { maxBytes, headBytes: HEAD_BYTES, tooLarge: () => tooLarge(maxBytes), fallbackName: 'media' });
  const contentType = sniffMediaType(head);
  if (!contentType) {
    const declared = upload.mimetype ? ` (declared ${upload.mimetype.slice(0, 100)})` : '';
    throw new BadUserInputError(
      `The file "${filename}"${declared} is not a media type Kensho Scribe takes: AAC, FLAC, MP1/MP3, WAV or MP4 (WebM and Ogg must be converted first)`,
      { argument: 'file', reason: 'UNSUPPORTED_MEDIA_TYPE', accepted: [...SCRIBE_MEDIA_TYPES] },
    );
  }
  return { filename, size, contentType, open: () => upload.createReadStream() };
}

function tooLarge(maxBytes: number): BadUserInputError {
  return new BadUserInputError(`The file is larger than ${maxBytes} bytes, the most this gateway sends to Kensho Scribe`, { argument: 'file', reason: 'FILE_TOO_LARGE', maxBytes });
}

/**
 * A media URL Scribe may be given: http(s), shorter than 2048 characters, no credentials
 * (Scribe downloads it with a plain GET). Checked here; the gateway never fetches it.
 */
export function checkMediaUrl(raw: string): string {
  const refuse = (why: string) => new BadUserInputError(`mediaUrl ${why}`, { argument: 'mediaUrl', reason: 'BAD_MEDIA_URL' });
  if (raw.length >= 2048) throw refuse('must be shorter than 2048 characters');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refuse('is not a complete URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw refuse('must be an http or https URL');
  if (url.username || url.password) throw refuse('must not carry credentials (Scribe fetches it with a plain GET); use a pre-signed URL');
  return raw;
}
