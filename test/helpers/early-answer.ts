import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';

/**
 * POSTs a request whose head declares `declaredBytes` of body but sends only `start` of it, and
 * reads the answer the server gives before the rest would arrive; then drops the connection.
 * A client that sent the whole body could instead read "connection reset" on a busy machine:
 * the server answers early and stops reading, while the client is still writing.
 */
export function earlyAnswer(url: string, headers: Record<string, string>, declaredBytes: number, start: string): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers: { ...headers, 'content-length': String(declaredBytes) } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        req.destroy();
      });
    });
    req.on('error', reject);
    req.write(start);
  });
}
