import { createPrivateKey, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_EXAMPLES } from './demo-data.js';
import { writeRsaKeyPair } from './key-files.js';
import { ROUTES } from './routes.js';
import type { Simulator } from './server.js';

export { DEMO_EXAMPLES, SAMPLE_PDF } from './demo-data.js';

/** What the demo setup registered, for printing. */
export interface DemoSummary {
  readonly clientId: string;
  readonly skykitIssuer: string;
  readonly kenshoPrivateKeyFile: string;
  readonly skykitPrivateKeyFile: string;
  /** What the README's tour names, printed in the start banner. */
  readonly examples: typeof DEMO_EXAMPLES;
}

const SKYKIT_ISSUER = 'demo@skykit.simulator.local';

/** Reads a PEM key pair from `dir` or generates it once (PKCS#8 private, SPKI public, 0600). */
function keyPair(dir: string, name: string): { privateFile: string; publicPem: string } {
  const privateFile = join(dir, `${name}-private.pem`);
  const publicFile = join(dir, `${name}-public.pem`);
  if (!existsSync(privateFile)) writeRsaKeyPair(privateFile, publicFile);
  const publicPem = existsSync(publicFile)
    ? readFileSync(publicFile, 'utf8')
    : (createPrivateKey(readFileSync(privateFile, 'utf8')).export({ type: 'spki', format: 'pem' }) as string);
  return { privateFile, publicPem };
}

/**
 * Prepares the zero-configuration demo: keys generated once in `dataDir` (reused later, so the
 * Client ID stays stable), a Kensho client with every Kensho app's scope and a Skykit issuer
 * registered with the simulator. Returns the environment a gateway needs to use it: the
 * credentials and every route's URL variable.
 */
export async function prepareDemo(sim: Simulator, dataDir: string): Promise<{ env: Record<string, string>; summary: DemoSummary }> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const stateFile = join(dataDir, 'demo.json');
  let clientId: string;
  try {
    clientId = (JSON.parse(readFileSync(stateFile, 'utf8')) as { clientId: string }).clientId;
  } catch {
    clientId = `0oa-demo-${randomBytes(6).toString('hex')}`;
    writeFileSync(stateFile, JSON.stringify({ clientId }, null, 2));
  }
  const kensho = keyPair(dataDir, 'kensho');
  const skykit = keyPair(dataDir, 'skykit');
  sim.registerClient({ clientId, publicKey: kensho.publicPem, scopes: ROUTES.flatMap((route) => ('scope' in route ? [route.scope] : [])) });
  sim.registerSkykitIssuer({ email: SKYKIT_ISSUER, publicKey: skykit.publicPem });
  return {
    env: {
      KENSHO_CLIENT_ID: clientId,
      KENSHO_PRIVATE_KEY_FILE: kensho.privateFile,
      ...Object.fromEntries(ROUTES.flatMap((route) => ('url' in route ? [[route.url.env, `${sim.url}${route.url.path}`]] : []))),
      // The Skykit credentials last: readers of `npm run simulator` wait for SKYKIT_PRIVATE_KEY_FILE.
      SKYKIT_ISSUER,
      SKYKIT_PRIVATE_KEY_FILE: skykit.privateFile,
    },
    summary: { clientId, skykitIssuer: SKYKIT_ISSUER, kenshoPrivateKeyFile: kensho.privateFile, skykitPrivateKeyFile: skykit.privateFile, examples: DEMO_EXAMPLES },
  };
}
