import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An HTTP forwarder in front of an upstream that can hold requests until the test lets them go. */
export interface Gate {
  /** The gate's base URL: `target`'s path on the gate's port. */
  readonly url: string;
  /** Requests held from now on (they are received and wait, not sent on). */
  hold(): void;
  /** Sends on every held request, and those that arrive later. */
  release(): void;
  /** Resolves once `count` requests are held. */
  holding(count: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts a gate forwarding to `target` (an http URL with a path prefix, such as the simulator's
 * NERD base URL). With it a test decides when an upstream answers, instead of giving the upstream
 * a latency and racing it.
 */
export async function startGate(target: string): Promise<Gate> {
  const base = new URL(target);
  let held: Array<() => void> | undefined;
  const watchers: Array<{ count: number; resolve: () => void }> = [];
  const forward = (req: IncomingMessage, res: ServerResponse) => {
    const out = request({ host: base.hostname, port: base.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    out.on('error', () => res.destroy());
    req.pipe(out);
  };
  const server = createServer((req, res) => {
    if (!held) return forward(req, res);
    held.push(() => forward(req, res));
    for (const w of [...watchers]) {
      if (held.length >= w.count) {
        watchers.splice(watchers.indexOf(w), 1);
        w.resolve();
      }
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${base.pathname.replace(/\/$/, '')}`,
    hold: () => void (held ??= []),
    release() {
      const waiting = held ?? [];
      held = undefined;
      for (const send of waiting) send();
    },
    holding: (count) => (held && held.length >= count ? Promise.resolve() : new Promise((resolve) => watchers.push({ count, resolve }))),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
