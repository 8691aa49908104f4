import { scrubUpstreamText } from '../errors.js';
import type { Check, CheckContext, CheckOutcome, CheckResult } from '../diagnosis/check.js';
import { CallTimeoutError, within } from '../net/within.js';

export interface RunOptions {
  /** Budget of each check (the gateway's UPSTREAM_TIMEOUT_MS). */
  readonly timeoutMs: number;
}

/**
 * Runs checks group by group: the groups of one stage run side by side (one per upstream, so a
 * slow host does not hold the others up), the checks of one group in order, each with its own
 * timeout. A check whose prerequisite failed is skipped, saying which one. Results come back in
 * the order the checks were listed.
 */
export async function runChecks(stages: ReadonlyArray<ReadonlyArray<readonly Check[]>>, ctx: CheckContext, options: RunOptions): Promise<CheckResult[]> {
  const results = new Map<string, CheckResult>();
  for (const stage of stages) {
    await Promise.all(
      stage.map(async (group) => {
        for (const check of group) results.set(check.id, await runOne(check, ctx, results, options.timeoutMs));
      }),
    );
  }
  return stages.flat(2).map((check) => results.get(check.id)!);
}

async function runOne(check: Check, ctx: CheckContext, done: ReadonlyMap<string, CheckResult>, timeoutMs: number): Promise<CheckResult> {
  const base = { id: check.id, title: check.title, app: check.app };
  for (const id of check.needs ?? []) {
    const needed = done.get(id);
    if (needed && (needed.status === 'fail' || (needed.status === 'skipped' && needed.cascade))) {
      const why = needed.status === 'fail' ? `${needed.title} failed` : needed.cascade!;
      return { ...base, status: 'skipped', summary: `skipped: ${why}`, cascade: why, durationMs: 0 };
    }
  }
  const started = ctx.clock();
  const controller = new AbortController();
  let outcome: CheckOutcome;
  try {
    outcome = await within(check.run(ctx, controller.signal), timeoutMs, 'check');
  } catch (error) {
    if (error instanceof CallTimeoutError) {
      controller.abort(new Error(`check timed out after ${timeoutMs} ms`));
      outcome = { status: 'fail', summary: `did not finish within ${timeoutMs} ms`, fix: 'check the network path to this host (firewall, proxy, DNS), or raise UPSTREAM_TIMEOUT_MS' };
    } else {
      // A check that throws is a doctor bug or an unexpected answer: report it, keep going.
      outcome = {
        status: 'fail',
        summary: `could not run: ${scrubUpstreamText(error instanceof Error ? error.message : String(error))}`,
        fix: 'run again; if it persists, report it with this output',
      };
    }
  }
  return { ...base, ...outcome, durationMs: ctx.clock() - started };
}
