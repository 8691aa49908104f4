/**
 * Prints the SDL the gateway serves (what introspection answers: descriptions, deprecations and
 * the @upstream directive's definition; applied directives are not part of introspection) so
 * clients can generate types without a running gateway.
 *
 *   npm run schema:print                       writes examples/web/schema.graphql
 *   npm run schema:print -- <file>             writes <file> ("-" for stdout)
 *   npm run schema:print -- --check [<file>]   exits 1 when <file> differs from the served schema
 *   npm run schema:print -- --federation <file>  writes the Federation 2 subgraph SDL that
 *                                              `_service { sdl }` answers with GRAPHQL_FEDERATION=true
 *                                              (to compose without calling a gateway: docs/federation.md)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { resolvers } from '../resolvers/index.js';
import { keepScalarDescriptions, loadTypeDefs } from '../schema/load.js';
import { buildFederatedSchema } from '../schema/federation.js';

export const DEFAULT_SCHEMA_OUT = fileURLToPath(new URL('../../examples/web/schema.graphql', import.meta.url));

/** The served schema as SDL, types in name order so the file diffs well. */
export function printServedSchema(): string {
  const schema = keepScalarDescriptions(makeExecutableSchema({ typeDefs: loadTypeDefs(), resolvers }));
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

/** The subgraph SDL a gateway with GRAPHQL_FEDERATION=true answers to `_service { sdl }`, from the same builder. */
export function printSubgraphSchema(): string {
  // Building the schema calls no guard: only resolving fields does.
  const schema = buildFederatedSchema(loadTypeDefs(), resolvers, () => undefined);
  const service = schema.getQueryType()?.getFields()._service?.resolve?.(undefined, {}, undefined, undefined as never) as { sdl?: unknown } | undefined;
  if (typeof service?.sdl !== 'string') throw new TypeError('the subgraph schema answered no _service.sdl');
  return `${service.sdl}\n`;
}

function run(args: string[]): number {
  const check = args.includes('--check');
  const federation = args.includes('--federation');
  const target = args.find((a) => a !== '--check' && a !== '--federation');
  if (federation && target === undefined) {
    // The default file is the web example's public schema; the subgraph SDL goes where it is asked.
    process.stderr.write('npm run schema:print -- --federation <file>: name the file (or - for stdout)\n');
    return 2;
  }
  const sdl = federation ? printSubgraphSchema() : printServedSchema();
  if (target === '-') {
    process.stdout.write(sdl);
    return 0;
  }
  const file = target === undefined ? DEFAULT_SCHEMA_OUT : resolve(target);
  if (check) {
    let current = '';
    try {
      current = readFileSync(file, 'utf8');
    } catch {
      // missing: stale
    }
    if (current === sdl) return 0;
    process.stderr.write(`${file} is not the schema the gateway serves: run npm run schema:print${federation ? ' -- --federation' : ''}\n`);
    return 1;
  }
  writeFileSync(file, sdl);
  process.stderr.write(`wrote ${file} (${sdl.length} characters)\n`);
  return 0;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = run(process.argv.slice(2));
}
