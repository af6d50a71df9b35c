import type { Localized } from '../i18n';

/**
 * The 11 priority databases of Resolution 214/NQ-CP (shared/domain/resolution-214.md). Owners are the project's
 * reading of the resolution ("proposal" there): data, not logic, so a change is one line here.
 */
export interface PriorityDatabase {
  id: string;
  name: Localized;
  /** Owning ministry's unit code. */
  owner: string;
}

export const PRIORITY_DATABASES: readonly PriorityDatabase[] = Object.freeze([
  { id: 'land', name: { vi: 'CSDL quốc gia về đất đai', en: 'National land database' }, owner: 'BNNMT' },
  { id: 'finance', name: { vi: 'CSDL quốc gia về tài chính', en: 'National finance database' }, owner: 'BTC' },
  { id: 'education', name: { vi: 'CSDL ngành Giáo dục và Đào tạo', en: 'Education and training database' }, owner: 'BGDDT' },
  { id: 'civil_status', name: { vi: 'CSDL Hộ tịch điện tử toàn quốc', en: 'National e-civil-status database' }, owner: 'BTP' },
  { id: 'health', name: { vi: 'CSDL ngành Y tế', en: 'Health sector database' }, owner: 'BYT' },
  { id: 'goods', name: { vi: 'CSDL Hàng hóa', en: 'Goods database' }, owner: 'BCT' },
  { id: 'construction', name: { vi: 'CSDL quốc gia về hoạt động xây dựng', en: 'National construction-activity database' }, owner: 'BXD' },
  { id: 'asset_income', name: { vi: 'CSDL quốc gia về kiểm soát tài sản, thu nhập', en: 'National asset and income control database' }, owner: 'TTCP' },
  { id: 'admin_violations', name: { vi: 'CSDL quốc gia về xử lý vi phạm hành chính', en: 'National administrative-violations database' }, owner: 'BTP' },
  { id: 'agriculture', name: { vi: 'CSDL ngành Nông nghiệp', en: 'Agriculture sector database' }, owner: 'BNNMT' },
  { id: 'social_security', name: { vi: 'CSDL quốc gia về an sinh xã hội', en: 'National social-security database' }, owner: 'BNV' },
]);

/** The milestones of each database, in order (resolution-214.md): each has a planned and an actual date. */
export const MILESTONES: readonly { id: string; name: Localized }[] = Object.freeze([
  { id: 'reviewed', name: { vi: 'Rà soát, đánh giá', en: 'Reviewed' } },
  { id: 'standardized', name: { vi: 'Chuẩn hóa theo Từ điển dữ liệu dùng chung', en: 'Standardized to the common data dictionary' } },
  { id: 'cleaned', name: { vi: 'Làm sạch (đúng, đủ, sạch, sống)', en: 'Cleaned (correct, complete, clean, live)' } },
  { id: 'connected', name: { vi: 'Kết nối Trung tâm dữ liệu quốc gia', en: 'Connected to the National Data Center' } },
  { id: 'operating', name: { vi: 'Đưa vào vận hành', en: 'In operation' } },
]);
