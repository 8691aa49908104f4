import type { IncomingMessage, ServerResponse } from 'node:http';
import processRequest from 'graphql-upload/processRequest.mjs';
import { GatewayError } from '../errors.js';
import { endBody, watchBody, type BodyBudget } from './body-deadline.js';
import { endSpoolsWithResponse, failUploads, findUploads } from './upload-spools.js';

/** Most files one multipart request may carry. */
export const MAX_UPLOAD_FILES = 10;

/**
 * Parses a GraphQL multipart request with graphql-upload: the operations come back with each
 * file in place as an Upload, and the files spool to temporary files, ended when the response
 * closes (upload-spools.ts). A request that declares more bytes than its files and fields may use
 * is refused before it is read.
 *
 * The body has its time budget (UPLOAD_TIMEOUT_SECONDS) and silence bound for as long as it
 * arrives, also while the operation runs and after the answer. Run out before the operations
 * arrived, the request is answered REQUEST_TIMEOUT (408); later, each file still expected fails
 * with it, so the operation reading it answers that code as a GraphQL error; after the answer,
 * the connection is closed. Nothing more of such a body is read.
 */
export async function readMultipart(req: IncomingMessage, res: ServerResponse, limits: { maxBody: number; maxFileBytes: number; budget: BodyBudget }): Promise<unknown> {
  const { maxBody, maxFileBytes, budget } = limits;
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > maxBody + MAX_UPLOAD_FILES * maxFileBytes) {
    req.resume();
    throw refused('REQUEST_TOO_LARGE', `Request body is larger than this gateway accepts (files at most ${maxFileBytes} bytes each)`);
  }
  let uploads: ReturnType<typeof findUploads> | undefined;
  let expiry: GatewayError | undefined;
  let expired: ((error: GatewayError) => void) | undefined;
  const timedOut = new Promise<never>((_resolve, reject) => (expired = reject));
  timedOut.catch(() => undefined);
  // Attached by processRequest's first (synchronous) step: the body is watched from here.
  const parsing = processRequest(req, res, { maxFieldSize: maxBody, maxFileSize: maxFileBytes, maxFiles: MAX_UPLOAD_FILES });
  parsing.catch(() => undefined);
  watchBody(req, budget, (error) => {
    expiry = error;
    endBody(req, res);
    if (uploads) failUploads(uploads, error);
    expired?.(error);
  });
  let operations: Awaited<typeof parsing>;
  try {
    operations = await Promise.race([parsing, timedOut]);
  } catch (error) {
    if (error instanceof GatewayError) throw error;
    const status = (error as { status?: unknown }).status;
    req.resume();
    // graphql-upload's errors are http-errors with a status and a message about the request shape.
    throw refused(status === 413 ? 'REQUEST_TOO_LARGE' : 'BAD_REQUEST', `Invalid multipart request: ${(error as Error).message}`);
  }
  uploads = findUploads(operations);
  // Out of time between the operations' arrival and this line: no more of the body comes.
  if (expiry) failUploads(uploads, expiry);
  endSpoolsWithResponse(res, uploads);
  return operations;
}

function refused(code: 'BAD_REQUEST' | 'REQUEST_TOO_LARGE', message: string): GatewayError {
  return new GatewayError(code, message);
}
