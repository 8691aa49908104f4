import { CompactEncrypt, compactDecrypt } from 'jose';
import type { CacheStore } from './store.js';

/**
 * Encrypts every value at rest (JWE compact, `dir` + A256GCM with the configured key), so a
 * copy of Redis does not hand out upstream tokens. A value that does not decrypt (another key,
 * tampering, an old plaintext entry) reads as a miss and is replaced on the next write.
 */
export function encryptedCache(store: CacheStore, key: Uint8Array): CacheStore {
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  return {
    async get(k) {
      const value = await store.get(k);
      if (typeof value !== 'string') return undefined;
      try {
        const { plaintext } = await compactDecrypt(value, key);
        return JSON.parse(decoder.decode(plaintext)) as unknown;
      } catch {
        return undefined;
      }
    },
    async set(k, value, ttlMs) {
      const jwe = await new CompactEncrypt(encoder.encode(JSON.stringify(value))).setProtectedHeader({ alg: 'dir', enc: 'A256GCM' }).encrypt(key);
      return store.set(k, jwe, ttlMs);
    },
    delete: (k) => store.delete(k),
  };
}
