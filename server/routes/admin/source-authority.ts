import { isSimulatedSource } from '../../../core/contract/series';
import { overlapsOf, settleAuthority, type AuthorityChoice, type AuthorityScope } from '../../../core/sources/source-authority';
import { listSources, saveSources, withYieldsTo, type SourceRecord } from '../../../store/sources.repo';
import type { ServerContext } from '../../context';
import { HttpError } from '../../http-errors';

/** The sources an overlap is checked against: feeds that push or are pulled, not links, uploads, demo or revoked ones. */
const competes = (s: SourceRecord) => (s.kind === undefined || s.kind === 'connector') && !isSimulatedSource(s.id) && s.revokedAt === undefined;

export interface SettledAuthority {
  /** Writes the decisions once the candidate is saved; returns its record with its own `yieldsTo`. */
  apply(saved: SourceRecord): Promise<SourceRecord>;
  /** For the audit entry: the choice and the sources it was made over. */
  detail: { authority?: AuthorityChoice; over?: string[] };
}

/** A save with no overlap to settle. */
export const NOTHING_TO_SETTLE: SettledAuthority = { apply: async (saved) => saved, detail: {} };

/**
 * Before a source is saved with `candidate`'s scope: a 409 `authority_conflict` naming each source it overlaps with no
 * decision yet and what they share, unless the request says `authority` ('wins' | 'yields'); then that choice is
 * made over every source it overlaps.
 */
export async function settleSourceAuthority(ctx: ServerContext, candidate: AuthorityScope, authority: AuthorityChoice | undefined): Promise<SettledAuthority> {
  const isWithin = (code: string, scope: string) => ctx.domain.registry.isWithin(code, scope);
  const others = (await listSources(ctx.redis, ctx.keys)).filter((s) => s.id !== candidate.id && competes(s));
  if (authority === undefined) {
    const conflicts = overlapsOf(candidate, others, isWithin, true);
    if (conflicts.length > 0) {
      const byId = new Map(others.map((s) => [s.id, s]));
      const words = conflicts.map((c) => `'${c.source}' (${c.overlap.indicators === '*' ? 'every indicator' : c.overlap.indicators.join(', ')} in ${c.overlap.units.join(', ')})`);
      throw new HttpError(409, 'authority_conflict', `this scope overlaps source ${words.join('; ')}: say which is the authority with "authority": "wins" or "yields"`, undefined, {
        conflicts: conflicts.map((c) => ({ source: c.source, name: byId.get(c.source)?.name ?? c.source, overlap: c.overlap })),
      });
    }
    return NOTHING_TO_SETTLE;
  }
  const overlapping = new Set(overlapsOf(candidate, others, isWithin).map((c) => c.source));
  const changes = settleAuthority(candidate, others.filter((s) => overlapping.has(s.id)), authority);
  return {
    detail: { authority, over: [...overlapping] },
    async apply(saved) {
      const own = changes.get(saved.id);
      const final = own ? withYieldsTo(saved, own) : saved;
      const changedOthers = others.filter((s) => changes.has(s.id)).map((s) => withYieldsTo(s, changes.get(s.id)!));
      await saveSources(ctx.redis, ctx.keys, own ? [final, ...changedOthers] : changedOthers);
      return final;
    },
  };
}
