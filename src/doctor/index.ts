import { ConfigError, loadConfig } from '../config/load.js';
import type { Config } from '../config/types.js';
import { UPSTREAM_APPS, type AppDefinition, type UpstreamApp } from '../apps/registry.js';
import type { Transport } from '../net/transport.js';
import type { Check, CheckResult, CheckStatus } from '../diagnosis/check.js';
import { baseUrlCheck } from './checks/base-url.js';
import { clockSkewCheck } from './checks/clock-skew.js';
import { configurationCheck } from './checks/configuration.js';
import { credentialCheck } from './checks/credential.js';
import { proxyCheck } from './checks/proxy.js';
import { tokenEndpointCheck } from './checks/token-endpoint.js';
import { tokenLifetimeCheck } from './checks/token-lifetime.js';
import { tokenCheck } from './checks/token.js';
import { createDoctorContext } from './context.js';
import { redactReport } from './redact.js';
import type { DoctorReport } from './render.js';
import { runChecks } from './runner.js';

export { renderJson, renderTable, type DoctorReport } from './render.js';

export interface DoctorOptions {
  /** The environment the gateway reads (loadConfig). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Apps not to check (the user does not use them). */
  readonly skip?: readonly UpstreamApp[];
  readonly version?: string;
  /** The gateway's transport by default; tests may wrap it. */
  readonly transport?: Transport;
  readonly clock?: () => number;
}

/** The apps doctor checks, in report order. */
export const DOCTOR_APPS: readonly UpstreamApp[] = UPSTREAM_APPS.map((app) => app.key);

/**
 * The checks of one app, in order; each needs only earlier ones of its own app: its credential,
 * its token endpoint (apps with an OAuth scope), its token and that token's lifetime, its base
 * URL (apps with a probe), then the app's own checks (`doctor` in its definition).
 */
function appChecks(app: AppDefinition): Check[] {
  const kensho = app.scope !== '';
  return [
    credentialCheck(app.key),
    ...(kensho ? [tokenEndpointCheck(app.key)] : []),
    tokenCheck(app.key),
    ...(kensho ? [tokenLifetimeCheck(app.key)] : []),
    ...(app.doctor.probe ? [baseUrlCheck(app.key, app.doctor.probe)] : []),
    ...(app.doctor.checks ?? []),
  ];
}

function skippedApp(app: UpstreamApp): Check {
  return { id: `${app}.credential`, title: `${app} credential`, app, run: async () => ({ status: 'skipped', summary: `not checked (--skip ${app})`, cascade: `--skip ${app}` }) };
}

/**
 * Runs every check against the configured upstreams with the configured credentials, and
 * returns the report (nothing is printed here). Never throws for a bad configuration: that is a
 * failed row, so --json callers always get JSON.
 */
export async function runDoctor(options: DoctorOptions): Promise<DoctorReport> {
  const clock = options.clock ?? Date.now;
  const startedAt = new Date(clock()).toISOString();
  const version = options.version ?? '0.0.0';
  let config: Config;
  try {
    config = loadConfig(options.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // ConfigError messages name variables and never echo a secret value.
    const row: CheckResult = { id: 'config', title: 'configuration', app: undefined, status: 'fail', summary: `invalid: ${error.problems.join('; ')}`, fix: 'fix the variables named above', durationMs: 0 };
    return finish({ version, startedAt, results: [row], secrets: [] });
  }
  const ctx = createDoctorContext(config, { transport: options.transport, clock, version });
  try {
    const skip = new Set(options.skip ?? []);
    const groups = UPSTREAM_APPS.map((app) => (skip.has(app.key) ? [skippedApp(app.key)] : appChecks(app)));
    const results = await runChecks([[[configurationCheck, proxyCheck]], groups, [[clockSkewCheck]]], ctx, { timeoutMs: config.upstreams.timeoutMs });
    return finish({ version, startedAt, results, secrets: [...ctx.secrets(), ...proxySecrets(config)] });
  } finally {
    ctx.close();
  }
}

function finish(run: { version: string; startedAt: string; results: CheckResult[]; secrets: string[] }): DoctorReport {
  const counts: Record<CheckStatus, number> = { ok: 0, warn: 0, fail: 0, skipped: 0 };
  for (const r of run.results) counts[r.status] += 1;
  const checks = run.results.map(({ cascade: _cascade, ...rest }) => rest);
  const report: DoctorReport = { tool: 'kensho-gateway doctor', version: run.version, startedAt: run.startedAt, ok: counts.fail === 0, exitCode: counts.fail === 0 ? 0 : 1, counts, checks };
  return redactReport(report, run.secrets);
}

/** A proxy URL's user and password (the display form never shows them; this is a second guard). */
function proxySecrets(config: Config): string[] {
  const out: string[] = [];
  for (const raw of [config.proxy.httpsProxy, config.proxy.httpProxy]) {
    if (!raw) continue;
    try {
      const url = new URL(raw);
      if (url.password) out.push(url.password, decodeURIComponent(url.password));
    } catch {
      /* not a URL: config validation already refused it */
    }
  }
  return out;
}
