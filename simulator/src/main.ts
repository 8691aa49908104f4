import { prepareDemo } from './demo.js';
import { ROUTES, hasRefresh } from './routes.js';
import { startSimulator, type Simulator } from './server.js';

/** "A, B and C". */
function listed(names: readonly string[]): string {
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/**
 * `npm run simulator`: starts the simulator alone and prints what a gateway (or a curl user)
 * needs: base URLs, the environment lines, and demo refresh tokens. Printing these demo secrets
 * is the point of this command; nothing else in the simulator logs a token.
 */
export async function runSimulator(opts: { host?: string; port?: number; dataDir: string; latencyMs?: number; log?: (line: string) => void }): Promise<Simulator> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const sim = await startSimulator({ host: opts.host, port: opts.port, latencyMs: opts.latencyMs });
  const demo = await prepareDemo(sim, opts.dataDir);
  const apps = await Promise.all(
    ROUTES.filter(hasRefresh).map(async (route) => ({
      route,
      url: `${sim.url}${route.url.path}`,
      refreshToken: sim.issueRefreshToken(route.key),
      accessToken: await sim.issueAccessToken({ scopes: [route.scope] }),
    })),
  );
  log(`Kensho/Skykit upstream simulator listening on ${sim.url}`);
  log('');
  for (const route of ROUTES) if ('url' in route) log(`  ${route.url.title.padEnd(21)}${sim.url}${route.url.path}`);
  log('');
  log('Point a gateway at it (key-pair mode, demo keys in the data folder):');
  for (const [name, value] of Object.entries(demo.env)) log(`  export ${name}=${value}`);
  log('');
  log('Demo refresh tokens (valid for this simulator run only):');
  for (const app of apps) log(`  ${app.route.refresh.refreshTokenEnv}=${app.refreshToken}`);
  log(`${listed(apps.map((app) => app.route.url.title))} access tokens (1 hour):`);
  for (const app of apps) log(`  ${app.route.refresh.accessTokenEnv}=${app.accessToken}`);
  log('');
  log('Try it:');
  // Each line runs as pasted: the tokens are spelled out (no variable a reader has not set), and
  // the PDF is the sample in this repository.
  for (const app of apps) for (const line of 'examples' in app.route ? app.route.examples(app) : []) log(`  ${line}`);
  return sim;
}
