import { spawn } from 'node:child_process';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PATIENCE_MS } from '../helpers/patience.js';
import { startStack, type Stack } from '../helpers/stack.js';

/**
 * The official MCP conformance suite (@modelcontextprotocol/conformance, from the npm registry)
 * against /mcp with the simulator. Only the scenarios that test what the gateway serves: the
 * others call the reference server's own fixtures (test_simple_text, resources, prompts,
 * logging, completion), which a domain server does not have (docs/mcp.md, "Conformance").
 * The suite needs Node 22 or later (it uses fs.globSync): skipped on older Node, run by CI's
 * second Node.
 */
const CONFORMANCE = '@modelcontextprotocol/conformance@0.1.16';
const SCENARIOS = ['server-initialize', 'ping', 'tools-list', 'dns-rebinding-protection', 'server-sse-multiple-streams', 'server-sse-polling'];
const NODE_MAJOR = Number(process.versions.node.split('.')[0]);

/** Runs one scenario; resolves with its "Passed: p/t, f failed" figures and the output. */
function scenario(url: string, name: string): Promise<{ passed: number; failed: number; output: string }> {
  return new Promise((resolve, reject) => {
    // The suite's bin runs on `env node`: this test's own Node first on PATH.
    const env = { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}` };
    const child = spawn('npx', ['-y', CONFORMANCE, 'server', '--url', url, '--scenario', name], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`${name}: no result within ${PATIENCE_MS / 1000} s:\n${output}`));
    }, PATIENCE_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      const m = /Passed: (\d+)\/(\d+), (\d+) failed/.exec(output);
      if (!m) reject(new Error(`${name}: no result line:\n${output}`));
      else resolve({ passed: Number(m[1]), failed: Number(m[3]), output });
    });
  });
}

describe.skipIf(NODE_MAJOR < 22)('the MCP conformance suite against /mcp', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ clientScopes: ['kensho:app:nerd', 'kensho:app:kfinance'] });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it.each(SCENARIOS)('passes %s', async (name) => {
    // The suite speaks to "localhost", as a local client would (the host check allows it).
    const url = `${stack.url.replace('127.0.0.1', 'localhost')}/mcp`;
    const { failed, output } = await scenario(url, name);
    expect({ name, failed, output: failed ? output : '' }).toEqual({ name, failed: 0, output: '' });
  });
});
