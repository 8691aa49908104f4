/** A proxy URL for display: scheme, host and port only (a proxy's user:password is a secret). */
export function redactProxyUrl(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  try {
    const url = new URL(raw);
    return `${url.protocol}//${url.username || url.password ? '***@' : ''}${url.host}`;
  } catch {
    return '(invalid)';
  }
}
