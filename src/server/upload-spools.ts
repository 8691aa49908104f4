import type { ServerResponse } from 'node:http';
import type { FileUpload } from 'graphql-upload/processRequest.mjs';
import Upload from 'graphql-upload/Upload.mjs';

/**
 * Ends every upload spool of a multipart request when its response closes, including files
 * whose part begins only after that.
 *
 * graphql-upload spools each file to a temporary file (fs-capacitor) and releases the spools
 * when the response closes, but only those of files whose part had begun by then. The answer
 * can go out first (the operation does not use the file, the field is refused, validation
 * failed), and a file part that begins later is spooled to a temporary file nobody releases:
 * the file and its descriptor stayed until the process exited, whether the client then finished
 * the file or broke off mid-file. Here every spool of the request is destroyed once the response
 * is closed, at once or as soon as its part begins; the rest of such a body is read and
 * discarded, never written to disk.
 */
export function endSpoolsWithResponse(res: ServerResponse, operations: unknown): void {
  const uploads = findUploads(operations);
  if (uploads.size === 0) return;
  const end = () => {
    for (const upload of uploads) {
      if (upload.file) endSpool(upload.file);
      else upload.promise.then(endSpool, () => undefined);
    }
  };
  if (res.closed) end();
  // Before graphql-upload's own listener: its release() ends a spool without an error, and the
  // file's part, piped into the spool, would then wait for ever for room to write.
  else res.prependOnceListener('close', end);
}

/** Why a spool ends: graphql-upload answers this error by discarding the rest of the file's part. */
const REQUEST_ENDED = 'the request is over';

/**
 * Destroys a spool: descriptor closed, file unlinked, readers ended. Destroy, not release: a
 * release waits for readers, and one waiting on a file whose client went away would wait for
 * ever. With an error, so graphql-upload unpipes the file's part and reads the rest of it into
 * nothing (without one, the part would stall the request's parser).
 */
function endSpool(file: FileUpload): void {
  file.capacitor.destroy(new Error(REQUEST_ENDED));
}

/**
 * The Upload placeholders graphql-upload put into the operations (one file may sit at several
 * paths). Walked with a stack of its own: the operations are caller JSON of any depth.
 */
function findUploads(operations: unknown): Set<Upload> {
  const found = new Set<Upload>();
  const pending: unknown[] = [operations];
  while (pending.length > 0) {
    const value = pending.pop();
    if (value instanceof Upload) found.add(value);
    else if (value !== null && typeof value === 'object') for (const item of Object.values(value)) pending.push(item);
  }
  return found;
}
