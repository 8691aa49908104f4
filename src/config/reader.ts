import { readFileSync } from 'node:fs';
import type { KeyObject } from 'node:crypto';
import { loadRsaPrivateKey } from './private-key.js';

/** The environment as the configuration reads it. */
export type Env = Readonly<Record<string, string | undefined>>;

/** Small typed reader that records problems instead of throwing at the first one. */
export class Reader {
  constructor(
    private readonly env: Env,
    private readonly problems: string[],
  ) {}

  /** The trimmed value of `name`, or undefined when it is unset or blank. */
  string(name: string): string | undefined {
    const v = this.env[name]?.trim();
    return v ? v : undefined;
  }

  /** Like string(), but the value is never repeated in a message. */
  secret(name: string): string | undefined {
    const v = this.string(name);
    if (v && /\s/.test(v)) {
      this.problems.push(`${name}: contains whitespace; paste the token alone`);
      return undefined;
    }
    return v;
  }

  /** A whole number in [min, max]; `fallback` when unset, and a problem when out of range. */
  int(name: string, fallback: number, min: number, max: number): number {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    if (!/^[-+]?\d+$/.test(raw)) {
      this.problems.push(`${name}: "${raw}" is not a whole number (it must be between ${min} and ${max})`);
      return fallback;
    }
    const n = Number(raw);
    if (n < min || n > max) {
      this.problems.push(`${name}: ${raw} must be between ${min} and ${max}`);
      return fallback;
    }
    return n;
  }

  /** `true` or `false`; `fallback` when unset. */
  bool(name: string, fallback: boolean): boolean {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    if (raw === 'true' || raw === 'false') return raw === 'true';
    this.problems.push(`${name}: "${raw}" is not true or false`);
    return fallback;
  }

  /** One of `allowed`; `fallback` when unset. */
  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    this.problems.push(`${name}: "${raw}" is not one of ${allowed.join(', ')}`);
    return fallback;
  }

  /** An http(s) URL without credentials or trailing slashes; `fallback` when unset. */
  url(name: string, fallback: string): string {
    const raw = this.string(name) ?? fallback;
    try {
      const url = new URL(raw);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('scheme');
      if (url.username || url.password) {
        this.problems.push(`${name}: must not carry user:password`);
      }
      return raw.replace(/\/+$/, '');
    } catch {
      this.problems.push(`${name}: "${raw}" is not an http(s) URL`);
      return fallback;
    }
  }

  /**
   * A private key from `<fileVar>` (a path) or `<pemVar>` (the PEM itself). Returns undefined when
   * neither is set, null when set but unusable (the problem is recorded).
   */
  privateKey(fileVar: string, pemVar: string): KeyObject | undefined | null {
    const file = this.string(fileVar);
    const pem = this.env[pemVar]?.trim() ? this.env[pemVar] : undefined;
    if (file && pem) {
      this.problems.push(`${fileVar} and ${pemVar} are both set; set one`);
      return null;
    }
    if (!file && !pem) return undefined;
    let text: string;
    const source = file ? fileVar : pemVar;
    if (file) {
      try {
        text = readFileSync(file, 'utf8');
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code ?? 'error';
        this.problems.push(`${fileVar}: cannot read "${file}" (${code})`);
        return null;
      }
    } else {
      // Environments often flatten newlines in multi-line values to a literal "\n".
      text = (pem as string).replace(/\\n/g, '\n');
    }
    try {
      return loadRsaPrivateKey(text);
    } catch (e) {
      this.problems.push(`${source}: ${(e as Error).message}`);
      return null;
    }
  }
}
