import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { variablesSchema } from '../../src/mcp/json-schema.js';

const SCHEMA = buildSchema(/* GraphQL */ `
  "An exact decimal, as a string."
  scalar Decimal
  "Any JSON value."
  scalar JSON
  scalar Date
  "How often."
  enum Periodicity {
    "Every day."
    DAY
    WEEK
  }
  "Where to look."
  input Place {
    "The city."
    city: String!
    zip: String
    kind: Periodicity = DAY
    near: Place
  }
  type Query {
    find(text: String!, count: Int, ratio: Float, flag: Boolean, id: ID, places: [Place!]!, tags: [String], every: Periodicity, amount: Decimal, raw: JSON, on: Date): String
  }
`);

function schemaOf(operation: string, descriptions: Record<string, string> = {}) {
  const definition = parse(operation).definitions[0] as OperationDefinitionNode;
  return variablesSchema(SCHEMA, definition.variableDefinitions ?? [], descriptions);
}

describe('variablesSchema: GraphQL variables to JSON Schema', () => {
  it('makes a non-null variable without a default required, and a nullable one accept null', () => {
    const schema = schemaOf('query ($text: String!, $count: Int, $ratio: Float = 0.5, $flag: Boolean!, $id: ID) { find(text: $text) }');
    expect(schema.required).toEqual(['text', 'flag']);
    expect(schema.additionalProperties).toBe(false);
    const properties = schema.properties as Record<string, unknown>;
    expect(properties.text).toEqual({ type: 'string' });
    expect(properties.flag).toEqual({ type: 'boolean' });
    expect(properties.count).toEqual({ anyOf: [{ type: 'integer', minimum: -2147483648, maximum: 2147483647 }, { type: 'null' }] });
    expect(properties.ratio).toEqual({ anyOf: [{ type: 'number' }, { type: 'null' }], default: 0.5 });
    expect(properties.id).toEqual({ anyOf: [{ type: 'string' }, { type: 'null' }] });
  });

  it('gives enums their values and the values descriptions', () => {
    const properties = schemaOf('query ($every: Periodicity!) { find(text: "") }').properties as Record<string, unknown>;
    expect(properties.every).toEqual({ type: 'string', enum: ['DAY', 'WEEK'], description: 'How often.\nDAY: Every day.' });
  });

  it('turns lists into arrays, keeping the items nullability', () => {
    const properties = schemaOf('query ($tags: [String], $strict: [String!]!) { find(text: "") }').properties as Record<string, unknown>;
    expect(properties.tags).toEqual({ anyOf: [{ type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'null' }] } }, { type: 'null' }] });
    expect(properties.strict).toEqual({ type: 'array', items: { type: 'string' } });
  });

  it('turns input objects into objects with their required fields, defaults and descriptions, a recursive one left open', () => {
    const properties = schemaOf('query ($place: Place!) { find(text: "") }').properties as Record<string, { properties: Record<string, unknown>; required: string[]; description: string }>;
    const place = properties.place!;
    expect(place.description).toBe('Where to look.');
    expect(place.required).toEqual(['city']);
    expect(place.properties.city).toEqual({ type: 'string', description: 'The city.' });
    expect(place.properties.kind).toMatchObject({ default: 'DAY' });
    expect(place.properties.near).toEqual({ anyOf: [{ type: 'object', description: 'Where to look.' }, { type: 'null' }], description: 'Where to look.' });
  });

  it('describes custom scalars: the gateway own as strings of a format, others as any JSON with their description', () => {
    const properties = schemaOf('query ($amount: Decimal!, $raw: JSON!, $on: Date!) { find(text: "") }').properties as Record<string, unknown>;
    expect(properties.amount).toEqual({ type: 'string', pattern: '^-?\\d+(\\.\\d+)?$', description: 'An exact decimal, as a string.' });
    expect(properties.raw).toEqual({ description: 'Any JSON value.' });
    expect(properties.on).toEqual({ type: 'string', format: 'date' });
  });

  it('carries the descriptions of the arguments the variables feed', () => {
    const properties = schemaOf('query ($text: String!) { find(text: $text) }', { text: 'What to find.' }).properties as Record<string, unknown>;
    expect(properties.text).toEqual({ type: 'string', description: 'What to find.' });
  });
});
