import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';

/**
 * Writes a new RSA 2048 key pair as Kensho's instructions produce it: a PKCS#8 private key
 * (mode 0600) and an SPKI public key. Returns the public key PEM. (The gateway's `keys` command
 * has its own copy: the simulator imports nothing from the gateway.)
 */
export function writeRsaKeyPair(privatePath: string, publicPath: string): string {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  writeFileSync(privatePath, privateKey, { mode: 0o600 });
  writeFileSync(publicPath, publicKey, { mode: 0o644 });
  return publicKey;
}
