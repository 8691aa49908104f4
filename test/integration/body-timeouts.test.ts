import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../helpers/stack.js';
import { handUpload, type HandUpload } from '../helpers/upload.js';

/**
 * Request bodies have time budgets of their own: a whole upload (UPLOAD_TIMEOUT_SECONDS, 30
 * minutes by default, where Node's 300 s request timeout used to cut it with a bare 408), any
 * other body (BODY_TIMEOUT_SECONDS), and the longest silence within either
 * (BODY_IDLE_TIMEOUT_SECONDS). Running out answers REQUEST_TIMEOUT: HTTP 408 before the
 * operation runs, a GraphQL error of the field reading the file while it runs. The budgets here
 * are a second or two; the clients keep sending (or stay silent) until the answer comes, so a
 * slow machine only makes the answer later.
 */

const SUBMIT_PDF = 'mutation($file: Upload!) { submitExtraction(file: $file) { id } }';
/** How long a test waits for the gateway's answer before it reports that none came. */
const PATIENCE_MS = 15_000;

interface Answer {
  readonly status: number;
  readonly code?: string;
  readonly reason?: string;
  readonly connection?: string | string[];
}

function answerOf(r: { status: number; body: string; headers: IncomingHttpHeaders } | undefined): Answer {
  if (!r) return { status: 0 };
  const body = JSON.parse(r.body) as { errors?: Array<{ extensions?: { code?: string; reason?: string } }> };
  return { status: r.status, code: body.errors?.[0]?.extensions?.code, reason: body.errors?.[0]?.extensions?.reason, connection: r.headers.connection };
}

/** Sends `write` every 100 ms (nothing when it returns undefined) until the answer arrives or PATIENCE_MS pass. */
async function until<T>(answer: Promise<T>, write: () => void): Promise<T | undefined> {
  let settled = false;
  const timer = setInterval(() => settled || write(), 100);
  try {
    return await Promise.race([answer, new Promise<undefined>((resolve) => setTimeout(resolve, PATIENCE_MS))]);
  } finally {
    settled = true;
    clearInterval(timer);
  }
}

/** A POST to /graphql whose body the test writes by hand (a declared length it may never reach). */
function rawPost(url: string, contentType: string, declaredBytes: number) {
  const { port } = new URL(url);
  const req = httpRequest({ host: '127.0.0.1', port, path: '/graphql', method: 'POST', headers: { 'content-type': contentType, 'content-length': String(declaredBytes), 'apollo-require-preflight': 'true' } });
  req.on('error', () => undefined);
  const response = new Promise<{ status: number; body: string; headers: IncomingHttpHeaders }>((resolve) => {
    req.once('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.once('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
  });
  return { req, response };
}

function pdfUpload(stack: Stack): HandUpload {
  const u = handUpload(stack.url, { query: SUBMIT_PDF, variables: { file: null } }, { 1: ['variables.file'] });
  return u;
}

describe('request body budgets: whole-body time', () => {
  let stack: Stack;
  beforeAll(async () => {
    // Silences never run out here: only the whole-body budgets do.
    stack = await startStack({ env: { UPLOAD_TIMEOUT_SECONDS: '2', BODY_TIMEOUT_SECONDS: '2', BODY_IDLE_TIMEOUT_SECONDS: '600' } });
  });
  afterAll(async () => stack.close());

  it('an upload still arriving when UPLOAD_TIMEOUT_SECONDS runs out: REQUEST_TIMEOUT from the field, no upstream call, connection closed', async () => {
    stack.sim.counters.reset();
    const u = pdfUpload(stack);
    u.startFile('1', 'slow.pdf', 'application/pdf');
    u.write(Buffer.from('%PDF-1.7\n'));
    const r = await until(u.response, () => u.write(Buffer.alloc(1024, 0x20)));
    if (!r) u.end();
    expect(answerOf(r ?? (await u.response.catch(() => undefined)))).toEqual({ status: 200, code: 'REQUEST_TIMEOUT', reason: 'UPLOAD_TIME', connection: 'close' });
    expect(stack.sim.counters.calls('extract.submit')).toBe(0);
  });

  it('a body still trickling after the answer (another path, a refused request) is cut within BODY_TIMEOUT_SECONDS', async () => {
    const { port } = new URL(stack.url);
    const cut = await Promise.all(
      ['/healthz', '/graphql'].map(async (path) => {
        // /graphql without a query string and with a body Apollo never reads: refused at once (400).
        const req = httpRequest({ host: '127.0.0.1', port, path, method: path === '/graphql' ? 'PUT' : 'POST', headers: { 'content-type': 'text/plain', 'content-length': '1000000' } });
        req.on('error', () => undefined);
        const status = new Promise<number>((resolve) => req.once('response', (res) => (res.resume(), resolve(res.statusCode ?? 0))));
        const closed = new Promise<true>((resolve) => req.once('close', () => resolve(true)));
        req.write('x');
        const answered = await status;
        const wasCut = await until(closed, () => req.write('x'.repeat(100)));
        req.destroy();
        return { path, answered, cut: wasCut ?? false };
      }),
    );
    expect(cut).toEqual([
      { path: '/healthz', answered: 200, cut: true },
      { path: '/graphql', answered: 405, cut: true },
    ]);
  });

  it('a JSON body still trickling when BODY_TIMEOUT_SECONDS runs out: 408 REQUEST_TIMEOUT', async () => {
    const { req, response } = rawPost(stack.url, 'application/json', 1_000_000);
    req.write('{"query": "{ __typename }", "padding": "');
    const r = await until(response, () => req.write('x'.repeat(100)));
    req.destroy();
    expect(answerOf(r)).toEqual({ status: 408, code: 'REQUEST_TIMEOUT', reason: 'BODY_TIME', connection: 'close' });
  });
});

describe('request body budgets: silence', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { BODY_IDLE_TIMEOUT_SECONDS: '1' } });
  });
  afterAll(async () => stack.close());

  it('a JSON body that goes silent: 408 REQUEST_TIMEOUT (BODY_IDLE)', async () => {
    const { req, response } = rawPost(stack.url, 'application/json', 1_000);
    req.write('{"query": "{ __typ');
    const r = await until(response, () => undefined);
    req.destroy();
    expect(answerOf(r)).toEqual({ status: 408, code: 'REQUEST_TIMEOUT', reason: 'BODY_IDLE', connection: 'close' });
  });

  it('an upload silent before its operations arrived: 408 REQUEST_TIMEOUT', async () => {
    const boundary = 'silent-before-operations';
    const { req, response } = rawPost(stack.url, `multipart/form-data; boundary=${boundary}`, 100_000);
    req.write(`--${boundary}\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{"query": "mutation`);
    const r = await until(response, () => undefined);
    req.destroy();
    expect(answerOf(r)).toEqual({ status: 408, code: 'REQUEST_TIMEOUT', reason: 'BODY_IDLE', connection: 'close' });
  });

  it('an upload silent before its file part, or mid-file: REQUEST_TIMEOUT from the field, no upstream call', async () => {
    stack.sim.counters.reset();
    const before = pdfUpload(stack);
    const midFile = pdfUpload(stack);
    midFile.startFile('1', 'half.pdf', 'application/pdf');
    midFile.write(Buffer.from('%PDF-1.7\n'));
    const answers = await Promise.all([until(before.response, () => undefined), until(midFile.response, () => undefined)]);
    before.abort();
    midFile.abort();
    expect(answers.map(answerOf)).toEqual([
      { status: 200, code: 'REQUEST_TIMEOUT', reason: 'BODY_IDLE', connection: 'close' },
      { status: 200, code: 'REQUEST_TIMEOUT', reason: 'BODY_IDLE', connection: 'close' },
    ]);
    expect(stack.sim.counters.calls('extract.submit')).toBe(0);
  });

  it("does not let Node's request timeout cut an upload within UPLOAD_TIMEOUT_SECONDS (30 minutes by default)", () => {
    expect(stack.gateway.config.limits.uploadTimeoutSeconds).toBe(1_800);
    expect(stack.server.server.requestTimeout).toBeGreaterThan(1_800_000);
  });
});
