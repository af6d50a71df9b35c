import type { Localized } from '../core/i18n';

/** A ministry or ministerial-level agency, as /work/shared/domain/resolution-214.md lists them (since 03/2025). */
export interface MinistryEntry {
  /** Our short code, ASCII only (BGDĐT is written BGDDT). */
  code: string;
  agency: boolean;
  /** Name without the type: "Y tế" / "Health"; agencies have no type word to drop. */
  name: Localized;
  fullName: Localized;
}

const ministry = (code: string, vi: string, en: string): MinistryEntry => ({
  code,
  agency: false,
  name: { vi, en },
  fullName: { vi: `Bộ ${vi}`, en: `Ministry of ${en}` },
});

const agency = (code: string, vi: string, en: string): MinistryEntry => ({
  code,
  agency: true,
  name: { vi, en },
  fullName: { vi, en },
});

/** The 14 ministries, then the 3 ministerial-level agencies. */
export const ministries: readonly MinistryEntry[] = [
  ministry('BQP', 'Quốc phòng', 'National Defence'),
  ministry('BCA', 'Công an', 'Public Security'),
  ministry('BNG', 'Ngoại giao', 'Foreign Affairs'),
  ministry('BNV', 'Nội vụ', 'Home Affairs'),
  ministry('BTP', 'Tư pháp', 'Justice'),
  ministry('BTC', 'Tài chính', 'Finance'),
  ministry('BCT', 'Công Thương', 'Industry and Trade'),
  ministry('BNNMT', 'Nông nghiệp và Môi trường', 'Agriculture and Environment'),
  ministry('BXD', 'Xây dựng', 'Construction'),
  ministry('BVHTTDL', 'Văn hóa, Thể thao và Du lịch', 'Culture, Sports and Tourism'),
  ministry('BKHCN', 'Khoa học và Công nghệ', 'Science and Technology'),
  ministry('BGDDT', 'Giáo dục và Đào tạo', 'Education and Training'),
  ministry('BYT', 'Y tế', 'Health'),
  ministry('BDTTG', 'Dân tộc và Tôn giáo', 'Ethnic and Religious Affairs'),
  agency('VPCP', 'Văn phòng Chính phủ', 'Office of the Government'),
  agency('TTCP', 'Thanh tra Chính phủ', 'Government Inspectorate'),
  agency('NHNN', 'Ngân hàng Nhà nước Việt Nam', 'State Bank of Vietnam'),
];

export const ministryType: Localized = { vi: 'Bộ', en: 'Ministry' };
export const agencyType: Localized = { vi: 'Cơ quan ngang bộ', en: 'Ministerial-level agency' };
