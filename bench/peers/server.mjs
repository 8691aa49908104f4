// The servers `npm run bench` compares the gateway with: the same `annotateText` field over
// Kensho NERD's annotations-sync, written the way a small team would by hand.
//
//   node server.mjs apollo-min   Apollo Server 5 (startStandaloneServer) + an undici resolver
//   node server.mjs yoga         graphql-yoga 5 on node:http + the same resolver
//   node server.mjs hive         Hive Gateway 2 (its runtime on node:http) serving the supergraph
//                                Mesh composes from an OpenAPI document of annotations-sync
//                                (hive/): the field is Mesh's, `annotationsSync(input: …)`, with
//                                NERD's own field names
//
// Environment: NERD_URL (the simulator's NERD base URL), NERD_TOKEN (a bearer token for it),
// PORT (0 = any). Prints "listening <url>" when ready.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';

const typeDefs = /* GraphQL */ `
  enum KnowledgeBase {
    WIKIMEDIA
    CAPIQ
  }
  type Entity {
    kbId: ID!
    label: String
    type: String
  }
  type EntityAnnotation {
    text: String!
    startIndex: Int
    endIndex: Int
    entity: Entity
  }
  type KnowledgeBaseAnnotations {
    knowledgeBase: KnowledgeBase!
    annotations: [EntityAnnotation!]!
  }
  type Query {
    annotateText(text: String!, knowledgeBases: [KnowledgeBase!] = [WIKIMEDIA]): [KnowledgeBaseAnnotations!]!
  }
`;

const nerd = `${process.env.NERD_URL}/api/v1/annotations-sync`;
const authorization = `Bearer ${process.env.NERD_TOKEN}`;

const resolvers = {
  Query: {
    async annotateText(_parent, { text, knowledgeBases }) {
      const res = await request(nerd, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ text, knowledge_bases: knowledgeBases.map((kb) => kb.toLowerCase()) }),
        headersTimeout: 30_000,
        bodyTimeout: 30_000,
      });
      const body = await res.body.json();
      if (res.statusCode !== 200) throw new Error(`NERD answered ${res.statusCode}`);
      return body.results.map((r) => ({
        knowledgeBase: r.knowledge_base.toUpperCase(),
        annotations: r.annotations.map((a) => ({
          text: a.text,
          startIndex: a.start_index,
          endIndex: a.end_index,
          entity: a.entity_kb_id == null ? null : { kbId: String(a.entity_kb_id), label: a.entity_label ?? null, type: a.entity_type ?? null },
        })),
      }));
    },
  },
};

const port = Number(process.env.PORT ?? 0);
const which = process.argv[2];
if (which === 'apollo-min') {
  const { ApolloServer } = await import('@apollo/server');
  const { startStandaloneServer } = await import('@apollo/server/standalone');
  const server = new ApolloServer({ typeDefs, resolvers });
  const { url } = await startStandaloneServer(server, { listen: { port, host: '127.0.0.1' } });
  console.error(`listening ${url}`);
} else if (which === 'yoga') {
  const { createYoga, createSchema } = await import('graphql-yoga');
  const yoga = createYoga({ schema: createSchema({ typeDefs, resolvers }), logging: false, graphiql: false });
  const server = createServer(yoga);
  server.listen(port, '127.0.0.1', () => console.error(`listening http://127.0.0.1:${server.address().port}/graphql`));
} else if (which === 'hive') {
  const here = dirname(fileURLToPath(import.meta.url));
  const supergraph = join(here, 'hive/supergraph.graphql');
  // Composed by Mesh (`npm run compose`, a separate process) when missing or older than its inputs;
  // the supergraph keeps NERD_URL and NERD_TOKEN as `{env.…}`, read on each call.
  const inputs = ['hive/mesh.config.mjs', 'hive/nerd-annotations-sync.openapi.json'].map((f) => statSync(join(here, f)).mtimeMs);
  if (!existsSync(supergraph) || statSync(supergraph).mtimeMs < Math.max(...inputs)) {
    execFileSync(process.execPath, [join(here, 'node_modules/@graphql-mesh/compose-cli/esm/bin.js'), '-c', 'hive/mesh.config.mjs', '-o', 'hive/supergraph.graphql'], { cwd: here, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const { createGatewayRuntime } = await import('@graphql-hive/gateway');
  // As deployed: no GraphiQL/Laboratory or landing page, warnings and errors only (no line per
  // request), the supergraph given as text (no file watcher, no polling).
  const gateway = createGatewayRuntime({ supergraph: readFileSync(supergraph, 'utf8'), logging: 'warn', graphiql: false, landingPage: false });
  await gateway.getSchema();
  const server = createServer(gateway);
  server.listen(port, '127.0.0.1', () => console.error(`listening http://127.0.0.1:${server.address().port}/graphql`));
  // Mesh registers its own SIGTERM listener (it disposes of the runtime), so Node no longer exits
  // on SIGTERM by default: close the server and exit here.
  process.once('SIGTERM', () => {
    server.close();
    server.closeAllConnections();
    Promise.resolve(gateway.dispose()).finally(() => process.exit(0));
  });
} else {
  console.error('usage: node server.mjs apollo-min|yoga|hive');
  process.exit(2);
}
