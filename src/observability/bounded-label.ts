/**
 * A metric label from a string a caller chose (an operation name, a client name or version),
 * kept to a fixed number of distinct values: every distinct label value is a time series in
 * Prometheus, and a client sending a new name with each request would otherwise grow /metrics
 * and the monitoring system without end. A value of the wrong shape is `invalid`; one arriving
 * once the set is full is `other`; none at all is `absent`.
 */
export class BoundedLabel {
  private readonly seen = new Set<string>();

  constructor(
    private readonly pattern: RegExp,
    /** Distinct values kept (per scope, counted together). */
    readonly max: number,
    private readonly absent: string,
  ) {}

  /**
   * The label for `value`. With a `scope` (a client's label, for its versions) the set counts
   * (scope, value) pairs, so the bound holds for the pair of labels, not each alone.
   */
  label(value: string | null | undefined, scope?: string): string {
    if (!value) return this.absent;
    if (!this.pattern.test(value)) return 'invalid';
    const key = scope === undefined ? value : `${scope}\n${value}`;
    if (this.seen.has(key)) return value;
    if (this.seen.size >= this.max) return 'other';
    this.seen.add(key);
    return value;
  }
}
