/**
 * Text as the search compares it: lower case, without diacritics (đ/Đ → d), punctuation as spaces, spaces collapsed.
 * "Phường Ba Đình" → "phuong ba dinh"; "TP. Hồ Chí Minh" → "tp ho chi minh".
 */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The unit types a name may start with, folded, longest first (so "thanh pho" is taken before a lone word). */
const TYPE_WORDS = ['thanh pho truc thuoc trung uong', 'thanh pho', 'dac khu', 'phuong', 'tinh', 'xa', 'tp'] as const;

/**
 * A folded text without the unit type in front ("phuong ba dinh" → "ba dinh", "tp ho chi minh" → "ho chi minh"): the
 * type is shown, not matched. A text that is only a type word stays as it is ("xa" alone is a prefix of names too).
 */
export function stripType(folded: string): string {
  for (const word of TYPE_WORDS) {
    if (folded.startsWith(`${word} `)) return folded.slice(word.length + 1);
  }
  return folded;
}
