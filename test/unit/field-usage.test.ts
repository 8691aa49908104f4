import { Kind, buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { operationFields, schemaFields } from '../../src/graphql/field-usage.js';

const schema = buildSchema(`
  interface Node { id: ID! }
  type User implements Node { id: ID! name: String friends: [User!]! }
  type Post implements Node { id: ID! title: String author: User }
  union Result = User | Post
  type Query { node(id: ID!): Node search: [Result!]! me: User }
  type Mutation { like(id: ID!): Post }
`);

function fieldsOf(source: string, operationName?: string): string[] {
  const document = parse(source);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (operationName === undefined || d.name?.value === operationName))!;
  const { fields } = schemaFields(schema);
  return operationFields(schema, document, operation).map((id) => `${fields[id]!.type}.${fields[id]!.field}`);
}

describe('the schema fields an operation selects', () => {
  it('numbers every object and interface field of the schema, no introspection type', () => {
    const names = schemaFields(schema).fields.map((f) => `${f.type}.${f.field}`);
    expect(names).toEqual(expect.arrayContaining(['Node.id', 'User.name', 'Post.author', 'Query.search', 'Mutation.like']));
    expect(names.some((n) => n.startsWith('__'))).toBe(false);
    expect(schemaFields(schema)).toBe(schemaFields(schema));
  });

  it('names each field by the type it is selected on, through fragments, inline fragments and unions, once each', () => {
    const fields = fieldsOf(`
      query Q {
        a: me { name friends { ...U } }
        b: me { name }
        node(id: "1") { id ... on Post { title author { ...U } } }
        search { __typename ... on User { id } ...P }
      }
      fragment U on User { id name friends { id } }
      fragment P on Post { title }
    `);
    expect(fields.sort()).toEqual(['Node.id', 'Post.author', 'Post.title', 'Query.me', 'Query.node', 'Query.search', 'User.friends', 'User.id', 'User.name'].sort());
  });

  it('walks the operation asked for, mutations from the mutation type', () => {
    const source = 'query A { me { id } } mutation B { like(id: "1") { title } }';
    expect(fieldsOf(source, 'A').sort()).toEqual(['Query.me', 'User.id']);
    expect(fieldsOf(source, 'B').sort()).toEqual(['Mutation.like', 'Post.title']);
  });

  it('walks a document once: the same operation node gives back the same list', () => {
    const document = parse('{ me { id name } }');
    const operation = document.definitions[0] as OperationDefinitionNode;
    const first = operationFields(schema, document, operation);
    expect(operationFields(schema, document, operation)).toBe(first);
    // Another schema numbers its fields anew.
    const other = buildSchema('type User { id: ID! name: String } type Query { me: User }');
    expect(operationFields(other, document, operation)).not.toBe(first);
  });
});
