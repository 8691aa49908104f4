import { proxyRoute } from './proxy-route.js';
import type { Config } from '../config/types.js';
import type { Credential } from '../auth/outbound/credential.js';
import type { Observation } from './observe.js';

/** A token obtained for doctor's probes, or why none could be. */
export type TokenOutcome =
  | {
      readonly ok: true;
      readonly accessToken: string;
      /** Epoch ms, as the credential computed it (the earliest of `expires_in` and the JWT's `exp`). */
      readonly expiresAt: number;
      /** The JWT's own `exp` in epoch ms, when the token is a JWT. */
      readonly jwtExp: number | undefined;
      readonly obtainedAt: number;
      readonly durationMs: number;
    }
  | {
      readonly ok: false;
      /** The gateway's error code (UPSTREAM_AUTH_FAILED, …) or "NOT_CONFIGURED" / "INTERNAL". */
      readonly code: string;
      /** Safe to show: the gateway's own messages never carry a secret; anything else is scrubbed. */
      readonly message: string;
      readonly status: number | undefined;
      /** Why no answer came, when the token endpoint was not reached ("connection refused, ECONNREFUSED"). */
      readonly network: string | undefined;
      readonly extensions: Readonly<Record<string, unknown>>;
      readonly durationMs: number;
    };

/** How one check ended. `skipped` always carries the reason in `summary`. */
export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skipped';

/** What a check returns: a one-line result, what to do about it, and non-secret facts for --json. */
export interface CheckOutcome {
  readonly status: CheckStatus;
  readonly summary: string;
  /** What the user should do; present for warn and fail. */
  readonly fix?: string;
  /** Structured, non-secret facts (scopes, lifetimes, counts, hosts) for the JSON report. */
  readonly data?: Readonly<Record<string, unknown>>;
  /** For a skip: checks that need this one are skipped too, repeating this short reason. */
  readonly cascade?: string;
}

/** One row of the report. */
export interface CheckResult extends CheckOutcome {
  readonly id: string;
  readonly title: string;
  /** The upstream the check is about; undefined for the gateway-wide rows. */
  readonly app: string | undefined;
  readonly durationMs: number;
}

/** What every check may use: the gateway's own config and credentials, and what doctor saw. */
export interface CheckContext {
  readonly config: Config;
  /** The credential each app uses, as the gateway builds them; absent while the app is not configured. */
  readonly credentials: Readonly<Partial<Record<string, Credential>>>;
  /** Why `app` cannot be called (what to configure), or undefined when it can. */
  notConfigured(app: string): string | undefined;
  readonly clock: () => number;
  /** Every answer (or failure) doctor's requests met, in order: hosts, statuses, Date headers. */
  readonly observations: readonly Observation[];
  /** A token for `app` obtained now with the configured credential (once per run; never rejects). */
  token(app: string, signal?: AbortSignal): Promise<TokenOutcome>;
  /** Sends one probe request to `app`'s base URL with the gateway's own sender (see probe.ts). */
  probe(app: string, request: ProbeRequest, signal?: AbortSignal): Promise<ProbeResponse>;
}

/** A harmless request below an app's base URL. */
export interface ProbeRequest {
  /** Stable name for messages, e.g. "doctor.nerd.me". */
  readonly endpoint: string;
  readonly method: 'GET' | 'POST';
  /** Path below the base URL, starting with "/". */
  readonly path: string;
  readonly json?: unknown;
  /** Send the app's token (obtained through `token(app)`); a probe without one goes bare. */
  readonly withToken: boolean;
}

/** A probe's answer, or why there was none. A redirect is an answer here, never followed. */
export type ProbeResponse =
  | { readonly kind: 'answer'; readonly status: number; readonly body: unknown; readonly durationMs: number }
  | { readonly kind: 'redirect'; readonly status: number; readonly location: string | undefined; readonly durationMs: number }
  | { readonly kind: 'no-token'; readonly reason: string }
  | { readonly kind: 'error'; readonly message: string; readonly durationMs: number };

/** One check: a small async function with an id, a title, and the checks it depends on. */
export interface Check {
  readonly id: string;
  readonly title: string;
  readonly app?: string;
  /** Ids of earlier checks in the same group; when one failed (or cascaded a skip) this one is skipped. */
  readonly needs?: readonly string[];
  run(ctx: CheckContext, signal: AbortSignal): Promise<CheckOutcome>;
}

/** Shorthands for outcomes. */
export const ok = (summary: string, data?: Record<string, unknown>): CheckOutcome => ({ status: 'ok', summary, data });
export const warn = (summary: string, fix: string, data?: Record<string, unknown>): CheckOutcome => ({ status: 'warn', summary, fix, data });
export const fail = (summary: string, fix: string, data?: Record<string, unknown>): CheckOutcome => ({ status: 'fail', summary, fix, data });
export const skip = (summary: string, options: { cascade?: string; data?: Record<string, unknown> } = {}): CheckOutcome => ({
  status: 'skipped',
  summary,
  cascade: options.cascade,
  data: options.data,
});

/** "host[:port]" of a URL, for display (never its query, which may carry a refresh token). */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '(invalid URL)';
  }
}

/** A duration for people: "42 s", "4 min 30 s", "60 min" (whole minutes from 10 min up). */
export function humanDuration(ms: number): string {
  const s = Math.round(Math.abs(ms) / 1000);
  const sign = ms < 0 ? '-' : '';
  if (s < 60) return `${sign}${s} s`;
  if (s >= 600 && s < 7200) return `${sign}${Math.round(s / 60)} min`;
  const m = Math.floor(s / 60);
  if (m < 120) return `${sign}${m} min${s % 60 ? ` ${s % 60} s` : ''}`;
  return `${sign}${Math.floor(m / 60)} h ${m % 60} min`;
}

/**
 * The failed row for a URL that could not be reached: through a proxy, the proxy is named
 * (with the variable to change) as the likely cause, else the URL's own variable.
 */
export function unreachable(config: Config, what: string, url: string, variable: string, problem: string, data: Record<string, unknown>): CheckOutcome {
  const route = proxyRoute(config.proxy, url);
  if (route) {
    return fail(
      `${what} could not be reached through ${route.variable} ${route.shown} (${problem})`,
      `see the proxy row: start the proxy or set ${route.variable} to one that runs (to connect directly, unset it or add ${hostOf(url).split(':')[0]} to NO_PROXY); if the proxy runs, check ${variable} (now ${url})`,
      { ...data, proxy: route.variable },
    );
  }
  return fail(`${what} could not be reached (${problem})`, `check ${variable} (now ${url}), DNS and the firewall`, data);
}
