// graphql-upload 17 ships JSDoc-typed .mjs files without declarations; these are the parts the
// gateway uses (see node_modules/graphql-upload/processRequest.mjs for the full contract).
declare module 'graphql-upload/processRequest.mjs' {
  import type { IncomingMessage, ServerResponse } from 'node:http';
  import type { Readable } from 'node:stream';

  export interface FileUpload {
    filename: string;
    mimetype: string;
    encoding: string;
    /** A new stream of the whole file each call (spooled to a temporary file). */
    createReadStream(options?: { highWaterMark?: number; encoding?: BufferEncoding }): Readable;
    /** fs-capacitor's spool (a temporary file); graphql-upload calls it private, server/upload-spools.ts ends it. */
    readonly capacitor: { destroy(error?: Error): void };
  }

  export interface ProcessRequestOptions {
    maxFieldSize?: number;
    maxFileSize?: number;
    maxFiles?: number;
  }

  /** Errors carry an HTTP `status` (http-errors). */
  export default function processRequest(request: IncomingMessage, response: ServerResponse, options?: ProcessRequestOptions): Promise<Record<string, unknown> | Array<Record<string, unknown>>>;
}

declare module 'graphql-upload/GraphQLUpload.mjs' {
  import type { GraphQLScalarType } from 'graphql';
  const GraphQLUpload: GraphQLScalarType;
  export default GraphQLUpload;
}

declare module 'graphql-upload/Upload.mjs' {
  import type { FileUpload } from 'graphql-upload/processRequest.mjs';
  /** One expected file of a multipart request, placed in the operations where the file goes. */
  export default class Upload {
    /** Settles when the file's part begins (or the request fails first). */
    readonly promise: Promise<FileUpload>;
    /** Set once the file's part has begun. */
    readonly file?: FileUpload;
  }
}
