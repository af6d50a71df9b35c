/** A text in both languages of the product. Vietnamese is the default. */
export interface Localized {
  vi: string;
  en: string;
}

export type Locale = keyof Localized;
