import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { CONTENTS } from '@kensho-gateway/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Transport, TransportRequest } from '../../src/net/transport.js';
import { manualClock } from '../helpers/manual-clock.js';
import { findLeaks, startStack, type Stack } from '../helpers/stack.js';

const sha = (key: string) => createHash('sha256').update(key).digest('hex');
const NERD_KEY = 'kgw_mcp_nerd_only_0123456789abcdef0123';
const ALL_KEY = 'kgw_mcp_all_scopes_0123456789abcdef012';
const API_KEYS = JSON.stringify([
  { name: 'nerd-agent', sha256: sha(NERD_KEY), scopes: ['kensho:app:nerd'] },
  { name: 'all-agent', sha256: sha(ALL_KEY), scopes: ['*'] },
]);
const KFINANCE_TOOLS = ['company_financials', 'company_prices', 'company_profile', 'earnings_call_transcripts', 'earnings_calls', 'resolve_companies'];

/** An MCP client of the SDK on the stack's /mcp, presenting `headers` on every request. */
async function connect(stack: Stack, headers: Record<string, string>): Promise<Client> {
  const client = new Client({ name: 'mcp-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${stack.url}/mcp`), { requestInit: { headers } }));
  return client;
}

async function toolNames(client: Client): Promise<string[]> {
  return (await client.listTools()).tools.map((t) => t.name).sort();
}

async function call(client: Client, name: string, args: Record<string, unknown>): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

/** The structured content of a tool error: its first error's code, and the rest. */
function toolError(result: CallToolResult): { code: string; retryAfterSeconds?: number; requestId: string } {
  expect(result.isError).toBe(true);
  const structured = result.structuredContent as { error: { code: string; retryAfterSeconds?: number; requestId: string } };
  // The text carries the same JSON, for clients that read only text.
  expect(JSON.parse((result.content[0] as { text: string }).text)).toEqual(structured);
  return structured.error;
}

describe('MCP over Streamable HTTP on /mcp', () => {
  let stack: Stack;
  /** Every request the gateway sent upstream (Okta included): URL, headers and body. */
  const sent: TransportRequest[] = [];
  const watch = (transport: Transport): Transport => (req) => {
    sent.push(req);
    return transport(req);
  };
  beforeAll(async () => {
    stack = await startStack({
      clientScopes: ['kensho:app:nerd', 'kensho:app:kfinance'],
      wrapTransport: watch,
      // ALLOWED_HOSTS: the host check stands in front of /mcp as of /graphql.
      env: { AUTH_MODE: 'api-key', API_KEYS, UPSTREAM_RETRY_ATTEMPTS: '1', ALLOWED_HOSTS: '127.0.0.1,localhost', CORS_ORIGINS: 'https://agent.example' },
    });
    stack.secrets.push(NERD_KEY, ALL_KEY);
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('lists to a NERD-only key only the NERD tools, with their scopes and read-only annotations', async () => {
    const client = await connect(stack, { 'x-api-key': NERD_KEY });
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(['annotate_text']);
    const [tool] = tools;
    expect(tool!._meta).toEqual({ 'kensho-gateway/scopes': ['kensho:app:nerd'] });
    expect(tool!.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false });
    expect(tool!.inputSchema).toMatchObject({ type: 'object', required: ['text'] });
    // The caller holding every scope sees every app's tools (the mutations stay off by default).
    const all = await connect(stack, { 'x-api-key': ALL_KEY });
    const names = await toolNames(all);
    expect(names).toEqual(expect.arrayContaining(['annotate_text', 'link_companies', 'skykit_devices', 'transcript', ...KFINANCE_TOOLS]));
    expect(names).not.toContain('update_skykit_device');
    await Promise.all([client.close(), all.close()]);
  });

  it('answers a tool call through the pipeline with one Okta token, for NERD alone, never sending the caller key upstream', async () => {
    const client = await connect(stack, { 'x-api-key': NERD_KEY });
    stack.sim.counters.reset();
    sent.length = 0;
    const result = await call(client, 'annotate_text', { text: 'Apple and Microsoft reported results.', knowledgeBases: ['CAPIQ'] });
    expect(result.isError).toBeFalsy();
    const data = (result.structuredContent as { data: { annotateText: Array<{ annotations: Array<{ text: string }> }> } }).data;
    expect(data.annotateText[0]!.annotations.map((a) => a.text)).toEqual(['Apple', 'Microsoft']);
    expect(stack.sim.counters.tokenRequests()).toBe(1);
    expect(stack.sim.counters.tokenRequests('kensho:app:nerd')).toBe(1);
    // The agent's credential never reaches an upstream: not in a header, a URL or a body.
    expect(sent.length).toBeGreaterThan(0);
    for (const req of sent) expect(JSON.stringify([req.url, req.headers, typeof req.body === 'string' ? req.body : ''])).not.toContain(NERD_KEY);
    // The operation has its log line, marked as the caller's and as an MCP call.
    expect(stack.logs.some((line) => line.includes('"caller":"nerd-agent"') && line.includes('AnnotateText') && line.includes('"transport":"mcp"'))).toBe(true);
    await client.close();
  });

  it('refuses a tool outside the caller scopes as a tool error FORBIDDEN, before any upstream call', async () => {
    const client = await connect(stack, { 'x-api-key': NERD_KEY });
    stack.sim.counters.reset();
    const error = toolError(await call(client, 'resolve_companies', { identifiers: ['AAPL'] }));
    expect(error.code).toBe('FORBIDDEN');
    expect(stack.sim.counters.log()).toHaveLength(0);
    await client.close();
  });

  it('answers an upstream failure as a tool error with its code', async () => {
    const client = await connect(stack, { 'x-api-key': NERD_KEY });
    stack.sim.inject({ target: 'nerd', status: 503, times: 5 });
    try {
      const error = toolError(await call(client, 'annotate_text', { text: 'Apple reported results.' }));
      expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
      expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      stack.sim.clearFaults();
    }
    await client.close();
  });

  it('refuses input the variables do not accept as BAD_USER_INPUT, and an unknown tool as a protocol error', async () => {
    const client = await connect(stack, { 'x-api-key': NERD_KEY });
    expect(toolError(await call(client, 'annotate_text', { text: 42 })).code).toBe('BAD_USER_INPUT');
    await expect(call(client, 'no_such_tool', {})).rejects.toThrow(/Unknown tool/);
    await client.close();
  });

  it('answers 401 without a key (Bearer challenge), refuses another Host (421) and a foreign Origin (403), and serves POST only', async () => {
    const init = { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }) };
    const anonymous = await fetch(`${stack.url}/mcp`, init);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
    expect(((await anonymous.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
    const origin = await fetch(`${stack.url}/mcp`, { ...init, headers: { ...init.headers, 'x-api-key': NERD_KEY, origin: 'https://evil.example' } });
    expect(origin.status).toBe(403);
    // A browser client of CORS_ORIGINS gets its preflight answered, and may call.
    const preflight = await fetch(`${stack.url}/mcp`, { method: 'OPTIONS', headers: { origin: 'https://agent.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, mcp-protocol-version' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/mcp-protocol-version/);
    const allowed = await fetch(`${stack.url}/mcp`, { ...init, headers: { ...init.headers, 'x-api-key': NERD_KEY, origin: 'https://agent.example' } });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://agent.example');
    // A page of the gateway's own origin may (its Host passed the host check).
    const own = await fetch(`${stack.url}/mcp`, { ...init, headers: { ...init.headers, 'x-api-key': NERD_KEY, origin: new URL(stack.url).origin } });
    expect(own.status).toBe(200);
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${stack.url}/mcp`, { method: 'POST', headers: { host: 'rebound.example:80', 'content-type': 'application/json' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end(init.body);
    });
    expect(status).toBe(421);
    const get = await fetch(`${stack.url}/mcp`, { headers: { 'x-api-key': NERD_KEY, accept: 'text/event-stream' } });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    // With API keys there is no authorization server to publish.
    expect((await fetch(`${stack.url}/.well-known/oauth-protected-resource`)).status).toBe(404);
  });

  it('leaks no secret into the logs or the answers of /mcp', async () => {
    const client = await connect(stack, { authorization: `Bearer ${ALL_KEY}` });
    const answers = [JSON.stringify(await client.listTools()), JSON.stringify(await call(client, 'resolve_companies', { identifiers: ['AAPL'] })), JSON.stringify(await call(client, 'annotate_text', { text: 'Apple' }))];
    await client.close();
    expect(findLeaks(answers.join('\n'), stack.secrets)).toEqual([]);
    expect(findLeaks(stack.logs.join('\n'), stack.secrets)).toEqual([]);
  });
});

describe('MCP tools and the kFinance account', () => {
  it('hides the tools whose entitlement the account lacks, and shows them once it holds it', async () => {
    const stack = await startStack({ clientScopes: ['kensho:app:nerd', 'kensho:app:kfinance'], simulator: { kfinanceWithheldPermissions: { '*': ['PricingPermission', 'TranscriptsPermission'] } }, env: { KFINANCE_LIST_CACHE_TTL_SECONDS: '0' } });
    try {
      const client = await connect(stack, {});
      const withheld = await toolNames(client);
      expect(withheld).toEqual(expect.arrayContaining(['company_financials', 'company_profile', 'earnings_calls', 'resolve_companies']));
      expect(withheld).not.toContain('company_prices');
      expect(withheld).not.toContain('earnings_call_transcripts');
      // The account is granted them again: the next list reads the entitlements afresh (no cache here).
      stack.sim.knobs.kfinanceWithheldPermissions = {};
      const before = stack.sim.counters.calls('kfinance.permissions');
      const granted = await toolNames(client);
      expect(stack.sim.counters.calls('kfinance.permissions')).toBeGreaterThan(before);
      expect(granted).toEqual(expect.arrayContaining(KFINANCE_TOOLS));
      await client.close();
    } finally {
      await stack.close();
    }
  });
});

describe('MCP tool calls and the caller limits', () => {
  it('holds a tool call to MCP_TOOL_MAX_UPSTREAM_CALLS, and an agent looping on a tool to the caller rate limit', async () => {
    const clock = manualClock();
    const stack = await startStack({
      clock,
      clientScopes: ['kensho:app:nerd', 'kensho:app:kfinance'],
      env: { AUTH_MODE: 'api-key', API_KEYS, RATE_LIMIT_PER_MINUTE: '6', RATE_LIMIT_BURST: '3', MCP_TOOL_MAX_UPSTREAM_CALLS: '2' },
    });
    try {
      const client = await connect(stack, { 'x-api-key': ALL_KEY });
      stack.sim.counters.reset();
      // The company, its earnings calls and the account's entitlements: three calls, over the tool's two.
      const budget = toolError(await call(client, 'earnings_calls', { id: '24937' }));
      expect(budget.code).toBe('TOO_MANY_UPSTREAM_CALLS');
      expect(stack.sim.counters.log().filter((c) => c.endpoint.startsWith('kfinance'))).toHaveLength(0);
      expect((await call(client, 'annotate_text', { text: 'Apple' })).isError).toBeFalsy();
      expect((await call(client, 'annotate_text', { text: 'Apple' })).isError).toBeFalsy();
      const limited = toolError(await call(client, 'annotate_text', { text: 'Apple' }));
      // 6 a minute: one token every 10 s; tools/list spends none.
      expect(limited).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 10 });
      await clock.advance(10_000);
      expect((await call(client, 'annotate_text', { text: 'Apple' })).isError).toBeFalsy();
      await client.close();
    } finally {
      await stack.close();
    }
  });
});

describe('every shipped tool against the simulator', () => {
  it('answers each tool without an error, the mutations too where MCP_ALLOW_MUTATIONS allows them', async () => {
    const stack = await startStack({ clientScopes: ['kensho:app:nerd', 'kensho:app:kfinance', 'kensho:app:link', 'kensho:app:scribe'], env: { MCP_ALLOW_MUTATIONS: 'true' } });
    try {
      const client = await connect(stack, {});
      const { tools } = await client.listTools();
      const job = await stack.gql<{ submitTranscriptionFromUrl: { id: string } }>('mutation($u: String!) { submitTranscriptionFromUrl(mediaUrl: $u) { id } }', { u: 'https://media.invalid/nothing.wav' });
      const devices = (await call(client, 'skykit_devices', { first: 2 })).structuredContent as { data: { skykitDevices: { edges: Array<{ node: { id: string; serialNumber: string } }> } } };
      const device = devices.data.skykitDevices.edges[0]!.node;
      const args: Record<string, Record<string, unknown>> = {
        annotate_text: { text: 'Apple and Microsoft reported results.', knowledgeBases: ['CAPIQ', 'WIKIMEDIA'] },
        resolve_companies: { identifiers: ['AAPL', 'MSFT'] },
        company_profile: { id: '24937' },
        company_financials: { id: '24937', type: 'INCOME_STATEMENT', period: { numPeriods: 2 } },
        company_prices: { id: '24937', from: '2024-01-02', to: '2024-01-12', periodicity: 'DAY' },
        earnings_calls: { id: '24937' },
        earnings_call_transcripts: { id: '24937' },
        link_companies: { records: [{ uid: 'r1', name: 'Apple Inc.', countryIso3: 'USA' }], topN: 2 },
        transcription_status: { id: job.data!.submitTranscriptionFromUrl.id },
        transcript: { id: job.data!.submitTranscriptionFromUrl.id },
        skykit_devices: { first: 2 },
        skykit_device: { serialNumber: device.serialNumber },
        skykit_tenants: { first: 2 },
        update_skykit_device: { input: { id: device.id, timezone: 'Europe/Zurich' } },
        change_skykit_content: { input: { deviceId: device.id, contentName: CONTENTS[0]!.name } },
      };
      expect(tools.map((t) => t.name).sort()).toEqual(Object.keys(args).sort());
      expect(tools.find((t) => t.name === 'update_skykit_device')!.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true });
      const failures: Array<{ tool: string; result: unknown }> = [];
      for (const tool of tools) {
        const result = await call(client, tool.name, args[tool.name]!);
        const structured = result.structuredContent as { data?: unknown; errors?: unknown };
        if (result.isError || structured.errors || !structured.data) failures.push({ tool: tool.name, result: structured });
      }
      expect(failures).toEqual([]);
      await client.close();
    } finally {
      await stack.close();
    }
  });
});

describe('MCP answers cite their sources', () => {
  it("carries the answer's provenance: age 0 when fetched, more on a repeat the cache answers without calling kFinance", async () => {
    const clock = manualClock();
    const stack = await startStack({ clock, clientScopes: ['kensho:app:nerd', 'kensho:app:kfinance'] });
    try {
      const client = await connect(stack, {});
      const kfinanceCalls = () => stack.sim.counters.log().filter((c) => c.endpoint.startsWith('kfinance.')).length;
      type Cited = { data: { company: { name: string } }; provenance: Array<{ app: string; endpoint: string; fetchedAt: string; ageSeconds: number }> };
      const first = (await call(client, 'company_profile', { id: '24937' })).structuredContent as Cited;
      expect(first.data.company.name).toBe('Apple Inc.');
      expect(first.provenance.length).toBeGreaterThan(0);
      for (const entry of first.provenance) expect(entry).toMatchObject({ app: 'kfinance', endpoint: expect.stringMatching(/^kfinance\./), fetchedAt: new Date(clock.now()).toISOString(), ageSeconds: 0 });
      const calls = kfinanceCalls();
      expect(calls).toBeGreaterThan(0);
      await clock.advance(30_000);
      const again = await call(client, 'company_profile', { id: '24937' });
      const repeat = again.structuredContent as Cited;
      expect(repeat.data).toEqual(first.data);
      expect(repeat.provenance.map((e) => e.endpoint)).toEqual(first.provenance.map((e) => e.endpoint));
      for (const entry of repeat.provenance) expect(entry.ageSeconds).toBeGreaterThan(0);
      expect(kfinanceCalls()).toBe(calls);
      // The text content carries the same citations.
      expect(JSON.parse((again.content[0] as { text: string }).text).provenance).toEqual(repeat.provenance);
      await client.close();
    } finally {
      await stack.close();
    }
  });
});

describe('MCP with JWT callers (OAuth protected resource)', () => {
  it('publishes the protected-resource metadata and names it on 401, and lists by the token scopes', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const dir = mkdtempSync(join(tmpdir(), 'gw-mcp-jwks-'));
    const file = join(dir, 'jwks.json');
    writeFileSync(file, JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' }] }));
    const upstream: TransportRequest[] = [];
    const stack = await startStack({
      env: { AUTH_MODE: 'jwt', AUTH_JWKS_FILE: file, AUTH_JWT_ISSUER: 'https://idp.example.com/', AUTH_JWT_AUDIENCE: 'kensho-gateway' },
      wrapTransport: (transport) => (req) => {
        upstream.push(req);
        return transport(req);
      },
    });
    try {
      const host = new URL(stack.url).host;
      const refused = await fetch(`${stack.url}/mcp`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toBe(`Bearer resource_metadata="http://${host}/.well-known/oauth-protected-resource/mcp"`);
      for (const path of ['/.well-known/oauth-protected-resource/mcp', '/.well-known/oauth-protected-resource']) {
        const metadata = (await (await fetch(`${stack.url}${path}`)).json()) as Record<string, unknown>;
        expect(metadata).toMatchObject({ resource: `http://${host}/mcp`, authorization_servers: ['https://idp.example.com/'], bearer_methods_supported: ['header'] });
        expect(metadata.scopes_supported).toEqual(expect.arrayContaining(['kensho:app:nerd', 'kensho:app:kfinance', 'skykit']));
      }
      const now = Math.floor(Date.now() / 1000);
      const token = await new SignJWT({ scope: 'kensho:app:nerd' }).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).setIssuer('https://idp.example.com/').setAudience('kensho-gateway').setSubject('agent').setIssuedAt(now).setExpirationTime(now + 300).sign(privateKey);
      const client = await connect(stack, { authorization: `Bearer ${token}` });
      expect(await toolNames(client)).toEqual(['annotate_text']);
      const result = await call(client, 'annotate_text', { text: 'Apple' });
      expect(result.isError).toBeFalsy();
      expect(JSON.stringify(result)).not.toContain(token);
      // The caller's JWT stops at the gateway: no upstream request (Okta's included) carries it.
      expect(upstream.length).toBeGreaterThan(0);
      for (const req of upstream) expect(JSON.stringify([req.url, req.headers, typeof req.body === 'string' ? req.body : ''])).not.toContain(token.split('.')[2]);
      await client.close();
    } finally {
      await stack.close();
    }
  });
});

describe('MCP tools beside trusted documents', () => {
  let stack: Stack;
  beforeAll(async () => {
    // A manifest that holds none of the tools' documents: the tools are the gateway's own.
    const dir = mkdtempSync(join(tmpdir(), 'gw-mcp-trusted-'));
    const body = 'query Version { gateway { version } }';
    const manifest = join(dir, 'manifest.json');
    writeFileSync(manifest, JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations: [{ id: sha(body), name: 'Version', type: 'query', body }] }));
    stack = await startStack({ env: { AUTH_MODE: 'api-key', API_KEYS, TRUSTED_DOCUMENTS: 'require', TRUSTED_DOCUMENTS_MANIFEST: manifest } });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('answers a tool call with TRUSTED_DOCUMENTS=require, which refuses the same text sent to /graphql', async () => {
    const text = 'Kensho works with Apple in Cambridge.';
    const client = await connect(stack, { 'x-api-key': NERD_KEY });
    const result = await call(client, 'annotate_text', { text });
    expect(result.isError).toBeFalsy();
    expect(JSON.stringify(result.structuredContent)).toContain('Apple');
    // The caller cannot send that operation itself: free text is refused before parsing.
    const refused = await stack.gql(`{ annotateText(text: ${JSON.stringify(text)}) { knowledgeBase } }`, undefined, { 'x-api-key': NERD_KEY });
    expect(refused.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_ID_REQUIRED');
  });
});
