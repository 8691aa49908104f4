import { BadUserInputError } from '../../errors.js';
import type { CompanyRecordInput } from '../../generated/resolvers-types.js';
import type { LinkRecordWire } from './wire.js';

/** Limits on one record's fields (Link publishes none [assumed]: generous, but bounded). */
export const RECORD_LIMITS = Object.freeze({ uidChars: 256, nameChars: 500, fieldChars: 1_000, aliases: 50, minYear: 1000, maxYear: 2100 });

/** Problems reported at most; a request with thousands of bad records gets the first ones. */
const MAX_PROBLEMS = 20;

/**
 * Checks the records against Link's contract (UPSTREAMS-MORE §3, "Body") and the gateway's
 * limits, and turns them into Link's snake_case records. Every problem is collected, so one
 * BAD_USER_INPUT names them all (up to 20), each with the record's index; nothing is sent until
 * all records are good.
 */
export function linkRecords(records: readonly CompanyRecordInput[], maxRecords: number): LinkRecordWire[] {
  if (records.length > maxRecords) {
    throw new BadUserInputError(`records has ${records.length} entries; this gateway accepts at most ${maxRecords} per request`, { argument: 'records', count: records.length, maxRecords });
  }
  const problems: string[] = [];
  const seen = new Map<string, number>();
  const out = records.map((record, i) => {
    const at = `records[${i}]`;
    const problem = (text: string) => problems.push(`${at}: ${text}`);
    const uid = record.uid;
    if (uid.trim() === '') problem('uid must not be blank');
    else if (uid.length > RECORD_LIMITS.uidChars) problem(`uid is longer than ${RECORD_LIMITS.uidChars} characters`);
    const earlier = seen.get(uid);
    if (earlier !== undefined) problem(`uid "${uid.slice(0, 40)}" repeats records[${earlier}] (Link ties answers to records by uid)`);
    else seen.set(uid, i);
    if (record.name.trim() === '') problem('name must not be blank');
    else if (record.name.length > RECORD_LIMITS.nameChars) problem(`name is longer than ${RECORD_LIMITS.nameChars} characters`);
    const aliases = record.aliases ?? [];
    if (aliases.length > RECORD_LIMITS.aliases) problem(`has ${aliases.length} aliases; at most ${RECORD_LIMITS.aliases}`);
    aliases.forEach((a, j) => {
      if (a.trim() === '') problem(`aliases[${j}] must not be blank`);
      else if (a.length > RECORD_LIMITS.nameChars) problem(`aliases[${j}] is longer than ${RECORD_LIMITS.nameChars} characters`);
    });
    const country = record.countryIso3?.trim();
    if (country != null && country !== '' && !/^[A-Za-z]{3}$/.test(country)) problem(`countryIso3 "${country.slice(0, 10)}" is not three letters (ISO 3166-1 alpha-3, e.g. USA)`);
    if (record.yearFounded != null && (record.yearFounded < RECORD_LIMITS.minYear || record.yearFounded > RECORD_LIMITS.maxYear)) {
      problem(`yearFounded ${record.yearFounded} is not between ${RECORD_LIMITS.minYear} and ${RECORD_LIMITS.maxYear}`);
    }
    for (const field of ['address', 'city', 'state', 'zipcode', 'url', 'phoneNumber'] as const) {
      const v = record[field];
      if (v != null && v.length > RECORD_LIMITS.fieldChars) problem(`${field} is longer than ${RECORD_LIMITS.fieldChars} characters`);
    }
    return toWire(record, country);
  });
  if (problems.length > 0) {
    const shown = problems.slice(0, MAX_PROBLEMS);
    const more = problems.length - shown.length;
    throw new BadUserInputError(`records are not valid: ${shown.join('; ')}${more > 0 ? `; and ${more} more` : ''}`, { argument: 'records', problems: shown, problemCount: problems.length });
  }
  return out;
}

/** Link's record: empty optional strings are left out rather than sent as features. */
function toWire(record: CompanyRecordInput, country: string | undefined): LinkRecordWire {
  const text = (v: string | null | undefined): string | undefined => (v != null && v.trim() !== '' ? v.trim() : undefined);
  const wire: LinkRecordWire = { uid: record.uid, name: record.name.trim() };
  const aliases = (record.aliases ?? []).map((a) => a.trim()).filter((a) => a !== '');
  if (aliases.length > 0) wire.aliases = aliases;
  if (country) wire.country_iso3 = country.toUpperCase();
  const optional = { address: text(record.address), city: text(record.city), state: text(record.state), zipcode: text(record.zipcode), url: text(record.url), phone_number: text(record.phoneNumber) };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) (wire as unknown as Record<string, string>)[key] = value;
  if (record.yearFounded != null) wire.year_founded = record.yearFounded;
  return wire;
}
