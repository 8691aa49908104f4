/** The substrings that identify a secret in text: any JWT, PEM private keys, and listed values. */
export function findLeaks(text: string, secrets: readonly string[]): string[] {
  const found: string[] = [];
  if (/eyJ[A-Za-z0-9_-]{8,}\.eyJ/.test(text)) found.push('a JWT');
  if (/PRIVATE KEY/.test(text)) found.push('a PEM private key marker');
  for (const s of secrets) if (s && text.includes(s)) found.push(`secret ${s.slice(0, 4)}…`);
  return found;
}
