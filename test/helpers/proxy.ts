import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** One thing the test proxy did: a forwarded request, a CONNECT tunnel, or a refusal (407). */
export interface ProxyEvent {
  readonly kind: 'forward' | 'tunnel' | 'refused';
  readonly target: string;
  readonly method?: string;
  /** Local port of the proxy's socket to the upstream: the upstream sees it as the client port. */
  readonly localPort?: number;
  readonly userAgent?: string;
}

export interface TestProxy {
  /** http://127.0.0.1:port (with user:password when the proxy demands them). */
  readonly url: string;
  /** Everything the proxy did so far, in order. */
  readonly events: ProxyEvent[];
  close(): Promise<void>;
}

const SCRIPT = fileURLToPath(new URL('./forward-proxy.mjs', import.meta.url));

/** Starts test/helpers/forward-proxy.mjs as a child process on a free loopback port. */
export async function startProxy(options: { auth?: { user: string; password: string } } = {}): Promise<TestProxy> {
  const child: ChildProcess = spawn(process.execPath, [SCRIPT], {
    env: { PATH: process.env.PATH ?? '', ...(options.auth ? { PROXY_AUTH: `${options.auth.user}:${options.auth.password}` } : {}) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const events: ProxyEvent[] = [];
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`test proxy exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const event = JSON.parse(line) as ProxyEvent | { kind: 'listening'; port: number };
      if (event.kind === 'listening') resolve(event.port);
      else events.push(event);
    });
  });
  const credentials = options.auth ? `${encodeURIComponent(options.auth.user)}:${encodeURIComponent(options.auth.password)}@` : '';
  return {
    url: `http://${credentials}127.0.0.1:${port}`,
    events,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}
