import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeRsaKeyPair } from '../auth/key-files.js';

export interface KeysOptions {
  readonly outDir: string;
  readonly name: string;
  readonly force: boolean;
  readonly log: (line: string) => void;
}

/**
 * Generates an RSA 2048 key pair the way Kensho's instructions do (`openssl genrsa` then
 * `openssl rsa -pubout`): a PKCS#8 private key (mode 0600) and an SPKI public key to send to
 * Kensho (or register with Skykit). Refuses to overwrite existing keys unless forced.
 */
export function generateKeys(options: KeysOptions): { privatePath: string; publicPath: string } {
  const dir = resolve(options.outDir);
  const privatePath = join(dir, `${options.name}-private.pem`);
  const publicPath = join(dir, `${options.name}-public.pem`);
  for (const path of [privatePath, publicPath]) {
    if (existsSync(path) && !options.force) throw new Error(`${path} exists; pass --force to replace it (the old key stops working once replaced at Kensho)`);
  }
  mkdirSync(dir, { recursive: true });
  writeRsaKeyPair(privatePath, publicPath);
  options.log(`Private key: ${privatePath} (keep it secret; mode 0600)`);
  options.log(`Public key:  ${publicPath}`);
  options.log('');
  options.log('Kensho: send the public key to Kensho support; they answer with a Client ID. Then set');
  options.log(`  KENSHO_CLIENT_ID=<the Client ID>  KENSHO_PRIVATE_KEY_FILE=${privatePath}`);
  options.log('Skykit: register the public key and an e-mail with Skykit, then set');
  options.log(`  SKYKIT_ISSUER=<the e-mail>  SKYKIT_PRIVATE_KEY_FILE=${privatePath}`);
  return { privatePath, publicPath };
}
