import type { Localized } from '../core/i18n';

/** The two offshore archipelagos that every national map must show, each labelled at its own commune. */
export interface Archipelago {
  /** The special administrative region (Đặc khu) covering it, by official code. */
  commune: string;
  /** The province the commune belongs to. */
  province: string;
  name: Localized;
}

export const archipelagos: readonly Archipelago[] = [
  { commune: '20333', province: '48', name: { vi: 'Quần đảo Hoàng Sa', en: 'Hoang Sa (Paracel) Islands' } },
  { commune: '22736', province: '56', name: { vi: 'Quần đảo Trường Sa', en: 'Truong Sa (Spratly) Islands' } },
];
