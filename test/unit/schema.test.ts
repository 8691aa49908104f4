import { isEnumType, isInputObjectType, isInterfaceType, isObjectType, isScalarType, isSpecifiedDirective, isSpecifiedScalarType, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { createGateway } from '../../src/gateway.js';
import { createLogger } from '../../src/logger.js';
import { listFieldUpstreams } from '../../src/schema/upstream-directive.js';

describe('schema scope metadata', () => {
  const gateway = createGateway(loadConfig({}), { logger: createLogger('silent') });
  const upstreams = listFieldUpstreams(gateway.schema);

  it('declares an upstream on every root field except the gateway facts, so none bypasses authorization', () => {
    for (const root of [gateway.schema.getQueryType()!, gateway.schema.getMutationType()!, gateway.schema.getSubscriptionType()!]) {
      for (const name of Object.keys(root.getFields())) {
        if (root.name === 'Query' && name === 'gateway') continue;
        expect(upstreams.has(`${root.name}.${name}`), `${root.name}.${name} has no @upstream`).toBe(true);
      }
    }
  });

  it('gives Kensho fields their app scope and Skykit fields none', () => {
    expect(upstreams.get('Query.annotateText')).toEqual({ app: 'nerd', scope: 'kensho:app:nerd' });
    expect(upstreams.get('Subscription.extractionUpdated')).toEqual({ app: 'extract', scope: 'kensho:app:extract' });
    // Nested fields that reach another upstream declare it too: entities of an Extract document come from NERD.
    expect(upstreams.get('ContentNode.entities')).toEqual({ app: 'nerd', scope: 'kensho:app:nerd' });
    expect(upstreams.get('ExtractedDocument.entities')).toEqual({ app: 'nerd', scope: 'kensho:app:nerd' });
    for (const [field, upstream] of upstreams) {
      if (upstream.app === 'skykit') expect(upstream.scope, field).toBe('');
      else expect(upstream.scope, field).toBe(`kensho:app:${upstream.app}`);
    }
  });
});

/**
 * Every public element of the schema that has no description, as `Type`, `Type.field`,
 * `Type.field(arg)`, `Enum.VALUE`, `Input.field` or `@directive(arg)`. Introspection types and
 * the built-in scalars and directives are the GraphQL spec's and are left out.
 */
function undescribed(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  const check = (description: string | null | undefined, name: string) => {
    if (!description?.trim()) missing.push(name);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || isSpecifiedScalarType(type)) continue;
    // A scalar's served description is checked against the SDL by the test below; here the SDL's counts.
    check(isScalarType(type) ? (type.astNode?.description?.value ?? type.description) : type.description, type.name);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        check(field.description, `${type.name}.${field.name}`);
        for (const arg of field.args) check(arg.description, `${type.name}.${field.name}(${arg.name})`);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) check(field.description, `${type.name}.${field.name}`);
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) check(value.description, `${type.name}.${value.name}`);
    }
  }
  for (const directive of schema.getDirectives()) {
    if (isSpecifiedDirective(directive)) continue;
    check(directive.description, `@${directive.name}`);
    for (const arg of directive.args) check(arg.description, `@${directive.name}(${arg.name})`);
  }
  return missing;
}

describe('schema descriptions', () => {
  const gateway = createGateway(loadConfig({}), { logger: createLogger('silent') });

  it('describes every type, field, argument, enum value, input field and directive (STYLE.md, principle 5)', () => {
    const missing = undescribed(gateway.schema);
    expect(missing, `${missing.length} schema elements have no description:\n${missing.join('\n')}`).toEqual([]);
  });

  // A scalar implemented in code (src/resolvers/scalars.ts, graphql-upload's GraphQLUpload) replaces
  // the SDL's description when the resolvers are attached; keepScalarDescriptions puts it back.
  it('serves the SDL description of every custom scalar', () => {
    const differing = Object.values(gateway.schema.getTypeMap())
      .filter((type) => isScalarType(type) && !isSpecifiedScalarType(type))
      .filter((type) => type.description !== type.astNode?.description?.value)
      .map((type) => type.name);
    expect(differing).toEqual([]);
  });
});
