import { connect, createServer, type Server, type Socket } from 'node:net';

export interface SlowProxy {
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

/**
 * A TCP proxy on loopback that holds every chunk from the client for `delayMs` before passing it
 * on (answers come back at once): a Redis that is slow, not dead. Chunks keep their order because
 * timers of equal delay fire in the order they were set.
 */
export async function startSlowProxy(targetPort: number, delayMs: number): Promise<SlowProxy> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.on('data', (chunk) => {
      setTimeout(() => {
        if (!upstream.destroyed) upstream.write(chunk);
      }, delayMs);
    });
    upstream.pipe(client);
    client.on('end', () => setTimeout(() => upstream.end(), delayMs));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
