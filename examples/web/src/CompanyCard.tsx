import { CombinedGraphQLErrors } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import type { CompanyCardQuery as CompanyCardResult } from './gql/graphql';
import { CompanyCardQuery } from './operations';

type Bar = NonNullable<NonNullable<NonNullable<CompanyCardResult['company']>['primaryListing']>['prices']>['bars'][number];

const W = 340;
const H = 150;
const PAD = { left: 8, right: 8, top: 18, bottom: 30 };

/**
 * Closing prices as an SVG polyline. Decimal strings become numbers only to place the points;
 * the labels show kFinance's exact strings (first/last dates, lowest/highest close).
 */
export function PriceChart({ bars, currency }: { bars: readonly Bar[]; currency: string | null }) {
  const closes = bars.filter((b): b is Bar & { close: string } => b.close !== null);
  if (closes.length < 2) return <p className="note">Not enough prices to draw a chart.</p>;
  const values = closes.map((b) => Number(b.close));
  const min = Math.min(...values);
  const max = Math.max(...values);
  const lo = closes[values.indexOf(min)];
  const hi = closes[values.indexOf(max)];
  const span = max - min || 1;
  const x = (i: number) => PAD.left + (i / (closes.length - 1)) * (W - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + ((max - v) / span) * (H - PAD.top - PAD.bottom);
  const points = values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  const first = closes[0];
  const last = closes[closes.length - 1];
  const cur = currency ? ` ${currency}` : '';
  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        width={W}
        height={H}
        role="img"
        aria-label={`Closing prices from ${first.label} to ${last.label}: lowest ${lo.close}${cur} (${lo.label}), highest ${hi.close}${cur} (${hi.label}), last ${last.close}${cur}`}
      >
        <line className="axis" x1={PAD.left} x2={W - PAD.right} y1={H - PAD.bottom} y2={H - PAD.bottom} />
        <line className="guide" x1={PAD.left} x2={W - PAD.right} y1={y(max)} y2={y(max)} />
        <line className="guide" x1={PAD.left} x2={W - PAD.right} y1={y(min)} y2={y(min)} />
        <polyline className="closes" points={points} />
        <text className="max" x={W - PAD.right} y={y(max) - 4} textAnchor="end">
          high {hi.close}
        </text>
        <text className="min" x={W - PAD.right} y={y(min) + 11} textAnchor="end">
          low {lo.close}
        </text>
        <text className="first" x={PAD.left} y={H - 2}>
          {first.label}
        </text>
        <text className="last" x={W - PAD.right} y={H - 2} textAnchor="end">
          {last.label}
        </text>
      </svg>
      <figcaption>
        Daily close{cur}, last {last.close} on {last.label}
      </figcaption>
    </figure>
  );
}

/** The error of one field of the answer (by the last segment of its path), if any. */
function fieldError(error: unknown, field: string) {
  return CombinedGraphQLErrors.is(error) ? error.errors.find((e) => e.path?.at(-1) === field) : undefined;
}

function Problem({ error, what }: { error: ReturnType<typeof fieldError>; what: string }) {
  if (!error) return null;
  const forbidden = error.extensions?.code === 'UPSTREAM_FORBIDDEN';
  return <p className={forbidden ? 'note not-entitled' : 'error'}>{forbidden ? `${what}: not entitled (${String(error.extensions?.entitlement ?? error.message)})` : `${what}: ${error.message}`}</p>;
}

/** A kFinance company by CapIQ id: name, ticker, country, summary and a year of closes, in one query. */
export function CompanyCard({ id, label, onClose }: { id: string; label: string; onClose: () => void }) {
  // One year back from today; kept stable so the variables (and the cache entry) do not change.
  const [from] = useState(() => new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10));
  const { data, loading, error } = useQuery(CompanyCardQuery, { variables: { id, from }, errorPolicy: 'all' });
  const company = data?.company;
  const companyError = fieldError(error, 'company');
  const prices = company?.primaryListing?.prices;
  return (
    <aside className="company-card" aria-label={`Company ${label}`} aria-busy={loading} data-company={id}>
      <button type="button" className="close" onClick={onClose} aria-label="Close the company card">
        ×
      </button>
      {loading ? (
        <p className="note">Loading {label} from kFinance…</p>
      ) : company ? (
        <>
          <h3 className="company-name">{company.name ?? label}</h3>
          <p className="company-meta">
            {company.ticker && <span className="ticker">{company.ticker}</span>}
            {company.country && <span className="country">{company.country}</span>}
            {company.simpleIndustry && <span>{company.simpleIndustry}</span>}
            <span className="capiq">Capital IQ {company.id}</span>
          </p>
          {company.summary && <p className="summary">{company.summary.length > 280 ? `${company.summary.slice(0, 280)}…` : company.summary}</p>}
          <Problem error={fieldError(error, 'summary')} what="Summary" />
          {prices ? (
            <PriceChart bars={prices.bars} currency={prices.currency} />
          ) : company.primaryListing === null ? (
            <p className="note">Not listed: no prices.</p>
          ) : (
            <Problem error={fieldError(error, 'prices')} what="Prices" />
          )}
        </>
      ) : companyError ? (
        <Problem error={companyError} what={label} />
      ) : error && !CombinedGraphQLErrors.is(error) ? (
        <p className="error" role="alert">
          {error.message}
        </p>
      ) : (
        <p className="note no-data">
          {label} (Capital IQ {id}): no kFinance data.
        </p>
      )}
    </aside>
  );
}
