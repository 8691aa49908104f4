import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PATIENCE_MS } from '../helpers/patience.js';
import { findLeaks, startStack, type Stack } from '../helpers/stack.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const NERD_KEY = 'kgw_stdio_nerd_only_0123456789abcdef01';
const API_KEYS = JSON.stringify([{ name: 'desktop-agent', sha256: createHash('sha256').update(NERD_KEY).digest('hex'), scopes: ['kensho:app:nerd'] }]);

/** `kensho-gateway mcp` as a local MCP client starts it: a subprocess speaking MCP on stdin/stdout. */
function gatewayProcess(stack: Stack, extra: Record<string, string>): { command: string; args: string[]; env: Record<string, string>; cwd: string } {
  return {
    command: process.execPath,
    args: ['--import', 'tsx', 'src/bin.ts', 'mcp'],
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...stack.env, LOG_LEVEL: 'info', AUTH_MODE: 'api-key', API_KEYS, ...extra },
  };
}

describe('kensho-gateway mcp (stdio)', () => {
  let stack: Stack;
  beforeAll(async () => {
    // The simulator (and a gateway this test does not use) the subprocess is configured against.
    stack = await startStack({ clientScopes: ['kensho:app:nerd', 'kensho:app:kfinance'] });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('serves the caller MCP_CALLER_TOKEN proves: its tools only, one NERD token for one call, nothing but MCP on stdout', async () => {
    const transport = new StdioClientTransport({ ...gatewayProcess(stack, { MCP_CALLER_TOKEN: NERD_KEY }), stderr: 'pipe' });
    let stderr = '';
    transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const client = new Client({ name: 'stdio-test', version: '1.0.0' });
    // The SDK's client fails on any line of stdout that is not a JSON-RPC message.
    await client.connect(transport);
    try {
      expect((await client.listTools()).tools.map((t) => t.name)).toEqual(['annotate_text']);
      stack.sim.counters.reset();
      const result = (await client.callTool({ name: 'annotate_text', arguments: { text: 'Apple reported results.', knowledgeBases: ['CAPIQ'] } })) as CallToolResult;
      expect(result.isError).toBeFalsy();
      expect(JSON.stringify(result.structuredContent)).toContain('Apple');
      expect(stack.sim.counters.tokenRequests()).toBe(1);
      expect(stack.sim.counters.tokenRequests('kensho:app:nerd')).toBe(1);
      // A tool outside the caller's scopes is refused as over HTTP.
      const refused = (await client.callTool({ name: 'resolve_companies', arguments: { identifiers: ['AAPL'] } })) as CallToolResult;
      expect(refused.isError).toBe(true);
      expect((refused.structuredContent as { error: { code: string } }).error.code).toBe('FORBIDDEN');
      // The logs went to stderr, one line per operation, without the caller's key.
      expect(stderr).toContain('"caller":"desktop-agent"');
      expect(findLeaks(stderr, [...stack.secrets, NERD_KEY])).toEqual([]);
    } finally {
      await client.close();
    }
  });

  it('stops with one line when MCP_CALLER_TOKEN does not authenticate', async () => {
    const { command, args, env, cwd } = gatewayProcess(stack, { MCP_CALLER_TOKEN: 'kgw_not_a_known_key_0123456789abcdef' });
    const child = spawn(command, args, { env, cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const code = await new Promise<number | null>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no exit within ${PATIENCE_MS / 1000} s:\n${stderr}`)), PATIENCE_MS);
      child.once('exit', (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const lines = stderr.split('\n').filter((l) => l.trim() && !l.startsWith('{'));
    expect(lines).toEqual([expect.stringMatching(/^kensho-gateway: MCP_CALLER_TOKEN: the token was refused \(api-key\): The API key is not valid$/)]);
    expect(stderr).not.toContain('kgw_not_a_known_key');
  });

  it('answers what a client sent before closing its end, then exits 0', async () => {
    const { command, args, env, cwd } = gatewayProcess(stack, { MCP_CALLER_TOKEN: NERD_KEY });
    const child = spawn(command, args, { env, cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const messages = [
      { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'pipe', version: '1' } } },
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      { jsonrpc: '2.0', id: 2, method: 'tools/list' },
      { jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'annotate_text', arguments: { text: 'Apple reported results.' } } },
    ];
    child.stdin.end(messages.map((m) => JSON.stringify(m)).join('\n') + '\n');
    const code = await new Promise<number | null>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no exit within ${PATIENCE_MS / 1000} s:\n${stderr}`)), PATIENCE_MS);
      child.once('exit', (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    expect(code).toBe(0);
    const answers = stdout.trim().split('\n').map((line) => JSON.parse(line) as { id: number; result?: { tools?: Array<{ name: string }>; isError?: boolean } });
    expect(answers.map((a) => a.id).sort()).toEqual([1, 2, 3]);
    expect(answers.find((a) => a.id === 2)!.result!.tools!.map((t) => t.name)).toEqual(['annotate_text']);
    expect(answers.find((a) => a.id === 3)!.result!.isError).toBeFalsy();
  });
});
