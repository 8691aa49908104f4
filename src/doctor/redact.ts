/** Anything shaped like a JWT (header.payload.signature, base64url). */
const JWT_LIKE = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
const PEM_BLOCK = /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g;

/**
 * The last guard before anything is printed: every string in the report loses the secrets doctor
 * held (configured and obtained tokens, a proxy password) and anything shaped like a JWT or a PEM
 * private key. The checks never put one there on purpose; this makes sure of it.
 */
export function redactReport<T>(report: T, secrets: readonly string[]): T {
  // A JWT's signature alone is worth hiding too: with the (public) claims it is the whole token.
  const signatures = secrets.flatMap((s) => (s.split('.').length === 3 ? [s.split('.')[2]!] : [])).filter((s) => s.length >= 20);
  const known = [...new Set([...secrets, ...signatures].filter((s) => s.length >= 6))].sort((a, b) => b.length - a.length);
  const clean = (text: string): string => {
    let out = text;
    for (const s of known) out = out.split(s).join('[redacted]');
    return out.replace(PEM_BLOCK, '[redacted private key]').replace(JWT_LIKE, '[redacted]');
  };
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return clean(value);
    if (Array.isArray(value)) return value.map(walk);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    return value;
  };
  return walk(report) as T;
}
