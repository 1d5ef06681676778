/**
 * Rules that can change by law are data: each value carries the date it took effect, the date it stopped
 * (if any) and the legal source it comes from, with an honest reliability mark.
 */
import { compareDates } from './dates.ts';

/** How far a rule's source can be trusted. `official`: official text or outlet; `secondary`: reputable
 * press or several secondary sources; `unverified`: a single unofficial source, a representative value
 * or a product setting — verify before using it in a legal decision. */
export type SourceReliability = 'official' | 'secondary' | 'unverified';

export interface LegalSource {
  title: string;
  url?: string;
  reliability: SourceReliability;
}

/**
 * One version of a rule. `effectiveFrom` is inclusive; `effectiveTo`, when present, is the last day the
 * version is in force (inclusive), so a successor normally starts on the next day.
 */
export interface Versioned<T> {
  effectiveFrom: string;
  effectiveTo?: string;
  source: LegalSource;
  value: T;
}

/**
 * Used as `effectiveFrom` when the start date of a long-standing rule was not established: the version
 * then applies to every date of interest. The README lists which rules use it.
 */
export const SINCE_UNKNOWN = '1900-01-01';

export function isInForce<T>(version: Versioned<T>, onDate: string): boolean {
  if (compareDates(version.effectiveFrom, onDate) > 0) return false;
  return version.effectiveTo === undefined || compareDates(onDate, version.effectiveTo) <= 0;
}

/**
 * The version in force on `onDate` (an ISO civil date). When several overlap, the one with the latest
 * `effectiveFrom` wins. Throws a RangeError when none is in force.
 */
export function ruleAt<T>(versions: readonly Versioned<T>[], onDate: string): Versioned<T> {
  let best: Versioned<T> | undefined;
  for (const version of versions) {
    if (!isInForce(version, onDate)) continue;
    if (best === undefined || compareDates(version.effectiveFrom, best.effectiveFrom) > 0) best = version;
  }
  if (best === undefined) throw new RangeError(`no rule version in force on ${onDate}`);
  return best;
}
