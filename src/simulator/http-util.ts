import type { IncomingMessage, ServerResponse } from 'node:http';

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
