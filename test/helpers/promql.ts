/** Words of PromQL that are not metric names where they stand alone. */
const KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'and', 'or', 'unless', 'bool', 'offset', 'inf', 'nan', 'atan2']);

/**
 * The metric names a PromQL expression reads (https://prometheus.io/docs/prometheus/latest/querying/basics/):
 * every identifier that is not a function (followed by "("), a keyword, a label (inside `{…}` or
 * a `by (…)`-style list), a duration or a Grafana variable. Good enough for a dashboard's
 * queries, which is what it checks; not a PromQL parser.
 */
export function metricNames(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\$\{?\w+\}?/g, ' ');
  const names: string[] = [];
  for (const m of bare.matchAll(/(?<![\w.])[A-Za-z_:][A-Za-z0-9_:]*/g)) {
    if (bare.slice(m.index + m[0].length).trimStart().startsWith('(')) continue;
    if (KEYWORDS.has(m[0].toLowerCase())) continue;
    names.push(m[0]);
  }
  return names;
}

/**
 * The sample names a Prometheus text exposition can hold: each sample line's name, and for each
 * `# TYPE` the names its samples take (a histogram's _bucket, _sum and _count) even before any
 * sample exists (a labelled counter has none until it first counts).
 */
export function exposedNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const line of text.split('\n')) {
    const type = /^# TYPE (\S+) (\w+)/.exec(line);
    if (type) {
      const [, name, kind] = type;
      const suffixes = kind === 'histogram' ? ['_bucket', '_sum', '_count'] : kind === 'summary' ? ['', '_sum', '_count'] : [''];
      for (const suffix of suffixes) names.add(`${name}${suffix}`);
    } else if (line && !line.startsWith('#')) {
      names.add(/^[A-Za-z_:][A-Za-z0-9_:]*/.exec(line)![0]);
    }
  }
  return names;
}

/** A Grafana dashboard's panels (rows' nested panels included) and template-variable queries, as PromQL. */
export function dashboardQueries(dashboard: { panels?: unknown[]; templating?: { list?: unknown[] } }): Array<{ where: string; expr: string }> {
  type Panel = { title?: string; panels?: Panel[]; targets?: Array<{ expr?: string }> };
  const out: Array<{ where: string; expr: string }> = [];
  const visit = (panels: Panel[] | undefined) => {
    for (const panel of panels ?? []) {
      for (const target of panel.targets ?? []) if (target.expr) out.push({ where: `panel "${panel.title}"`, expr: target.expr });
      visit(panel.panels);
    }
  };
  visit(dashboard.panels as Panel[] | undefined);
  for (const variable of (dashboard.templating?.list ?? []) as Array<{ name: string; type: string; query?: string | { query?: string } }>) {
    if (variable.type !== 'query') continue;
    const query = typeof variable.query === 'string' ? variable.query : (variable.query?.query ?? '');
    // label_values(<series selector>, <label>): only the selector names a metric.
    const labelValues = /^label_values\((.*),\s*\w+\)$/.exec(query.trim());
    out.push({ where: `variable $${variable.name}`, expr: labelValues ? labelValues[1]! : query });
  }
  return out;
}
