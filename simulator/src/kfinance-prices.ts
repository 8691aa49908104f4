import type { SimCompany } from './kfinance-data.js';

/** The simulated kFinance's daily prices (UPSTREAMS-MORE §2.5): a pure function of company and day. */

export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
export const DAY_MS = 86_400_000;
/** First day of the simulated price history. */
export const HISTORY_START = Date.UTC(2023, 0, 2);

export interface DayBar {
  t: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** Weekday bars (prices in cents) between two UTC midnights, inclusive; a pure function of the day. */
export function dailyBars(c: SimCompany, from: number, to: number): DayBar[] {
  const base = c.listing!.basePriceCents;
  const seed = Number(c.companyId) % 97;
  const closeOf = (day: number) => Math.round(base * (1 + 0.08 * Math.sin(day / 11 + seed) + 0.0004 * (day - 19_000)));
  const out: DayBar[] = [];
  for (let t = from; t <= to; t += DAY_MS) {
    const weekday = new Date(t).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    const day = Math.floor(t / DAY_MS);
    const close = closeOf(day);
    const open = closeOf(day - 1);
    const spread = Math.round(base * 0.006) + (day % 7);
    out.push({ t, open, close, high: Math.max(open, close) + spread, low: Math.min(open, close) - spread, volume: 1_000_000 + ((day * 7919 + seed * 104_729) % 9_000_000) });
  }
  return out;
}

/** Cents as kFinance's 6-decimal price string ("133.520000"). */
export function cents(v: number): string {
  return `${Math.floor(v / 100)}.${String(v % 100).padStart(2, '0')}0000`;
}

/** ISO-8601 week-numbering year and week of a UTC date. */
export function isoWeek(d: Date): { year: number; week: number } {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  return { year: t.getUTCFullYear(), week: Math.ceil(((t.getTime() - yearStart) / DAY_MS + 1) / 7) };
}
