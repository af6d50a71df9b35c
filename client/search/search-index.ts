import type { Localized } from '../../core/i18n';
import { fold, stripType } from './fold';

export type SearchKind = 'province' | 'commune' | 'indicator';

/** One thing the search box can find. */
export interface SearchEntry {
  kind: SearchKind;
  /** A unit's code or an indicator's id. */
  code: string;
  /** What is shown: "Phường Ba Đình", "Thành phố Hà Nội", "Tỷ lệ hồ sơ đúng hạn". */
  label: Localized;
  /** Shown after the label, for a commune: its province ("Hà Nội"). */
  context?: Localized;
  /** For a commune: its province's code (the page it opens on). */
  parent?: string;
}

/** How well a query matches, best first: the whole name, its start, the start of one of its words, anywhere. */
export const MATCH = { exact: 0, prefix: 1, wordPrefix: 2, substring: 3 } as const;
const KIND_ORDER: Record<SearchKind, number> = { province: 0, commune: 1, indicator: 2 };

interface Indexed {
  entry: SearchEntry;
  /** The folded name without its type ("ba dinh"), in both languages where they differ. */
  keys: string[];
  /** The folded name followed by its context ("ba dinh ha noi"), for "ba dinh ha noi". */
  withContext: string[];
}

export interface SearchHit {
  entry: SearchEntry;
  match: number;
}

function matchOf(key: string, q: string): number | null {
  if (key === q) return MATCH.exact;
  if (key.startsWith(q)) return MATCH.prefix;
  if (key.includes(` ${q}`)) return MATCH.wordPrefix;
  if (key.includes(q)) return MATCH.substring;
  return null;
}

function unique(list: string[]): string[] {
  return [...new Set(list.filter((x) => x.length > 0))];
}

/**
 * The search of provinces, communes and indicators by name, with or without diacritics: a query and every name are
 * folded (fold.ts) and the unit type in front ("phường", "xã", "tỉnh", "thành phố", "đặc khu") is ignored for matching.
 * Ranked exact > prefix > word prefix > substring, then provinces before communes before indicators, then the
 * shorter name, then the code (the official order: Hà Nội's wards come first among namesakes). Pure.
 */
export class SearchIndex {
  private readonly items: Indexed[];

  constructor(entries: readonly SearchEntry[]) {
    this.items = entries.map((entry) => {
      const keys = unique([entry.label.vi, entry.label.en].map((n) => stripType(fold(n))));
      const contexts = unique([entry.context?.vi ?? '', entry.context?.en ?? ''].map((n) => stripType(fold(n))));
      return { entry, keys, withContext: contexts.flatMap((c) => keys.map((k) => `${k} ${c}`)) };
    });
  }

  get size(): number {
    return this.items.length;
  }

  /** The best `limit` entries for `query` (none for a query without letters or digits). */
  search(query: string, limit = 10): SearchHit[] {
    const q = stripType(fold(query));
    if (!q) return [];
    const hits: Array<SearchHit & { length: number }> = [];
    for (const item of this.items) {
      let best: number | null = null;
      for (const key of item.keys) {
        const m = matchOf(key, q);
        if (m !== null && (best === null || m < best)) best = m;
      }
      if (best === null) {
        // "ba dinh ha noi": the name and its province together, never better than a word prefix
        for (const key of item.withContext) {
          const m = matchOf(key, q);
          if (m !== null) best = Math.max(MATCH.wordPrefix, Math.min(best ?? m, m));
        }
      }
      if (best !== null) hits.push({ entry: item.entry, match: best, length: item.keys[0]?.length ?? 0 });
    }
    hits.sort(
      (a, b) =>
        a.match - b.match ||
        KIND_ORDER[a.entry.kind] - KIND_ORDER[b.entry.kind] ||
        a.length - b.length ||
        (a.entry.code < b.entry.code ? -1 : a.entry.code > b.entry.code ? 1 : 0),
    );
    return hits.slice(0, limit).map(({ entry, match }) => ({ entry, match }));
  }
}
