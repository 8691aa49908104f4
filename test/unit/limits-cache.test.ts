import { buildSchema, parse, type GraphQLError, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { checkLimits } from '../../src/graphql/limits.js';
import type { Config } from '../../src/config/types.js';

const schema = buildSchema(`
  type Item { name: String, children(first: Int = 3): [Item] }
  type Query { items(first: Int = 5): [Item] }
`);
const limits = { limits: { maxDepth: 5, maxComplexity: 30, maxAliases: 2, maxDirectives: 2, maxBodyBytes: 100_000, maxUpstreamCalls: 100 } } as unknown as Config;

function check(query: ReturnType<typeof parse>, variables: Record<string, unknown> = {}): string | undefined {
  const operation = query.definitions[0] as OperationDefinitionNode;
  try {
    checkLimits(schema, query, operation, variables, limits);
    return undefined;
  } catch (error) {
    return String((error as GraphQLError).extensions.code);
  }
}

describe('limits computed once per document', () => {
  it('keeps the cost per value of the `first` variables it read, so a reused document is still measured against its variables', () => {
    const doc = parse('query($n: Int) { items(first: $n) { name } }');
    expect(check(doc, { n: 2 })).toBeUndefined();
    expect(check(doc, { n: 40 })).toBe('QUERY_TOO_COMPLEX');
    expect(check(doc, { n: 2 })).toBeUndefined();
    expect(check(doc, { n: 40 })).toBe('QUERY_TOO_COMPLEX');
    // Not given: the argument's default (5 items).
    expect(check(doc, {})).toBeUndefined();
  });

  it('ignores variables the cost does not read, and takes declared defaults', () => {
    const doc = parse('query($n: Int = 40, $other: String) { items(first: $n) { name } }');
    expect(check(doc, { other: 'a' })).toBe('QUERY_TOO_COMPLEX');
    expect(check(doc, { other: 'b', n: 1 })).toBeUndefined();
    expect(check(doc, { other: 'c' })).toBe('QUERY_TOO_COMPLEX');
  });

  it('refuses the same too-deep or alias-heavy document every time', () => {
    const deep = parse('{ items { children { children { children { children { children { name } } } } } } }');
    expect(check(deep)).toBe('QUERY_TOO_DEEP');
    expect(check(deep)).toBe('QUERY_TOO_DEEP');
    const aliased = parse('{ a: items(first: 1) { name } b: items(first: 1) { name } c: items(first: 1) { name } }');
    expect(check(aliased)).toBe('TOO_MANY_ALIASES');
    expect(check(aliased)).toBe('TOO_MANY_ALIASES');
  });
});
