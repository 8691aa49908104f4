import { createPrivateKey, type KeyObject } from 'node:crypto';

/**
 * Loads an RSA private key from PEM. Kensho's instructions produce PKCS#8 on OpenSSL 3 and
 * PKCS#1 (`BEGIN RSA PRIVATE KEY`) on older OpenSSL; jose imports only PKCS#8, so the key is
 * loaded with node:crypto, whose KeyObject jose signs with (STACK-NOTES §3).
 *
 * Throws a TypeError whose message never contains key material.
 */
export function loadRsaPrivateKey(pem: string): KeyObject {
  const text = pem.trim();
  if (!text.includes('-----BEGIN')) {
    throw new TypeError('is not a PEM key (expected "-----BEGIN PRIVATE KEY-----" or "-----BEGIN RSA PRIVATE KEY-----")');
  }
  if (/BEGIN (RSA )?PUBLIC KEY/.test(text)) {
    throw new TypeError('holds a public key; the private key is needed (the public key is what Kensho receives)');
  }
  if (/BEGIN ENCRYPTED PRIVATE KEY/.test(text) || /Proc-Type: 4,ENCRYPTED/.test(text)) {
    throw new TypeError('is encrypted with a passphrase; decrypt it first (openssl pkey -in key.pem -out plain.pem)');
  }
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: text, format: 'pem' });
  } catch {
    throw new TypeError('could not be parsed as a PKCS#1 or PKCS#8 private key');
  }
  if (key.asymmetricKeyType !== 'rsa') {
    throw new TypeError(`is a ${key.asymmetricKeyType ?? 'non-RSA'} key; Kensho and Skykit need an RSA key (RS256)`);
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < 2048) {
    throw new TypeError(`is an RSA key of ${bits} bits; RS256 needs at least 2048`);
  }
  return key;
}
