/**
 * Who is the authority for an (indicator, unit) when two sources' scopes overlap (DESIGN §4 "Who writes what"). Pure:
 * `isWithin(code, scope)` is the unit registry's test that `code` is `scope` or lies below it.
 *
 * A source may record the sources it yields to (`yieldsTo`): for the (indicator, unit) pairs their scopes share, the
 * other one is the authority and its own items are refused. Two overlapping sources with no such decision either way
 * are in conflict: saving one of them needs an admin to say which wins.
 */
export interface AuthorityScope {
  id: string;
  units: readonly string[];
  indicators: readonly string[] | '*';
  /** The sources that win over this one where their scopes overlap. */
  yieldsTo?: readonly string[];
}

export type IsWithin = (code: string, scope: string) => boolean;

/** The (indicator, unit) pairs two scopes share: indicators (or all, '*') × units (the narrower of each nested pair). */
export interface ScopeOverlap {
  indicators: string[] | '*';
  units: string[];
}

export function sharedIndicators(a: readonly string[] | '*', b: readonly string[] | '*'): string[] | '*' {
  if (a === '*') return b === '*' ? '*' : [...b];
  if (b === '*') return [...a];
  return a.filter((i) => b.includes(i));
}

export function sharedUnits(a: readonly string[], b: readonly string[], isWithin: IsWithin): string[] {
  const out = new Set<string>();
  for (const u of a) {
    for (const v of b) {
      if (isWithin(u, v)) out.add(u);
      else if (isWithin(v, u)) out.add(v);
    }
  }
  return [...out];
}

/** What two scopes share, or undefined when nothing. */
export function scopeOverlap(
  a: Pick<AuthorityScope, 'units' | 'indicators'>,
  b: Pick<AuthorityScope, 'units' | 'indicators'>,
  isWithin: IsWithin,
): ScopeOverlap | undefined {
  const indicators = sharedIndicators(a.indicators, b.indicators);
  if (indicators !== '*' && indicators.length === 0) return undefined;
  const units = sharedUnits(a.units, b.units, isWithin);
  return units.length === 0 ? undefined : { indicators, units };
}

/** True when an admin has said which of the two wins (either way). */
export function authorityDecided(a: AuthorityScope, b: AuthorityScope): boolean {
  return (a.yieldsTo?.includes(b.id) ?? false) || (b.yieldsTo?.includes(a.id) ?? false);
}

export interface AuthorityConflict {
  source: string;
  overlap: ScopeOverlap;
}

/** The other sources `candidate` overlaps; with `undecided`, only those with no decision yet (a save must name one). */
export function overlapsOf(candidate: AuthorityScope, others: readonly AuthorityScope[], isWithin: IsWithin, undecided = false): AuthorityConflict[] {
  const out: AuthorityConflict[] = [];
  for (const other of others) {
    if (other.id === candidate.id || (undecided && authorityDecided(candidate, other))) continue;
    const overlap = scopeOverlap(candidate, other, isWithin);
    if (overlap) out.push({ source: other.id, overlap });
  }
  return out;
}

/** How an admin settles a save's overlaps: the saved source wins over every source it overlaps, or yields to them. */
export type AuthorityChoice = 'wins' | 'yields';

/**
 * The `yieldsTo` lists after saving `candidate` with `choice` over the sources it overlaps: a map from source id to
 * its new list, for the sources whose list changes (the candidate's included when it does).
 */
export function settleAuthority(
  candidate: AuthorityScope,
  overlapping: readonly AuthorityScope[],
  choice: AuthorityChoice,
): Map<string, string[]> {
  const changed = new Map<string, string[]>();
  const own = new Set(candidate.yieldsTo ?? []);
  for (const other of overlapping) {
    const theirs = new Set(other.yieldsTo ?? []);
    if (choice === 'wins') {
      own.delete(other.id);
      if (!theirs.has(candidate.id)) changed.set(other.id, [...theirs, candidate.id]);
    } else {
      own.add(other.id);
      if (theirs.delete(candidate.id)) changed.set(other.id, [...theirs]);
    }
  }
  const before = candidate.yieldsTo ?? [];
  if (own.size !== before.length || before.some((id) => !own.has(id))) changed.set(candidate.id, [...own]);
  return changed;
}

/** The source that is the authority for (indicator, unit) instead of `source`, among the ones it yields to, if any. */
export function authorityOver(indicator: string, unit: string, winners: readonly AuthorityScope[], isWithin: IsWithin): string | undefined {
  for (const w of winners) {
    if ((w.indicators === '*' || w.indicators.includes(indicator)) && w.units.some((u) => isWithin(unit, u))) return w.id;
  }
  return undefined;
}
