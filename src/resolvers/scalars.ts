import { GraphQLError, GraphQLScalarType, Kind, valueFromASTUntyped } from 'graphql';

/** ISO-8601 date-times; upstream values are normalised to ISO before they reach this scalar. */
export const DateTimeScalar = new GraphQLScalarType<string | null, string>({
  name: 'DateTime',
  serialize(value) {
    const date = value instanceof Date ? value : new Date(String(value));
    if (Number.isNaN(date.getTime())) throw new GraphQLError('DateTime cannot represent an invalid date');
    return date.toISOString();
  },
  parseValue(value) {
    const date = new Date(String(value));
    if (typeof value !== 'string' || Number.isNaN(date.getTime())) throw new GraphQLError('DateTime must be an ISO-8601 string');
    return date.toISOString();
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING || Number.isNaN(new Date(ast.value).getTime())) throw new GraphQLError('DateTime must be an ISO-8601 string');
    return new Date(ast.value).toISOString();
  },
});

/** Deepest nesting a JSON input may have (Skykit's hours of operation need a few levels). */
export const MAX_JSON_INPUT_DEPTH = 32;

/**
 * Any JSON value, passed through as is (written here: a dozen lines, not worth a dependency).
 * Inputs deeper than MAX_JSON_INPUT_DEPTH are refused as BAD_USER_INPUT: a variable nested
 * 10 000 levels deep would otherwise overflow the stack when it is serialised upstream.
 */
export const JSONScalar = new GraphQLScalarType<unknown, unknown>({
  name: 'JSON',
  serialize: (value) => value,
  parseValue: (value) => withinDepth(value),
  parseLiteral: (ast, variables) => withinDepth(valueFromASTUntyped(ast, variables)),
});

/** Returns `value` when it nests at most MAX_JSON_INPUT_DEPTH levels; iterative, linear in its size. */
function withinDepth(value: unknown): unknown {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= MAX_JSON_INPUT_DEPTH) throw new GraphQLError(`JSON input is nested more than ${MAX_JSON_INPUT_DEPTH} levels deep`);
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return value;
}
