import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UPSTREAM_APPS } from '../../src/apps/registry.js';
import { KFINANCE_FIELD_ENTITLEMENTS } from '../../src/apps/kfinance/entitlements.js';
import { loadConfig } from '../../src/config/load.js';
import { createGateway } from '../../src/gateway.js';
import { createLogger } from '../../src/logger.js';
import { createToolCatalog, type Tool } from '../../src/mcp/catalog.js';

const gateway = createGateway(loadConfig({ NODE_ENV: 'test' }), { logger: createLogger('silent') });
const { schema } = gateway;
const all = createToolCatalog(schema, { toolsDir: undefined, allowMutations: true });

function toolsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'gw-mcp-tools-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('the shipped MCP tools', () => {
  it('covers every app but Extract (uploads are not for agents), each tool in its app folder', () => {
    const apps = new Set(all.tools.map((t) => t.app));
    expect([...apps].sort()).toEqual(UPSTREAM_APPS.map((a) => a.key).filter((k) => k !== 'extract').sort());
    for (const tool of all.tools) expect(tool.path).toContain(`/src/apps/${tool.app}/tools/${tool.name}.graphql`);
  });

  it('derives each tool scopes from the @upstream fields it reads: one app per shipped tool', () => {
    for (const tool of all.tools) {
      const app = UPSTREAM_APPS.find((a) => a.key === tool.app)!;
      expect({ tool: tool.name, scopes: tool.scopes }).toEqual({ tool: tool.name, scopes: [app.scope || app.key] });
    }
  });

  it('are the tools docs/mcp.md lists, with the same scopes and kinds', () => {
    const doc = readFileSync(new URL('../../docs/mcp.md', import.meta.url), 'utf8');
    const rows = [...doc.matchAll(/^\| `([a-z_]+)` \| (\w+) \| (query|mutation)[^|]* \| ([^|]+) \|/gm)].map((m) => ({ name: m[1], app: m[2], kind: m[3], scopes: [...m[4]!.matchAll(/`([^`]+)`/g)].map((s) => s[1]) }));
    const registry = all.tools.map((t: Tool) => ({ name: t.name, app: t.app, kind: t.mutation ? 'mutation' : 'query', scopes: [...t.scopes] }));
    const byName = (a: { name?: string }, b: { name?: string }) => String(a.name).localeCompare(String(b.name));
    expect(rows.sort(byName)).toEqual(registry.sort(byName));
  });

  it('offers mutations only with MCP_ALLOW_MUTATIONS, annotated as destructive', () => {
    const safe = createToolCatalog(schema, { toolsDir: undefined, allowMutations: false });
    expect(safe.tools.filter((t) => t.mutation)).toEqual([]);
    expect(safe.get('update_skykit_device')).toBeUndefined();
    const mutation = all.get('update_skykit_device')!;
    expect(mutation.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true });
    expect(gateway.tools.get('update_skykit_device')).toBeUndefined();
  });

  it('reads the entitlements kFinance fields need, as the schema descriptions name them', () => {
    expect(all.get('company_prices')!.entitlements.get('kfinance')).toEqual([['PricingPermission']]);
    expect(all.get('company_profile')!.entitlements.size).toBe(0);
    // Every field the table names says so in its description, and no description names one the table lacks.
    const described = new Map<string, string[]>();
    for (const type of Object.values(schema.getTypeMap())) {
      if (!('getFields' in type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        const names = [...(field.description ?? '').matchAll(/needs ([A-Za-z]+Permission(?: or [A-Za-z]+Permission)*)/g)].flatMap((m) => m[1]!.split(' or '));
        if (names.length) described.set(`${type.name}.${field.name}`, names);
      }
    }
    for (const [coordinate, anyOf] of Object.entries(KFINANCE_FIELD_ENTITLEMENTS)) {
      if (described.has(coordinate)) expect({ coordinate, anyOf: [...anyOf].sort() }).toEqual({ coordinate, anyOf: described.get(coordinate)!.sort() });
    }
    expect([...described.keys()].filter((c) => !(c in KFINANCE_FIELD_ENTITLEMENTS))).toEqual([]);
  });

  it('describes the input from the variables and the arguments they feed', () => {
    const tool = all.get('company_financials')!;
    expect(tool.inputSchema).toMatchObject({ type: 'object', required: ['id', 'type'], properties: { type: { type: 'string', enum: ['INCOME_STATEMENT', 'BALANCE_SHEET', 'CASH_FLOW'] } } });
    expect(tool.description).toMatch(/^A company's financial statement/);
  });
});

describe('tool files from MCP_TOOLS_DIR', () => {
  it('adds a deployment own operation as a tool, with its scopes', () => {
    const dir = toolsDir({ 'apple_then_nerd.graphql': '# The companies a text names, with their kFinance facts.\nquery AppleThenNerd($text: String!) { annotateText(text: $text) { annotations { entity { company { name } } } } }\n' });
    const tool = createToolCatalog(schema, { toolsDir: dir, allowMutations: false }).get('apple_then_nerd')!;
    expect(tool.app).toBeUndefined();
    expect(tool.scopes).toEqual(['kensho:app:kfinance', 'kensho:app:nerd']);
  });

  it.each([
    ['bad_field.graphql', '# Reads a field that does not exist.\nquery Bad { noSuchField }\n', /MCP tool .*bad_field\.graphql: does not validate against the schema: Cannot query field "noSuchField"/],
    ['undescribed.graphql', 'query Undescribed { gateway { version } }\n', /has no description/],
    ['two.graphql', '# Two.\nquery A { gateway { version } }\nquery B { gateway { version } }\n', /holds 2 operations/],
    ['sub.graphql', '# A subscription.\nsubscription S { extractionUpdates(id: "1") { id } }\n', /a subscription cannot be a tool/],
    ['Bad Name.graphql', '# Bad name.\nquery A { gateway { version } }\n', /the file name must be the tool's name/],
    ['annotate_text.graphql', '# Shadows a shipped tool.\nquery A { gateway { version } }\n', /"annotate_text" is already taken/],
    ['broken.graphql', '# Not GraphQL.\nquery {\n', /not a GraphQL document/],
  ])('refuses %s with one line', (name, text, message) => {
    const dir = toolsDir({ [name]: text });
    let error: Error | undefined;
    try {
      createToolCatalog(schema, { toolsDir: dir, allowMutations: false });
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toMatch(message);
    expect(error?.message.split('\n')).toHaveLength(1);
  });

  it('stops the gateway from being built with a bad tool', () => {
    const dir = toolsDir({ 'bad.graphql': '# Bad.\nquery Bad { noSuchField }\n' });
    expect(() => createGateway(loadConfig({ NODE_ENV: 'test', MCP_TOOLS_DIR: dir }), { logger: createLogger('silent') })).toThrow(/^MCP tool .*bad\.graphql: does not validate/);
  });

  it('refuses a per-tool budget above the operation budget', () => {
    expect(() => loadConfig({ MCP_TOOL_MAX_UPSTREAM_CALLS: '50', LIMIT_MAX_UPSTREAM_CALLS: '40' })).toThrow(/MCP_TOOL_MAX_UPSTREAM_CALLS: 50 is more than LIMIT_MAX_UPSTREAM_CALLS \(40\)/);
    expect(loadConfig({ LIMIT_MAX_UPSTREAM_CALLS: '5' }).mcp.toolMaxUpstreamCalls).toBe(5);
    expect(loadConfig({}).mcp.toolMaxUpstreamCalls).toBe(20);
  });
});
