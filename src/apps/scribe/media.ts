import { BlockList, isIP } from 'node:net';
import type { FileUpload } from 'graphql-upload/processRequest.mjs';
import { BadUserInputError } from '../../errors.js';
import { readSpooledUpload } from '../../upstreams/spooled-upload.js';

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
 * Address ranges a media URL must not name unless SCRIBE_ALLOW_PRIVATE_MEDIA_URLS is set: Scribe
 * downloads the URL from inside Kensho's network, where these reach its own hosts, a cloud
 * metadata service (169.254.169.254) or nothing public (IANA special-purpose registries,
 * RFC 6890). node:net's BlockList matches IPv4-mapped IPv6 addresses against IPv4 rules too.
 */
const PRIVATE_RANGES = (() => {
  const list = new BlockList();
  for (const [net, prefix] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4]] as const) {
    list.addSubnet(net, prefix, 'ipv4');
  }
  // ::/96 holds ::, ::1 and the deprecated IPv4-compatible form (::127.0.0.1).
  for (const [net, prefix] of [['::', 96], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) list.addSubnet(net, prefix, 'ipv6');
  return list;
})();

/** True when `hostname` (as URL parses it: IPv6 in brackets, IPv4 normalised) is loopback, link-local, private or a `localhost` name. */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  const family = isIP(bare);
  if (family === 0) return false;
  return PRIVATE_RANGES.check(bare, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * A media URL Scribe may be given: http(s), shorter than 2048 characters, no credentials
 * (Scribe downloads it with a plain GET), and, unless `allowPrivate`, no loopback, link-local,
 * private or `localhost` host. Checked here; the gateway never fetches it. A name that resolves
 * to a private address is not looked up: the lookup that counts is Scribe's own.
 */
export function checkMediaUrl(raw: string, options: { readonly allowPrivate?: boolean } = {}): string {
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
  if (!options.allowPrivate && isPrivateHost(url.hostname)) {
    throw new BadUserInputError(
      `mediaUrl names a loopback, link-local, private or localhost address (${url.hostname.slice(0, 100)}), which Kensho Scribe would fetch inside its own network; give a public URL (SCRIBE_ALLOW_PRIVATE_MEDIA_URLS=true lets such URLs through)`,
      { argument: 'mediaUrl', reason: 'PRIVATE_MEDIA_URL' },
    );
  }
  return raw;
}
