#!/usr/bin/env node
// `npm run example:web`: the gateway on its built-in simulator (`npm start`) and the web
// example's Vite dev server (examples/web), with the gateway's CORS_ORIGINS listing the dev
// server's origin. Installs the example's dependencies first when they are missing
// (`npm --prefix examples/web ci`) and writes the app's persisted-query manifest
// (`npm --prefix examples/web run manifest`), which the app reads its operation ids from. Ctrl-C
// stops both.
//
//   PORT=4000        the gateway's port (the app is built to call http://127.0.0.1:$PORT/graphql)
//   CORS_ORIGINS     more origins to allow, besides the dev server's
//   TRUSTED_DOCUMENTS allow (the default here): the gateway knows the app's operations by id
//                    from its manifest and still runs other text (the playground); require runs
//                    only the app's operations; off runs without the manifest, where the app's
//                    subscriptions fail (docs/trusted-documents.md)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const web = join(root, 'examples', 'web');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
// The dev server's fixed origin (vite.config.ts: 127.0.0.1:5173, strictPort); localhost too, for
// people who type that.
const DEV_ORIGINS = ['http://127.0.0.1:5173', 'http://localhost:5173'];
const port = process.env.PORT ?? '4000';

if (!existsSync(join(root, 'node_modules', 'tsx'))) {
  console.error('[example:web] the gateway\'s dependencies are missing: run npm ci at the repository root first');
  process.exit(1);
}
if (!existsSync(join(web, 'node_modules'))) {
  console.log('[example:web] installing the example\'s dependencies: npm --prefix examples/web ci');
  const r = spawnSync(npm, ['--prefix', web, 'ci', '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// The app sends operation ids from this manifest; with TRUSTED_DOCUMENTS the gateway reads it too.
const manifest = join(web, 'persisted-query-manifest.json');
const generated = spawnSync(process.execPath, [join(web, 'node_modules', '@apollo', 'generate-persisted-query-manifest', 'cli.js')], { cwd: web, stdio: 'inherit' });
if (generated.status !== 0) process.exit(generated.status ?? 1);
const mode = process.env.TRUSTED_DOCUMENTS ?? 'allow';
const trusted = mode === 'off' ? { TRUSTED_DOCUMENTS: 'off' } : { TRUSTED_DOCUMENTS: mode, TRUSTED_DOCUMENTS_MANIFEST: process.env.TRUSTED_DOCUMENTS_MANIFEST ?? manifest };

const extra = (process.env.CORS_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
const corsOrigins = [...new Set([...DEV_ORIGINS, ...extra])].join(',');
const children = [];
let stopping = false;

// Each child leads its own process group (tsx and vite start processes of their own), so that
// stopping kills the whole group and leaves nothing behind.
function run(name, args, cwd, env) {
  const child = spawn(process.execPath, args, { cwd, env: { ...process.env, ...env }, stdio: 'inherit', detached: process.platform !== 'win32' });
  children.push(child);
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.log(`[example:web] ${name} stopped (${signal ?? `exit ${code}`}); stopping the rest`);
      stop(code ?? 1);
    }
  });
  return child;
}

function stop(code = 0) {
  stopping = true;
  for (const c of children) {
    if (c.exitCode !== null || c.signalCode !== null) continue;
    try {
      if (process.platform === 'win32') c.kill('SIGTERM');
      else process.kill(-c.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  setTimeout(() => process.exit(code), 500).unref();
}
process.on('SIGINT', () => stop(0));
process.on('SIGHUP', () => stop(0));
process.on('SIGTERM', () => stop(0));

console.log(`[example:web] gateway http://127.0.0.1:${port}/graphql with CORS_ORIGINS=${corsOrigins} TRUSTED_DOCUMENTS=${mode}`);
console.log(`[example:web] app     ${DEV_ORIGINS[0]}/`);
// `npm start` and `npm run dev`, without npm in between (npm does not always pass signals on).
run('gateway', ['--import', 'tsx', 'src/bin.ts', 'start'], root, { PORT: port, CORS_ORIGINS: corsOrigins, ...trusted });
run('vite', [join(web, 'node_modules', 'vite', 'bin', 'vite.js')], web, { VITE_GATEWAY_URL: `http://127.0.0.1:${port}/graphql` });
