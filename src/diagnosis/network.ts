/** Plain words for the network error codes people meet most. */
const GLOSS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host name not found (DNS)',
  EAI_AGAIN: 'DNS lookup failed for now',
  ECONNRESET: 'connection reset',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  UND_ERR_SOCKET: 'connection closed',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'TLS: self-signed certificate (a TLS-inspecting proxy? set NODE_EXTRA_CA_CERTS)',
  SELF_SIGNED_CERT_IN_CHAIN: 'TLS: self-signed certificate in chain (a TLS-inspecting proxy? set NODE_EXTRA_CA_CERTS)',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'TLS: unknown certificate issuer (set NODE_EXTRA_CA_CERTS)',
  CERT_HAS_EXPIRED: 'TLS: certificate expired',
  ERR_TLS_CERT_ALTNAME_INVALID: 'TLS: certificate does not match the host name',
};
const CODE = /\b(E[A-Z_]{3,}|UND_ERR_[A-Z_]+|[A-Z_]*CERT[A-Z_]*)\b/;

/**
 * Why a request got no answer, in a few words: the gateway's timeout, or the network error code
 * that `send` keeps in the error's cause (it drops the message, which may quote a URL).
 */
export function describeNetworkFailure(error: unknown): string {
  const timedOut = /did not answer within (\d+) ms/.exec(error instanceof Error ? error.message : '');
  if (timedOut) return `no answer within ${timedOut[1]} ms`;
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth += 1) {
    const own = (e as { code?: unknown }).code;
    const code = typeof own === 'string' && CODE.test(own) ? own : CODE.exec(e instanceof Error ? e.message : '')?.[1];
    if (code) return GLOSS[code] ? `${GLOSS[code]}, ${code}` : code;
  }
  return 'no answer';
}
