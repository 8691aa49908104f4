import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents for the operations in src/ (GraphQL Code Generator's client preset).
 *
 * Where the schema comes from (SCHEMA_SOURCE):
 * - `file` (default, offline): ./schema.graphql, the SDL the gateway serves, printed by
 *   `npm run schema:print` at the repository root and shipped with this example;
 * - `repo` (offline, inside the gateway repository): ../../schema/*.graphql and every app's
 *   ../../src/apps/<app>/schema.graphql, the gateway's sources;
 * - `live`: introspection of a running gateway at GATEWAY_URL (default http://127.0.0.1:4000/graphql;
 *   introspection is on outside production).
 */
const source = process.env.SCHEMA_SOURCE ?? 'file';
const gatewayUrl = process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql';

const schema: CodegenConfig['schema'] =
  source === 'live' ? gatewayUrl : source === 'repo' ? ['../../schema/*.graphql', '../../src/apps/*/schema.graphql'] : source === 'file' ? './schema.graphql' : (() => {
    throw new Error(`SCHEMA_SOURCE must be file, repo or live, not ${source}`);
  })();

const config: CodegenConfig = {
  schema,
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**/*'],
  ignoreNoDocuments: false,
  generates: {
    './src/gql/': {
      preset: 'client',
      // Fragments are plain type spreads here, so a screen reads fragment fields directly.
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        strictScalars: true,
        // Decimal is an exact decimal string (kFinance amounts); Date is YYYY-MM-DD.
        scalars: { DateTime: 'string', Date: 'string', Decimal: 'string', JSON: 'unknown', Upload: 'File' },
        // What Apollo Client 4's documentation recommends for its typed hooks.
        avoidOptionals: { field: true, inputValue: false },
        defaultScalarType: 'unknown',
        nonOptionalTypename: true,
        skipTypeNameForRoot: true,
      },
    },
  },
};
export default config;
