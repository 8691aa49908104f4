// After `tsc`: copies the SDL, playground and MCP tool files that live beside the apps' code
// (src/apps/<app>/*.graphql, src/apps/<app>/tools/*.graphql) into dist/, where the compiled
// definitions read them.
import { cpSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

for (const app of readdirSync('src/apps', { withFileTypes: true })) {
  if (!app.isDirectory()) continue;
  for (const dir of [join('src/apps', app.name), join('src/apps', app.name, 'tools')]) {
    if (!existsSync(dir)) continue;
    const target = join('dist', dir.slice('src/'.length));
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.graphql'))) cpSync(join(dir, file), join(target, file));
  }
}
