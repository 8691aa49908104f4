import { hostOf, ok, skip, warn, type Check } from '../../diagnosis/check.js';

/** Above this, Skykit JWTs and Okta assertions start failing at the edges of their validity. */
const SKEW_WARN_MS = 30_000;

/**
 * This machine's clock against each server's `Date` header, from every answer doctor received.
 * `Date` has 1 s resolution, so half a second is added to its value; the median answer per
 * host is used.
 */
export const clockSkewCheck: Check = {
  id: 'clock',
  title: 'clock skew',
  async run(ctx) {
    const byOrigin = new Map<string, number[]>();
    for (const o of ctx.observations) {
      if (o.serverDate === undefined) continue;
      const list = byOrigin.get(o.origin) ?? [];
      list.push(o.serverDate + 500 - o.receivedAt);
      byOrigin.set(o.origin, list);
    }
    if (byOrigin.size === 0) return skip('no server answered with a Date header');
    const hosts = [...byOrigin].map(([origin, skews]) => ({ host: hostOf(origin), skewSeconds: Math.round(median(skews) / 1000) }));
    const data = { hosts, thresholdSeconds: SKEW_WARN_MS / 1000 };
    const shown = hosts.map((h) => `${h.host} ${h.skewSeconds >= 0 ? '+' : ''}${h.skewSeconds} s`).join(', ');
    const off = hosts.filter((h) => Math.abs(h.skewSeconds) * 1000 > SKEW_WARN_MS);
    if (off.length === 0) return ok(`within ${SKEW_WARN_MS / 1000} s of every server (${shown})`, data);
    const worst = off.reduce((a, b) => (Math.abs(b.skewSeconds) > Math.abs(a.skewSeconds) ? b : a));
    const direction = worst.skewSeconds > 0 ? 'behind' : 'ahead of';
    return warn(
      `this machine's clock is ${Math.abs(worst.skewSeconds)} s ${direction} ${worst.host} (${shown})`,
      `sync this machine's clock (NTP: timedatectl set-ntp true, chronyd); Okta assertions (KENSHO_ASSERTION_LIFETIME_SECONDS=${ctx.config.kensho.keyPair?.assertionLifetimeSeconds ?? 300}) and Skykit JWTs are checked against the server's clock`,
      data,
    );
  },
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
