import { ApolloServer, HeaderMap, type ApolloServerOptions } from '@apollo/server';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { GraphQLError } from 'graphql';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compiledExecution, type CompileOutcome } from '../../src/graphql/compiled-execution.js';
import { createFormatError } from '../../src/graphql/format-error.js';
import { DocumentCache } from '../../src/store/document-cache.js';

/**
 * A compiled answer's errors are formatted as Apollo formats those of its own execution
 * (compiled-execution.ts answers from `responseForOperation`, after which Apollo formats
 * nothing): the same body, status and headers from Apollo running graphql-js and from the
 * compiled operation, for each kind of execution error, including those the gateway's schema
 * never produces today (a plain Error, an error asking for an HTTP status).
 */

const typeDefs = /* GraphQL */ `
  type Item {
    id: ID!
    name: String!
  }
  type Query {
    plain: String
    coded: String
    teapot: String
    nonNull: Item!
    items: [Item!]
    fine: String
  }
`;

const schema = makeExecutableSchema({
  typeDefs,
  resolvers: {
    Query: {
      plain: () => {
        throw new Error('a bug, not for callers');
      },
      coded: () => {
        throw new GraphQLError('text is blank', { extensions: { code: 'BAD_USER_INPUT', field: 'text' } });
      },
      teapot: () => {
        // Apollo takes headers as a Map (graphql-yoga's typings, also installed, say a record).
        const headers = new HeaderMap([['x-brew', 'tea']]) as unknown as Record<string, string>;
        throw new GraphQLError('short and stout', { extensions: { code: 'BAD_USER_INPUT', http: { status: 418, headers } } });
      },
      nonNull: () => ({ id: '1', name: null }),
      items: async () => [{ id: '1', name: 'one' }, { id: '2', name: null }],
      fine: () => 'fine',
    },
  },
});

const QUERIES = [
  '{ plain fine }',
  '{ coded fine }',
  '{ teapot fine }',
  '{ nonNull { id name } }',
  '{ items { id name } fine }',
  'query Two { fine } query One { plain }',
];

type Answer = { status: number | undefined; headers: Array<[string, string]>; body: string };

async function answer(server: ApolloServer, query: string): Promise<Answer> {
  const operationName = query.includes('query One') ? 'One' : undefined;
  const res = await server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: 'POST', headers: new HeaderMap([['content-type', 'application/json']]), search: '', body: operationName ? { query, operationName } : { query } },
    context: async () => ({}),
  });
  if (res.body.kind !== 'complete') throw new Error('expected a complete body');
  return { status: res.status, headers: [...res.headers].filter(([name]) => name !== 'content-length').sort(), body: res.body.string };
}

describe('errors of a compiled operation', () => {
  const logged: string[] = [];
  const logger = pino({ level: 'error' }, { write: (line: string) => void logged.push(line) });
  const formatError = createFormatError(logger);
  const outcomes: CompileOutcome[] = [];
  const options: ApolloServerOptions<object> = { schema, formatError, includeStacktraceInErrorResponses: false };
  const documents = new DocumentCache(1024 * 1024);
  const interpreted = new ApolloServer({ ...options, documentStore: new DocumentCache(1024 * 1024) });
  const respond = compiledExecution({ schema, documents, compileAfter: 1, formatError, onCompile: (o) => outcomes.push(o) });
  const compiled = new ApolloServer({ ...options, documentStore: documents, plugins: [{ requestDidStart: async () => ({ responseForOperation: respond }) }] });
  beforeAll(async () => {
    await interpreted.start();
    await compiled.start();
  });
  afterAll(async () => {
    await interpreted.stop();
    await compiled.stop();
  });

  it('are the body, status and headers Apollo gives after running graphql-js', async () => {
    for (const query of QUERIES) {
      const expected = await answer(interpreted, query);
      const interpretedLog = logged.splice(0);
      // Twice: the document comes back from the cache the second time (the same object).
      for (let i = 0; i < 2; i++) {
        expect({ query, i, ...(await answer(compiled, query)) }).toEqual({ query, i, ...expected });
        // The unexpected error is logged for operators just the same.
        expect(logged.splice(0).map((l) => JSON.parse(l).path)).toEqual(interpretedLog.map((l) => JSON.parse(l).path));
      }
    }
    expect(outcomes).toEqual(QUERIES.map(() => 'compiled'));
  });

  it('reach every kind the cases are for (a check that cannot pass vacuously)', async () => {
    const plain = JSON.parse((await answer(compiled, '{ plain fine }')).body);
    expect(plain).toMatchObject({ data: { plain: null, fine: 'fine' }, errors: [{ message: 'Internal server error', path: ['plain'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    const teapot = await answer(compiled, '{ teapot fine }');
    expect(teapot.status).toBe(418);
    expect(teapot.headers).toContainEqual(['x-brew', 'tea']);
    expect(JSON.parse(teapot.body).errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT' });
    const items = JSON.parse((await answer(compiled, '{ items { id name } fine }')).body);
    expect(items).toMatchObject({ data: { items: null, fine: 'fine' }, errors: [{ path: ['items', 1, 'name'] }] });
  });
});
