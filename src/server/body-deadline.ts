import type { IncomingMessage, ServerResponse } from 'node:http';
import { GatewayError } from '../errors.js';

/** Which budget a body ran out of (`extensions.reason`), and the setting that holds it. */
const REASONS = {
  BODY_IDLE: { setting: 'BODY_IDLE_TIMEOUT_SECONDS', what: (s: number) => `No byte of the request body arrived for ${s} s` },
  BODY_TIME: { setting: 'BODY_TIMEOUT_SECONDS', what: (s: number) => `The request body did not arrive within ${s} s` },
  UPLOAD_TIME: { setting: 'UPLOAD_TIMEOUT_SECONDS', what: (s: number) => `The upload did not arrive within ${s} s` },
} as const;

export type BodyTimeoutReason = keyof typeof REASONS;

/** What one request body may take: its whole time, and its longest silence. */
export interface BodyBudget {
  readonly totalSeconds: number;
  /** The budget `totalSeconds` is: a multipart upload's, or any other body's. */
  readonly total: 'UPLOAD_TIME' | 'BODY_TIME';
  readonly idleSeconds: number;
}

/** The coded error of a body that ran out of time (REQUEST_TIMEOUT, HTTP 408 before execution). */
/** The two budgets the limits set: a plain body's (also a drained one's) and an upload's. */
export function bodyBudgets(limits: { readonly bodyTimeoutSeconds: number; readonly uploadTimeoutSeconds: number; readonly bodyIdleTimeoutSeconds: number }): { readonly body: BodyBudget; readonly upload: BodyBudget } {
  return {
    body: { total: 'BODY_TIME', totalSeconds: limits.bodyTimeoutSeconds, idleSeconds: limits.bodyIdleTimeoutSeconds },
    upload: { total: 'UPLOAD_TIME', totalSeconds: limits.uploadTimeoutSeconds, idleSeconds: limits.bodyIdleTimeoutSeconds },
  };
}

export function bodyTimeout(reason: BodyTimeoutReason, seconds: number): GatewayError {
  const { setting, what } = REASONS[reason];
  return new GatewayError('REQUEST_TIMEOUT', `${what(seconds)} (${setting}); the request was ended`, { extensions: { reason, timeoutSeconds: seconds } });
}

const noop = (): void => undefined;

/**
 * Watches a request body arrive, from when its reader is attached (call it after: a `data`
 * listener of its own would otherwise start the flow). `onExpire` is called once with the coded
 * error when the body takes longer than its budget in all, or is silent for the idle budget.
 * Time the gateway itself stopped reading (its spool behind, so the stream is paused) is not
 * silence. Node's own request timeout would answer a bare 408 with no body, and only after 300 s
 * however large the upload; a budget per kind of body and a silence bound keep slow-body attacks
 * short without cutting a large upload sent at a fair rate. Returns the function that stops
 * watching; it also stops when the body ends or the request closes.
 */
export function watchBody(req: IncomingMessage, budget: BodyBudget, onExpire: (error: GatewayError) => void): () => void {
  if (req.complete || req.readableEnded) return noop;
  const idleMs = budget.idleSeconds * 1000;
  let lastData = performance.now();
  const onData = (): void => {
    lastData = performance.now();
  };
  const checkIdle = (): void => {
    const now = performance.now();
    if (req.isPaused()) lastData = now;
    const left = lastData + idleMs - now;
    if (left > 0) idleTimer = timer(checkIdle, left);
    else expire(bodyTimeout('BODY_IDLE', budget.idleSeconds));
  };
  let idleTimer = timer(checkIdle, idleMs);
  const totalTimer = timer(() => expire(bodyTimeout(budget.total, budget.totalSeconds)), budget.totalSeconds * 1000);
  const stop = (): void => {
    clearTimeout(idleTimer);
    clearTimeout(totalTimer);
    req.off('data', onData).off('end', stop).off('close', stop);
  };
  const expire = (error: GatewayError): void => {
    stop();
    onExpire(error);
  };
  req.on('data', onData).once('end', stop).once('close', stop);
  return stop;
}

/**
 * Stops taking a body that ran out of time: nothing more of it is read, and the connection
 * closes once the answer is out (at once when the answer is already out).
 */
export function endBody(req: IncomingMessage, res: ServerResponse): void {
  req.unpipe();
  req.pause();
  if (res.headersSent) req.socket.destroy();
  else res.setHeader('connection', 'close');
}

/** `reading` (a body reader already attached to `req`), or the coded error when the body runs out of time first. */
export function readWithin<T>(req: IncomingMessage, res: ServerResponse, reading: Promise<T>, budget: BodyBudget): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const stop = watchBody(req, budget, (error) => {
      endBody(req, res);
      reject(error);
    });
    reading.then(
      (value) => {
        stop();
        resolve(value);
      },
      (error: unknown) => {
        stop();
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

function timer(fn: () => void, ms: number): NodeJS.Timeout {
  const t = setTimeout(fn, ms);
  // A request's timers never hold the process open: the server does while it serves.
  t.unref();
  return t;
}
