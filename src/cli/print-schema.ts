/**
 * Prints the SDL the gateway serves (what introspection answers: descriptions, deprecations and
 * the @upstream directive's definition; applied directives are not part of introspection) so
 * clients can generate types without a running gateway.
 *
 *   npm run schema:print                       writes examples/web/schema.graphql
 *   npm run schema:print -- <file>             writes <file> ("-" for stdout)
 *   npm run schema:print -- --check [<file>]   exits 1 when <file> differs from the served schema
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { resolvers } from '../resolvers/index.js';
import { keepScalarDescriptions, loadTypeDefs } from '../schema/load.js';

export const DEFAULT_SCHEMA_OUT = fileURLToPath(new URL('../../examples/web/schema.graphql', import.meta.url));

/** The served schema as SDL, types in name order so the file diffs well. */
export function printServedSchema(): string {
  const schema = keepScalarDescriptions(makeExecutableSchema({ typeDefs: loadTypeDefs(), resolvers }));
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

function run(args: string[]): number {
  const check = args.includes('--check');
  const target = args.find((a) => a !== '--check');
  const sdl = printServedSchema();
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
    process.stderr.write(`${file} is not the schema the gateway serves: run npm run schema:print\n`);
    return 1;
  }
  writeFileSync(file, sdl);
  process.stderr.write(`wrote ${file} (${sdl.length} characters)\n`);
  return 0;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = run(process.argv.slice(2));
}
