import { createPrivateKey, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeRsaKeyPair } from './key-files.js';
import type { Simulator } from './server.js';

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
 * Client ID stays stable), a Kensho client with the NERD, Extract, Link, Scribe and kFinance scopes and a Skykit issuer
 * registered with the simulator. Returns the environment a gateway needs to use it.
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
  sim.registerClient({ clientId, publicKey: kensho.publicPem, scopes: ['kensho:app:nerd', 'kensho:app:extract', 'kensho:app:link', 'kensho:app:scribe', 'kensho:app:kfinance'] });
  sim.registerSkykitIssuer({ email: SKYKIT_ISSUER, publicKey: skykit.publicPem });
  return {
    env: {
      KENSHO_CLIENT_ID: clientId,
      KENSHO_PRIVATE_KEY_FILE: kensho.privateFile,
      KENSHO_TOKEN_URL: sim.urls.tokenUrl,
      KENSHO_NERD_URL: sim.urls.nerd,
      KENSHO_EXTRACT_URL: sim.urls.extract,
      KENSHO_LINK_URL: sim.urls.link,
      KENSHO_SCRIBE_URL: sim.urls.scribe,
      KENSHO_KFINANCE_URL: sim.urls.kfinance,
      SKYKIT_URL: sim.urls.skykit,
      SKYKIT_ISSUER,
      SKYKIT_PRIVATE_KEY_FILE: skykit.privateFile,
    },
    summary: { clientId, skykitIssuer: SKYKIT_ISSUER, kenshoPrivateKeyFile: kensho.privateFile, skykitPrivateKeyFile: skykit.privateFile, examples: DEMO_EXAMPLES },
  };
}

/**
 * The sample PDF the README and the simulator's curl example upload, relative to the repository
 * root: two pages with a title, headings, paragraphs and a table (test/fixtures/pdf/generate.ts).
 */
export const SAMPLE_PDF = 'test/fixtures/pdf/report.pdf';

/**
 * Demo data the README's tour uses (the fleet is seeded, so these never change): a tenant, the
 * serial number of its first device (dev-0001), a content name from the catalogue, the sample PDF.
 */
export const DEMO_EXAMPLES = Object.freeze({ tenantCode: 'T-ACME-EAST', serialNumber: 'SK-9E37-0001', contentName: 'Spring menu', samplePdf: SAMPLE_PDF });
