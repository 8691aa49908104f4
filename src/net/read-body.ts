import type { Readable } from 'node:stream';

const ignore = (): void => undefined;

/**
 * A whole stream as UTF-8 text, refused past `maxBytes`: the inbound request body (server/http.ts)
 * and an upstream answer without a declared length (net/transport.ts). Read through events, an
 * async iterator costs a few promises a chunk. Past the limit the promise rejects with
 * `tooLarge()` and the stream is destroyed (as leaving a `for await` loop does); a stream closed
 * before its end rejects with the error such a loop gets (ECONNRESET "aborted"). The listeners
 * are removed once settled: a stream kept after the read (undici keeps finished requests) holds
 * no chunk.
 */
export function readText(stream: Readable, maxBytes: number, tooLarge: () => unknown): Promise<{ text: string; bytes: number }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (error?: unknown) => {
      // An error after the read is settled (undici aborts a body destroyed past the limit) has
      // nothing left to tell: it is swallowed, never left without a listener to crash the process.
      stream.off('data', onData).off('end', onEnd).off('error', done).off('close', onClose).on('error', ignore);
      if (error) reject(error);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        done(tooLarge());
        stream.destroy();
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      done();
      resolve({ text: chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8'), bytes: size });
    };
    const onClose = () => done(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
    stream.on('data', onData).on('end', onEnd).on('error', done).on('close', onClose);
  });
}
