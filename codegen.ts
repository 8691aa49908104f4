import { existsSync, readFileSync, readdirSync } from 'node:fs';
import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Each app folder's codegen mappers (`src/apps/<app>/mappers.json`: GraphQL type → the model
 * its resolvers receive, as `./file.js#Type` relative to the folder), rewritten relative to
 * src/generated/. An app added under src/apps/ is picked up without an edit here.
 */
function appMappers(): Record<string, string> {
  const mappers: Record<string, string> = {};
  for (const app of readdirSync('src/apps', { withFileTypes: true })) {
    const file = `src/apps/${app.name}/mappers.json`;
    if (!app.isDirectory() || !existsSync(file)) continue;
    for (const [type, target] of Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>)) {
      mappers[type] = target.replace(/^\.\//, `../apps/${app.name}/`);
    }
  }
  return mappers;
}

/** Resolver types generated from the SDL files; `npm run codegen:check` fails when stale. */
const config: CodegenConfig = {
  schema: ['schema/*.graphql', 'src/apps/*/schema.graphql'],
  generates: {
    'src/generated/resolvers-types.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        immutableTypes: true,
        contextType: '../apps/context.js#AppContext',
        mappers: { GatewayInfo: '../resolvers/base-models.js#GatewayInfoModel', ...appMappers() },
        strictScalars: true,
        scalars: { DateTime: 'string', JSON: 'unknown', Decimal: 'string', Date: 'string', Upload: "Promise<import('graphql-upload/processRequest.mjs').FileUpload>" },
      },
    },
  },
};
export default config;
