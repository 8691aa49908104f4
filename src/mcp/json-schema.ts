import {
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLScalarType,
  isSpecifiedScalarType,
  typeFromAST,
  valueFromAST,
  type GraphQLInputType,
  type GraphQLSchema,
  type VariableDefinitionNode,
} from 'graphql';

/** A JSON Schema (draft 2020-12, what MCP tools' `inputSchema` holds), as plain data. */
export type JsonSchema = { readonly [key: string]: unknown };

/**
 * What the built-in and custom scalars accept, as JSON Schema. A custom scalar not listed is any
 * JSON value, described by its schema description (JSON, for example); the gateway's own scalars
 * are strings that graphql-js coerces (Date, DateTime, Decimal).
 */
const SCALARS: Readonly<Record<string, JsonSchema>> = {
  String: { type: 'string' },
  ID: { type: 'string' },
  Int: { type: 'integer', minimum: -2147483648, maximum: 2147483647 },
  Float: { type: 'number' },
  Boolean: { type: 'boolean' },
  Date: { type: 'string', format: 'date' },
  DateTime: { type: 'string', format: 'date-time' },
  // Exact decimals travel as strings so no digit is lost to a binary float.
  Decimal: { type: 'string', pattern: '^-?\\d+(\\.\\d+)?$' },
};

/**
 * The JSON Schema of an operation's variables: one property per variable, `required` for a
 * non-null variable without a default, defaults and descriptions carried over. Written by hand
 * because the libraries that turn GraphQL into JSON Schema convert whole schemas (every type),
 * not one operation's variables, and none we found reads custom scalars' descriptions.
 */
export function variablesSchema(schema: GraphQLSchema, variables: readonly VariableDefinitionNode[], descriptions: Readonly<Record<string, string>> = {}): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const definition of variables) {
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type) as GraphQLInputType | undefined;
    if (!type) throw new TypeError(`variable $${name} has an unknown type`);
    const property: Record<string, unknown> = { ...inputTypeSchema(type) };
    if (descriptions[name]) property.description = descriptions[name];
    if (definition.defaultValue) property.default = valueFromAST(definition.defaultValue, type);
    properties[name] = property;
    if (type instanceof GraphQLNonNull && !definition.defaultValue) required.push(name);
  }
  return { type: 'object', properties, ...(required.length ? { required } : {}), additionalProperties: false };
}

/** The JSON Schema of one GraphQL input type; a nullable type also accepts null. */
export function inputTypeSchema(type: GraphQLInputType, seen: ReadonlySet<string> = new Set()): JsonSchema {
  if (type instanceof GraphQLNonNull) return nonNullSchema(type.ofType, seen);
  const inner = nonNullSchema(type, seen);
  return { anyOf: [inner, { type: 'null' }], ...(typeof inner.description === 'string' ? { description: inner.description } : {}) };
}

function nonNullSchema(type: GraphQLInputType, seen: ReadonlySet<string>): JsonSchema {
  if (type instanceof GraphQLNonNull) return nonNullSchema(type.ofType, seen);
  if (type instanceof GraphQLList) return { type: 'array', items: inputTypeSchema(type.ofType, seen) };
  if (type instanceof GraphQLEnumType) {
    return described({ type: 'string', enum: type.getValues().map((v) => v.name) }, type.description, enumValueNotes(type));
  }
  // graphql-js's own scalars carry long generic descriptions: the JSON type says it all.
  if (type instanceof GraphQLScalarType) return described({ ...(SCALARS[type.name] ?? {}) }, isSpecifiedScalarType(type) ? undefined : type.description);
  return inputObjectSchema(type, seen);
}

/** An input object: its fields as properties; a recursive reference is left open (any object) rather than unrolled. */
function inputObjectSchema(type: GraphQLInputObjectType, seen: ReadonlySet<string>): JsonSchema {
  if (seen.has(type.name)) return described({ type: 'object' }, type.description);
  const inner = new Set(seen).add(type.name);
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const field of Object.values(type.getFields())) {
    const property: Record<string, unknown> = { ...inputTypeSchema(field.type, inner) };
    if (field.description) property.description = field.description;
    if (field.defaultValue !== undefined) property.default = field.defaultValue;
    properties[field.name] = property;
    if (field.type instanceof GraphQLNonNull && field.defaultValue === undefined) required.push(field.name);
  }
  return described({ type: 'object', properties, ...(required.length ? { required } : {}), additionalProperties: false }, type.description);
}

/** The enum values' own descriptions, one per line, for the model to choose between them. */
function enumValueNotes(type: GraphQLEnumType): string | undefined {
  const notes = type.getValues().filter((v) => v.description).map((v) => `${v.name}: ${v.description}`);
  return notes.length ? notes.join('\n') : undefined;
}

function described(schema: Record<string, unknown>, ...texts: Array<string | null | undefined>): JsonSchema {
  const text = texts.filter((t): t is string => Boolean(t)).join('\n');
  return text ? { ...schema, description: text } : schema;
}
