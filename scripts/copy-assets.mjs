// After `tsc`: copies the SDL and playground files that live beside the apps' code
// (src/apps/<app>/*.graphql) into dist/, where the compiled definitions read them.
import { cpSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

for (const app of readdirSync('src/apps', { withFileTypes: true })) {
  if (!app.isDirectory()) continue;
  for (const file of readdirSync(join('src/apps', app.name)).filter((f) => f.endsWith('.graphql'))) {
    cpSync(join('src/apps', app.name, file), join('dist/apps', app.name, file));
  }
}
