import type { CheckResult, CheckStatus } from '../diagnosis/check.js';

/** The whole doctor run, as printed with --json. */
export interface DoctorReport {
  readonly tool: 'kensho-gateway doctor';
  readonly version: string;
  readonly startedAt: string;
  /** False when any check failed; the command then exits 1. */
  readonly ok: boolean;
  readonly exitCode: 0 | 1;
  readonly counts: Readonly<Record<CheckStatus, number>>;
  readonly checks: ReadonlyArray<Omit<CheckResult, 'cascade'>>;
}

const LABEL: Record<CheckStatus, string> = { ok: 'ok', warn: 'WARN', fail: 'FAIL', skipped: 'skip' };

/** A plain-text table: one row per check, the fix under every warn and fail row. */
export function renderTable(report: DoctorReport): string {
  const width = Math.max(5, ...report.checks.map((c) => c.title.length));
  const lines = [`Kensho Gateway doctor ${report.version}  ${report.startedAt}`, '', `${'STATUS'.padEnd(6)}  ${'CHECK'.padEnd(width)}  RESULT`];
  for (const c of report.checks) {
    lines.push(`${LABEL[c.status].padEnd(6)}  ${c.title.padEnd(width)}  ${c.summary}`);
    if (c.fix && (c.status === 'warn' || c.status === 'fail')) lines.push(`${''.padEnd(6)}  ${''.padEnd(width)}  fix: ${c.fix}`);
  }
  const { ok, warn, fail, skipped } = report.counts;
  lines.push('');
  lines.push(
    `${ok} ok, ${warn} warning${warn === 1 ? '' : 's'}, ${fail} failed, ${skipped} skipped` +
      (fail > 0 ? ': something the gateway needs is broken (see the fix lines)' : warn > 0 ? ': the gateway will work; see the warnings' : ': the gateway will work with this configuration'),
  );
  return `${lines.join('\n')}\n`;
}

/** The report as JSON (stable field names; `data` holds each check's non-secret facts). */
export function renderJson(report: DoctorReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
