import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startSimulator } from '@kensho-gateway/simulator';
import { stopChild, waitForOutput } from '../helpers/patience.js';
import { ROOT } from '../helpers/spawn-gateway.js';

/**
 * The simulator (and its PDF library, pdfjs-dist, which replaces JSON.stringify, JSON.parse and
 * Array.prototype.push for the whole process on Node 20) must not be loaded by a gateway that
 * has credentials, nor the playground's renderer where the playground is off (production), nor
 * OpenTelemetry's SDK where no OTEL_* variable asks for tracing, nor Apollo's Federation libraries
 * without GRAPHQL_FEDERATION: production pays for none of them.
 */
describe('kensho-gateway start with credentials', () => {
  it('loads no simulator module, no pdfjs, no playground renderer and no tracing SDK, and leaves JSON and Array.prototype.push alone', async () => {
    const sim = await startSimulator({ port: 0 });
    const record = join(mkdtempSync(join(tmpdir(), 'gw-imports-')), 'modules.json');
    const child = spawn(process.execPath, ['--import', 'tsx', '--import', './test/helpers/record-modules.mjs', 'src/bin.ts', 'start'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        NODE_ENV: 'production',
        PORT: '0',
        LOG_LEVEL: 'warn',
        KENSHO_NERD_URL: sim.urls.nerd,
        KENSHO_NERD_ACCESS_TOKEN: await sim.issueAccessToken({ scopes: ['kensho:app:nerd'] }),
        RECORD_MODULES_FILE: record,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    try {
      const graphqlUrl = (await waitForOutput(child, /GraphQL:\s+(http:\/\/\S+)/, 'banner', () => out))[1]!;
      // The whole request path runs once, so a module imported lazily on it is recorded too.
      const res = await fetch(graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ annotateText(text: "Apple is in Cupertino.") { annotations { text } } }' }),
      });
      const body = (await res.json()) as { data?: { annotateText: Array<{ annotations: Array<{ text: string }> }> }; errors?: unknown };
      expect(body.errors).toBeUndefined();
      expect(body.data!.annotateText[0]!.annotations.map((a) => a.text)).toContain('Apple');
    } finally {
      await stopChild(child);
      await sim.close();
    }
    const { modules, builtinsIntact } = JSON.parse(readFileSync(record, 'utf8')) as { modules: string[]; builtinsIntact: boolean };
    // The recorder works: the gateway's own modules are in the list.
    expect(modules.some((m) => m.endsWith('/src/gateway.ts'))).toBe(true);
    // The simulator package (simulator/, by its source or its build) and its PDF library.
    const simulatorDir = `${pathToFileURL(join(ROOT, 'simulator')).href}/`;
    expect(modules.filter((m) => m.startsWith(simulatorDir) || m.includes('@kensho-gateway/simulator') || m.includes('pdfjs-dist'))).toEqual([]);
    // Nor the playground's renderer (a 10 MB bundle held as a string) where the playground is off.
    expect(modules.filter((m) => m.includes('render-graphiql'))).toEqual([]);
    // Nor OpenTelemetry's SDK and exporters without OTEL_* settings: the API's no-op spans only.
    expect(modules.filter((m) => /@opentelemetry\/(?!api\/)|tracing-sdk/.test(m))).toEqual([]);
    expect(modules.some((m) => m.includes('@opentelemetry/api/'))).toBe(true);
    // Nor Apollo's Federation libraries without GRAPHQL_FEDERATION (src/schema/federation.ts requires them only then).
    expect(modules.filter((m) => m.includes('@apollo/subgraph') || m.includes('@apollo/federation-internals'))).toEqual([]);
    expect(builtinsIntact).toBe(true);
  });
});
