import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { spawnGateway, spawnSimulator } from '../helpers/spawn-gateway.js';
import { PATIENCE_MS } from '../helpers/patience.js';

describe('graceful shutdown', () => {
  it('finishes all 50 in-flight queries on SIGTERM, then exits 0', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gw-shutdown-'));
    const sim = await spawnSimulator(400, dataDir);
    // An hour's grace: the 50 answers never race a 10 s grace on a loaded machine, and the exit
    // below still shows the process left once its work was done.
    const gw = await spawnGateway(['start'], { ...sim.env, PORT: '0', LOG_LEVEL: 'warn', SHUTDOWN_GRACE_SECONDS: '3600' });
    try {
      const ask = (i: number) =>
        fetch(gw.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ annotateText(text: "Apple number ${i}") { annotations { text } } }` }) }).then(
          async (r) => ({ status: r.status, body: (await r.json()) as { errors?: unknown; data?: { annotateText: Array<{ annotations: Array<{ text: string }> }> } } }),
        );
      expect((await ask(-1)).body.errors).toBeUndefined(); // warm: token obtained
      const inflight = Array.from({ length: 50 }, (_, i) => ask(i));
      // SIGTERM once all 50 have reached the upstream (each waits 400 ms there): truly in flight.
      const simUrl = new URL(sim.env.KENSHO_NERD_URL!).origin;
      const syncCalls = async () => ((await (await fetch(`${simUrl}/__sim/counters`)).json()) as { calls: Record<string, number> }).calls['nerd.annotations-sync'] ?? 0;
      await expect.poll(syncCalls, { timeout: PATIENCE_MS, interval: 10 }).toBe(51);
      const exited = gw.stop('SIGTERM');
      const results = await Promise.all(inflight);
      expect(results.filter((r) => r.status !== 200 || r.body.errors)).toEqual([]);
      expect(results.every((r) => r.body.data!.annotateText[0]!.annotations[0]!.text === 'Apple')).toBe(true);
      expect(await exited).toBe(0);
      await expect(fetch(gw.graphqlUrl, { method: 'POST' })).rejects.toThrow();
    } finally {
      await gw.stop('SIGKILL');
      await sim.stop();
    }
  });

  it('finishes the MCP tool calls in flight on SIGTERM, then exits 0', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gw-shutdown-mcp-'));
    const sim = await spawnSimulator(400, dataDir);
    const gw = await spawnGateway(['start'], { ...sim.env, PORT: '0', LOG_LEVEL: 'warn' });
    const client = new Client({ name: 'shutdown-test', version: '1.0.0' });
    try {
      await client.connect(new StreamableHTTPClientTransport(new URL(gw.graphqlUrl.replace(/\/graphql$/, '/mcp'))));
      const ask = (i: number) => client.callTool({ name: 'annotate_text', arguments: { text: `Apple number ${i}` } }) as Promise<CallToolResult>;
      expect((await ask(-1)).isError).toBeFalsy(); // warm: token obtained
      const inflight = Array.from({ length: 5 }, (_, i) => ask(i));
      const simUrl = new URL(sim.env.KENSHO_NERD_URL!).origin;
      const syncCalls = async () => ((await (await fetch(`${simUrl}/__sim/counters`)).json()) as { calls: Record<string, number> }).calls['nerd.annotations-sync'] ?? 0;
      await expect.poll(syncCalls, { timeout: PATIENCE_MS, interval: 10 }).toBe(6);
      const exited = gw.stop('SIGTERM');
      const results = await Promise.all(inflight);
      expect(results.filter((r) => r.isError)).toEqual([]);
      expect(results.every((r) => JSON.stringify(r.structuredContent).includes('"text":"Apple"'))).toBe(true);
      expect(await exited).toBe(0);
    } finally {
      await client.close().catch(() => undefined);
      await gw.stop('SIGKILL');
      sim.stop();
    }
  });
});
