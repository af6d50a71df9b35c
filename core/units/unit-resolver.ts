import type { UnitNaming } from '../connectors/definition';
import { DVCQG_PROVINCES } from './dvcqg-codes';
import { NATION, type UnitRegistry } from './registry';
import type { UnitLevel } from './unit';

/**
 * Resolves the way real systems name a unit to its official code (docs/connectors.md, "Naming units"):
 * - `code`: an official code of the registry (`01`, `00004`, `BYT`);
 * - `dvcqg`: the national public service portal's province codes (`H01` … `H61`, core/units/dvcqg-codes.ts);
 * - `legacy`: a pre-1/7/2025 province or commune code, converted with the 1/7/2025 mapping where it is one-to-one
 *   (maps/dist/unit-aliases.json, built from ../shared/maps-src/dvhcvn-20250701/); refused with its targets where not;
 * - `name`: a name with or without diacritics and type ("Phường Ba Đình", "phuong ba dinh", "Ba Đình", "UBND xã Hy
 *   Cương", "TP. Hồ Chí Minh"), unique within `within` (commune names repeat across provinces);
 * - `auto`: code, then dvcqg, then legacy, then name.
 */
export type UnitMatch =
  | { ok: true; code: string; via: Exclude<UnitNaming, 'auto'> }
  | { ok: false; code: 'unmapped_unit' | 'ambiguous_unit' | 'split_unit'; reason: string };

export interface UnitResolver {
  resolve(text: string, naming?: UnitNaming, within?: string): UnitMatch;
}

/** A pre-2025 unit of the 1/7/2025 mapping, as the map build writes it. */
export interface LegacyUnit {
  /** Its pre-2025 GSO code (2 digits for a province, 5 for a commune). */
  code: string;
  name: string;
  level: 'province' | 'commune';
  /** The current official codes it went into (one: a one-to-one conversion; several: a split). */
  targets: string[];
}

/** The file maps/dist/unit-aliases.json. */
export interface UnitAliasesData {
  version: string;
  legacy: LegacyUnit[];
}

type Via = Exclude<UnitNaming, 'auto'>;
type Failure = Extract<UnitMatch, { ok: false }>;
/** What one way of naming makes of a text: a match, a failure, or null when the text does not even look like it. */
type Attempt = UnitMatch | null;

const ok = (code: string, via: Via): UnitMatch => ({ ok: true, code, via });
const fail = (code: Failure['code'], reason: string): Failure => ({ ok: false, code, reason });
/** The caller's text as reasons quote it. */
const clip = (text: string) => (text.length > 64 ? `${text.slice(0, 63)}…` : text);

// ── Names as written ────────────────────────────────────────────────────────────────────────────────────────────

/** One word of a name: its letters with their vowel marks (ă â ê ô ơ ư đ), and its tone mark apart (0: none written). */
interface Word {
  letters: string;
  tone: number;
  /** The letters without any mark, đ as d: what the indexes are keyed by. */
  bare: string;
}

const TONE_MARKS = new Map([['\u0300', 1], ['\u0301', 2], ['\u0303', 3], ['\u0309', 4], ['\u0323', 5]]);
const VOWEL_MARKS = new Set(['\u0302', '\u0306', '\u031b']);
const MARK = /\p{M}/u;
const MARKS = /\p{M}/gu;
const SEPARATORS = /[^\p{L}\p{N}\p{M}]+/u;
const APOSTROPHES = /['’ʼ`]/g;

/**
 * The words of a text: lower case, split at spaces and punctuation (`. - , ( )` …), apostrophes dropped ("Ea H'Leo"
 * = "Ea HLeo"), `ð` read as `đ`. The tone mark is kept apart from the letters, so the old and new tone placements
 * ("Khánh Hoà" / "Khánh Hòa", "Thuỳ" / "Thùy") are the same word.
 */
function wordsOf(text: string): Word[] {
  const words: Word[] = [];
  for (const part of text.toLowerCase().replace(/ð/g, 'đ').replace(APOSTROPHES, '').normalize('NFD').split(SEPARATORS)) {
    let letters = '';
    let base = '';
    let tone = 0;
    for (const ch of part) {
      const c = ch.charCodeAt(0);
      const isMark = (c >= 0x300 && c <= 0x36f) || (c > 0x7f && MARK.test(ch));
      if (!isMark) {
        letters += ch;
        base += ch === 'đ' ? 'd' : ch;
      } else if (VOWEL_MARKS.has(ch)) letters += ch;
      else tone = TONE_MARKS.get(ch) ?? tone;
    }
    if (letters !== '') words.push({ letters: letters.normalize('NFC'), tone, bare: base });
  }
  return words;
}

/** A letter without its mark, đ as d. */
const bare = (letter: string) => (letter < '\u0080' ? letter : letter.normalize('NFD').replace(MARKS, '').replace(/đ/g, 'd'));
const keyOf = (words: readonly Word[]) => words.map((w) => w.bare).join(' ');

/**
 * How a written name of the same key fits a unit's name: 0 every mark as written there; 1 marks only left out (the
 * writer dropped some); 2 a mark that differs (a typo, or another unit: "Tân Thành" is not "Tân Thạnh").
 */
function closeness(written: readonly Word[], name: readonly Word[]): 0 | 1 | 2 {
  let result: 0 | 1 = 0;
  for (const [i, w] of written.entries()) {
    const n = name[i];
    if (!n) return 2;
    if (w.letters === n.letters && w.tone === n.tone) continue;
    const wl = [...w.letters];
    const nl = [...n.letters];
    const letters = wl.length === nl.length && wl.every((c, j) => c === nl[j] || c === bare(nl[j]!));
    if (!letters || (w.tone !== 0 && w.tone !== n.tone)) return 2;
    result = 1;
  }
  return result;
}

/** Type words a name may start with, and the level they name. */
const TYPE_WORDS: ReadonlyArray<{ key: string; level: UnitLevel }> = [
  { key: 'thanh pho', level: 'province' },
  { key: 'tinh', level: 'province' },
  { key: 'phuong', level: 'commune' },
  { key: 'xa', level: 'commune' },
  { key: 'dac khu', level: 'commune' },
  { key: 'bo', level: 'ministry' },
];
/** A first word written without marks that abbreviates a type: "TP.", "T.", "P.", "X.". */
const ABBREVIATIONS = new Map(Object.entries({ tp: 'thành phố', t: 'tỉnh', p: 'phường', x: 'xã' }).map(([k, v]) => [k, wordsOf(v)]));
/** Leading words that name the people's committee rather than the unit: "UBND xã Hy Cương". */
const COMMITTEE = ['ubnd', 'uy ban nhan dan'];

const startsWith = (words: readonly Word[], key: string) => {
  const n = key.split(' ').length;
  return words.length > n && keyOf(words.slice(0, n)) === key;
};

/** A written name with the committee dropped and an abbreviated type spelt out; its type word and the rest, if any. */
interface Query {
  words: Word[];
  type?: { level: UnitLevel; rest: Word[] };
}

function queryOf(text: string): Query {
  let words = wordsOf(text);
  const committee = COMMITTEE.find((key) => startsWith(words, key));
  if (committee) words = words.slice(committee.split(' ').length);
  const first = words[0];
  const spelt = first && first.tone === 0 && words.length > 1 ? ABBREVIATIONS.get(first.letters) : undefined;
  if (spelt) words = [...spelt, ...words.slice(1)];
  const type = TYPE_WORDS.find((t) => startsWith(words, t.key));
  return type ? { words, type: { level: type.level, rest: words.slice(type.key.split(' ').length) } } : { words };
}

/** A qualifier after the name, " - Tỉnh Phú Thọ", ", tỉnh Phú Thọ" or "(Phú Thọ)": the head and that tail. */
function splitQualifier(text: string): { head: string; tail: string } | null {
  const paren = /^(.*\S)\s*\(([^()]+)\)\s*$/u.exec(text);
  if (paren) return { head: paren[1]!, tail: paren[2]! };
  const at = Math.max(text.lastIndexOf(','), ...[...text.matchAll(/\s[-–—]\s/gu)].map((m) => m.index));
  return at > 0 ? { head: text.slice(0, at), tail: text.slice(at + 1) } : null;
}

// ── The name index ──────────────────────────────────────────────────────────────────────────────────────────────

/** 0: a full name ("Phường Ba Đình"); 1: an old province's full name ("Tỉnh Hà Giang"); 2: a short name ("Ba Đình"). */
type Rank = 0 | 1 | 2;

interface Entry {
  /** The unit the name resolves to (an old province's name: its successor). */
  code: string;
  level: UnitLevel;
  rank: Rank;
  words: Word[];
  old: boolean;
}

interface Hit {
  rank: Rank;
  closeness: 0 | 1 | 2;
}

const better = (a: Hit, b: Hit) => a.rank < b.rank || (a.rank === b.rank && a.closeness < b.closeness);

class NameIndex {
  private readonly full = new Map<string, Entry[]>();
  private readonly short = new Map<string, Entry[]>();

  add(name: string | Word[], entry: Omit<Entry, 'words'>): void {
    const words = typeof name === 'string' ? wordsOf(name) : name;
    if (words.length === 0) return;
    const map = entry.rank === 2 ? this.short : this.full;
    const key = keyOf(words);
    const list = map.get(key) ?? [];
    list.push({ ...entry, words });
    map.set(key, list);
  }

  /** Current provinces whose short name is `name`, marks aside. */
  provincesNamed(name: string): string[] {
    const entries = this.short.get(keyOf(wordsOf(name))) ?? [];
    return [...new Set(entries.filter((e) => e.level === 'province' && !e.old).map((e) => e.code))];
  }

  /**
   * Every unit a query names, each with its best rank and closeness. A text without a single mark says nothing about
   * marks: "thanh an" is as close to Xã Thạnh An as to Xã Thanh An (and to their English names).
   */
  lookup(query: Query): Map<string, Hit> {
    const hits = new Map<string, Hit>();
    const marked = query.words.some((w) => w.tone !== 0 || w.letters !== w.bare);
    const add = (map: Map<string, Entry[]>, words: Word[], level?: UnitLevel) => {
      for (const e of map.get(keyOf(words)) ?? []) {
        if (level && e.level !== level) continue;
        const hit: Hit = { rank: e.rank, closeness: marked ? closeness(words, e.words) : 1 };
        const seen = hits.get(e.code);
        if (!seen || better(hit, seen)) hits.set(e.code, hit);
      }
    };
    add(this.full, query.words);
    add(this.short, query.words);
    // "Xã Nhơn Trạch" for what is now "Phường Nhơn Trạch": the short name, of the level the type word names
    if (query.type) add(this.short, query.type.rest, query.type.level);
    return hits;
  }
}

// ── The resolver ────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Builds the indexes once (names, portal codes, old codes); each resolve is then a few map lookups.
 *
 * Names within `within` (VN when absent; the unit itself counts): the candidates are the units of every name the text
 * matches — full names (vi or en, "Phường Ba Đình", "P. Ba Đình", "UBND phường Ba Đình"), old provinces' full names,
 * short names ("Ba Đình"; also after a type word of the right level: "Xã Nhơn Trạch" finds Phường Nhơn Trạch).
 * Old commune names are not names: they repeat, and most went into several units. The choice, in this order:
 * 1. a full name beats an old province's full name, which beats a short name;
 * 2. marks as written beat marks left out, which beat marks that differ ("Xã Văn Lăng" is not Xã Văn Lang; "xa van
 *    lang" may be either);
 * 3. a unit directly below `within` beats the others: at VN "Phú Thọ" is the province, within 25 it is the ward;
 * 4. still several → ambiguous_unit, listing up to 5 with their codes.
 * A qualifier " - Tỉnh Phú Thọ" / ", tỉnh Phú Thọ" / "(Phú Thọ)" that names a province narrows to it (the whole text
 * is tried too, for names that hold a dash: "Phường Lâm Viên - Đà Lạt").
 */
export function createUnitResolver(registry: UnitRegistry, aliases: UnitAliasesData): UnitResolver {
  const names = new NameIndex();
  for (const unit of registry.all()) {
    const base = { code: unit.code, level: unit.level, old: false };
    names.add(unit.fullName.vi, { ...base, rank: 0 });
    names.add(unit.fullName.en, { ...base, rank: 0 });
    names.add(unit.name.vi, { ...base, rank: 2 });
    names.add(unit.name.en, { ...base, rank: 2 });
  }
  const legacy = new Map<string, LegacyUnit>();
  for (const old of aliases.legacy) {
    legacy.set(old.code, old);
    const target = old.targets.length === 1 ? registry.get(old.targets[0]!) : undefined;
    if (old.level !== 'province' || target?.level !== 'province') continue;
    const entry = { code: target.code, level: target.level, old: true };
    names.add(old.name, { ...entry, rank: 1 });
    const { type } = queryOf(old.name);
    if (type?.level === 'province') names.add(type.rest, { ...entry, rank: 2 });
  }
  const dvcqg = new Map<string, string>();
  for (const [portalCode, name] of Object.entries(DVCQG_PROVINCES)) {
    const found = names.provincesNamed(name);
    if (found.length !== 1) {
      throw new Error(`core/units/dvcqg-codes.ts: ${portalCode} names "${name}", which is ${found.length} provinces of the registry (${registry.version})`);
    }
    dvcqg.set(portalCode, found[0]!);
  }

  const label = (code: string) => {
    const unit = registry.get(code);
    if (!unit) return code;
    const province = unit.level === 'commune' && unit.parent ? registry.get(unit.parent)?.name.vi : undefined;
    return `${unit.fullName.vi} (${code}${province ? `, ${province}` : ''})`;
  };

  /** The units a name picks within `scope`, by the rules above; empty when none. */
  function pick(hits: Map<string, Hit>, scope: string, level?: UnitLevel): string[] {
    const inScope = [...hits].filter(([code]) => registry.isWithin(code, scope) && (!level || registry.get(code)?.level === level));
    if (inScope.length === 0) return [];
    const best = inScope.reduce((a, b) => (better(b[1], a[1]) ? b : a))[1];
    const tied = inScope.filter(([, h]) => h.rank === best.rank && h.closeness === best.closeness).map(([code]) => code);
    const below = tied.filter((code) => registry.get(code)?.parent === scope);
    return below.length > 0 ? below : tied;
  }

  function nameWithin(text: string, scope: string): Attempt {
    const query = queryOf(text);
    if (query.words.length === 0) return null;
    const found = pick(names.lookup(query), scope);
    if (found.length === 1) return ok(found[0]!, 'name');
    const where = scope === NATION ? 'Việt Nam' : label(scope);
    if (found.length === 0) {
      return fail('unmapped_unit', `no unit named "${clip(text)}" within ${where} (tried full and short names, in Vietnamese and English, and old province names)`);
    }
    const listed = found.slice(0, 5).map(label).join('; ');
    return fail('ambiguous_unit', `"${clip(text)}" names ${found.length} units within ${where}: ${listed}${found.length > 5 ? '; …' : ''}; write its full name, its province, or its code`);
  }

  function byName(text: string, scope: string): Attempt {
    if (!/\p{L}/u.test(text)) return null;
    const qualified = splitQualifier(text);
    const hits = qualified ? names.lookup(queryOf(qualified.tail)) : null;
    const [province, ...others] = hits ? pick(hits, NATION, 'province') : [];
    if (!qualified || !province || others.length > 0) return nameWithin(text, scope);
    const narrowed = registry.isWithin(province, scope) ? province : registry.isWithin(scope, province) ? scope : null;
    if (!narrowed) return fail('unmapped_unit', `"${clip(text)}" names ${label(province)}, outside ${label(scope)}`);
    const head = nameWithin(qualified.head, narrowed);
    if (head?.ok) return head;
    const whole = nameWithin(text, scope);
    return whole?.ok ? whole : (head ?? whole);
  }

  /**
   * An official code, whatever `within` (the scope check is the token's). A number that lost its leading zeros (a
   * spreadsheet reads `00004` as 4, `01` as 1) is padded: 1–2 digits a province, 3–5 a commune — except within a
   * province, where 1–2 digits other than its own code are one of its communes (`4` within 01 → 00004; `25` within
   * 01 → 00025, not the province 25 outside it). A padded code is a guess, so it must lie within `within`.
   */
  function byCode(text: string, scope: string): Attempt {
    const code = text.toUpperCase();
    const exact = registry.has(code);
    if (exact && (code.startsWith('0') || registry.isWithin(code, scope))) return ok(code, 'code');
    if (/^\d{1,5}$/.test(code)) {
      const asCommune = code.length > 2 || (registry.get(scope)?.level === 'province' && code.padStart(2, '0') !== scope);
      const padded = code.padStart(asCommune ? 5 : 2, '0');
      if (registry.has(padded) && registry.isWithin(padded, scope)) return ok(padded, 'code');
      if (exact) return ok(code, 'code');
      const where = scope === NATION ? '' : ` within ${label(scope)}`;
      const guess = padded === code ? '' : `, nor ${padded}${where} (the code without its lost leading zeros)`;
      return fail('unmapped_unit', `no unit has the code "${code}"${guess}`);
    }
    return /^(\d+|[A-Z]{2,8})$/.test(code) ? fail('unmapped_unit', `no unit has the code "${clip(code)}"`) : null;
  }

  function byDvcqg(text: string): Attempt {
    const code = text.toUpperCase();
    const province = /^H(\d{1,2})$/.exec(code);
    if (province) {
      const found = dvcqg.get(`H${province[1]!.padStart(2, '0')}`);
      return found ? ok(found, 'dvcqg') : fail('unmapped_unit', `"${code}" is not one of the portal's ${dvcqg.size} province codes`);
    }
    const child = /^H(\d{1,2})[./-]\S+$/.exec(code);
    if (!child) return null;
    const parent = dvcqg.get(`H${child[1]!.padStart(2, '0')}`);
    return fail(
      'unmapped_unit',
      `"${clip(code)}" is a portal code below ${parent ? label(parent) : `H${child[1]}`}, an agency or committee of the portal's own tree, not an administrative unit; name the unit by its code or name`,
    );
  }

  function byLegacy(text: string): Attempt {
    if (!/^\d+$/.test(text)) return null;
    const code = text.length <= 2 ? text.padStart(2, '0') : text.padStart(5, '0');
    const old = text.length <= 5 ? legacy.get(code) : undefined;
    if (!old) return fail('unmapped_unit', `"${clip(text)}" is not a pre-2025 code of the 1/7/2025 mapping (${aliases.version})`);
    const [only, ...more] = old.targets;
    if (only === undefined) return fail('unmapped_unit', `${old.name} (${old.code}) has no successor in the 1/7/2025 mapping`);
    if (more.length > 0) {
      return fail('split_unit', `${old.name} (${old.code}) was split on 1/7/2025 into ${old.targets.map(label).join(', ')}; name the new unit`);
    }
    return registry.has(only) ? ok(only, 'legacy') : fail('unmapped_unit', `${old.name} (${old.code}) went into ${only}, which is not in the unit registry`);
  }

  const ways: Record<Via, { attempt: (text: string, scope: string) => Attempt; notOfShape: string }> = {
    code: { attempt: byCode, notOfShape: 'is not an official unit code (VN, 2 digits for a province, 5 for a commune, letters for a ministry)' },
    dvcqg: { attempt: byDvcqg, notOfShape: "is not one of the national portal's province codes (H01 … H61)" },
    legacy: { attempt: byLegacy, notOfShape: 'is not a pre-2025 code (2 digits for a province, 5 for a commune)' },
    name: { attempt: byName, notOfShape: 'holds no name' },
  };
  const AUTO: readonly Via[] = ['code', 'dvcqg', 'legacy', 'name'];
  const WORST: readonly Failure['code'][] = ['split_unit', 'ambiguous_unit'];

  return {
    resolve(raw, naming = 'auto', within) {
      const text = raw.normalize('NFC').trim();
      const scope = within ?? NATION;
      if (!registry.has(scope)) return fail('unmapped_unit', `within "${clip(scope)}" is not a unit code`);
      if (text === '') return fail('unmapped_unit', 'no unit given (an empty value)');
      if (naming !== 'auto') return ways[naming].attempt(text, scope) ?? fail('unmapped_unit', `"${clip(text)}" ${ways[naming].notOfShape}`);
      const failures: (Failure & { via: Via })[] = [];
      for (const via of AUTO) {
        const match = ways[via].attempt(text, scope);
        if (match?.ok) return match;
        if (match) failures.push({ ...match, via });
      }
      const worst = WORST.map((code) => failures.find((f) => f.code === code)).find((f) => f !== undefined);
      if (worst) return fail(worst.code, worst.reason);
      // a text shaped like a code ("H44.100", "99999") is better told what it is not than that it is no name
      const told = failures.filter((f) => f.via !== 'name');
      return fail('unmapped_unit', (told.length > 0 ? told : failures).map((f) => f.reason).join('; ') || `"${clip(text)}" names no unit`);
    },
  };
}

