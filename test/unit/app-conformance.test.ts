import { readFileSync, readdirSync } from 'node:fs';
import {
  execute,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  parse,
  type GraphQLArgument,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { ANONYMOUS } from '../../src/auth/inbound/caller.js';
import { CREDENTIAL_VARIABLES, loadConfig } from '../../src/config/load.js';
import { settingVariables } from '../../src/config/settings.js';
import { runDoctor } from '../../src/doctor/index.js';
import { createGateway } from '../../src/gateway.js';
import { createLogger } from '../../src/logger.js';
import { CALLER_SCOPES, UPSTREAM_APPS, appNames, appTokenVariables, maxUploadBytes } from '../../src/apps/registry.js';
import { listFieldUpstreams } from '../../src/schema/upstream-directive.js';
import { playgroundTabs } from '../../src/server/graphiql.js';

/**
 * One conformance test for every app of the registry, instead of tests that count the apps: an
 * app added to the registry is held to the same rules without editing a test.
 */
const gateway = createGateway(loadConfig({ NODE_ENV: 'test' }), { logger: createLogger('silent') });
const fields = listFieldUpstreams(gateway.schema);
/** Every `NAME` the docs mention (docs/configuration.md, or the app's own page it points to). */
const documented = new Set(
  readdirSync(new URL('../../docs/', import.meta.url))
    .filter((f) => f.endsWith('.md'))
    .flatMap((f) => [...readFileSync(new URL(`../../docs/${f}`, import.meta.url), 'utf8').matchAll(/`([A-Z][A-Z0-9_]{2,})`/g)].map((m) => m[1]!)),
);
const security = readFileSync(new URL('../../docs/security.md', import.meta.url), 'utf8');

/** A literal for a required argument: the smallest value its type accepts (no Upload: such fields are left out). */
function literal(type: GraphQLInputType, schema: GraphQLSchema): string | undefined {
  if (isNonNullType(type)) return literal(type.ofType, schema);
  if (isListType(type)) {
    const item = literal(type.ofType, schema);
    return item === undefined ? undefined : `[${item}]`;
  }
  if (isEnumType(type)) return type.getValues()[0]!.name;
  if (isInputObjectType(type)) {
    const parts: string[] = [];
    for (const field of Object.values(type.getFields())) {
      if (!isNonNullType(field.type) || field.defaultValue !== undefined) continue;
      const value = literal(field.type, schema);
      if (value === undefined) return undefined;
      parts.push(`${field.name}: ${value}`);
    }
    return `{ ${parts.join(', ')} }`;
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'Int':
      case 'Float':
        return '1';
      case 'Boolean':
        return 'true';
      case 'Upload':
        return undefined;
      default:
        return '"x1"';
    }
  }
  return undefined;
}

/** A root field of `app` callable with literal arguments, as an operation, or undefined. */
function operationFor(appKey: string): string | undefined {
  for (const [key, upstream] of fields) {
    const [typeName, fieldName] = key.split('.') as [string, string];
    if (upstream.app !== appKey || (typeName !== 'Query' && typeName !== 'Mutation')) continue;
    const field = gateway.schema.getType(typeName) && (gateway.schema.getType(typeName) as { getFields(): Record<string, { args: readonly GraphQLArgument[]; type: GraphQLInputType }> }).getFields()[fieldName]!;
    if (!field) continue;
    const args: string[] = [];
    let ok = true;
    for (const arg of field.args) {
      if (!isNonNullType(arg.type) || arg.defaultValue !== undefined) continue;
      const value = literal(arg.type, gateway.schema);
      if (value === undefined) ok = false;
      else args.push(`${arg.name}: ${value}`);
    }
    if (!ok) continue;
    const named = getNamedType(field.type);
    const selection = isScalarType(named) || isEnumType(named) ? '' : ' { __typename }';
    return `${typeName === 'Query' ? 'query' : 'mutation'} { ${fieldName}${args.length ? `(${args.join(', ')})` : ''}${selection} }`;
  }
  return undefined;
}

describe('the app registry', () => {
  it('has one definition per value of the public UpstreamApp enum, and no other', () => {
    const type = gateway.schema.getType('UpstreamApp');
    const values = isEnumType(type) ? type.getValues().map((v) => v.name) : [];
    expect(UPSTREAM_APPS.map((app) => app.enumValue).sort()).toEqual([...values].sort());
  });
});

describe.each(UPSTREAM_APPS.map((app) => [app.key, app] as const))('app %s', (key, app) => {
  it('has a distinct key and enum value, a name and a not-configured hint', () => {
    expect(UPSTREAM_APPS.filter((a) => a.key === key || a.enumValue === app.enumValue)).toHaveLength(1);
    expect(app.name).not.toBe('');
    expect(app.hint).toMatch(/^set /);
    expect(app.settings.key).toBe(key);
  });

  it('is a value of the public UpstreamApp enum', () => {
    const type = gateway.schema.getType('UpstreamApp');
    expect(isEnumType(type) ? type.getValues().map((v) => v.name) : []).toContain(app.enumValue);
  });

  it('serves fields from its own schema file, each with its scope', () => {
    const own = [...fields.values()].filter((u) => u.app === key);
    expect(own.length).toBeGreaterThan(0);
    for (const upstream of own) expect(upstream.scope).toBe(app.scope);
    expect(readFileSync(app.schema, 'utf8')).toContain(`@upstream(app: ${app.enumValue}`);
  });

  it('answers UPSTREAM_NOT_CONFIGURED, naming itself, without a credential', async () => {
    const query = operationFor(key);
    expect(query, 'a root field callable with literal arguments').toBeDefined();
    const result = await execute({ schema: gateway.schema, document: parse(query!), contextValue: gateway.createContext('conformance', ANONYMOUS) });
    const errors = (result.errors ?? []).map((e) => gateway.formatError(e.toJSON(), e));
    expect(errors.map((e) => [e.extensions?.code, e.extensions?.upstream])).toEqual([['UPSTREAM_NOT_CONFIGURED', key]]);
    expect(errors[0]!.message).toContain(app.hint);
  });

  it('grants a caller scope of its own, and docs/security.md names it', () => {
    const scope = app.scope || key;
    expect(CALLER_SCOPES).toContain(scope);
    const paragraph = /\*\*What a caller may use\.\*\*[\s\S]*?(?=\n- \*\*)/.exec(security)?.[0] ?? '';
    expect(paragraph).toContain(`\`${scope}\``);
  });

  it('takes a credential the start-up check knows (its own tokens for a Kensho app)', () => {
    if (app.scope !== '') expect(CREDENTIAL_VARIABLES).toEqual(expect.arrayContaining(Object.values(appTokenVariables(key))));
    else expect(app.credential).toBeDefined();
  });

  it('reads its settings from its table, each documented in docs/', () => {
    const variables = settingVariables(app.settings.table);
    expect(variables).toContain(app.settings.table.url.variable);
    expect(variables.filter((v) => !documented.has(v))).toEqual([]);
    const values = loadConfig({}).apps[key]!;
    for (const [name, setting] of Object.entries(app.settings.table)) {
      expect(values[name], name).toBe(setting.kind === 'int' ? setting.default * (setting.scale ?? 1) : setting.default);
    }
  });

  it('has doctor rows: credential and token, then its base URL when it has a probe', async () => {
    const report = await runDoctor({ env: { NODE_ENV: 'test' }, version: 'test' });
    const ids = report.checks.filter((c) => c.app === key).map((c) => c.id);
    expect(ids.slice(0, 1)).toEqual([`${key}.credential`]);
    expect(ids).toContain(`${key}.token`);
    if (app.doctor.probe) expect(ids).toContain(`${key}.base-url`);
    expect(report.checks.find((c) => c.id === `${key}.credential`)?.summary).toContain('not configured');
  });

  it('is named where the product describes itself (the CLI help)', () => {
    expect(appNames()).toContain(app.name);
  });

  it('has a playground tab that names one of its fields, and its upload cap counts', () => {
    if (app.playground) {
      const tab = readFileSync(app.playground, 'utf8');
      expect(playgroundTabs().some((t) => t.endsWith(tab))).toBe(true);
    }
    if ('maxUploadBytes' in app && app.maxUploadBytes) expect(maxUploadBytes(loadConfig({}))).toBeGreaterThanOrEqual(app.maxUploadBytes(loadConfig({})));
  });
});
