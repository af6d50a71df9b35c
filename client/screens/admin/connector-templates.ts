import type { ConnectorInput } from '../../../core/connectors/definition';
import { definitionText } from './connector-editor';

/**
 * The examples a new connector starts from (Quản trị › Kết nối): JSON has no comments, so each template is a
 * working definition of its kind, with real indicator ids and the fields people most often change. Secrets are left
 * empty on purpose: saving a template as it is names the secret fields to fill, never stores a placeholder.
 */
export type TemplateId = 'json' | 'csv' | 'dvcqg';

export const TEMPLATE_IDS: readonly TemplateId[] = ['json', 'csv', 'dvcqg'];

const json: ConnectorInput = {
  id: 'ho-so-tthc-da-nang',
  name: 'Hồ sơ TTHC các xã, phường — Đà Nẵng',
  scope: { units: ['48'], indicators: ['dossier_received_count', 'dossier_on_time_rate'] },
  schedule: { everyMinutes: 15 },
  request: { url: 'https://api.danang.gov.vn/ioc/ho-so-theo-xa', method: 'GET', headers: {}, timeoutMs: 15000 },
  auth: { type: 'none' },
  format: { type: 'json', records: 'data.items' },
  mapping: {
    unit: { field: 'maXa', naming: 'auto', within: '48' },
    period: 'pull',
    observedAt: 'pull',
    observations: [
      { indicator: { const: 'dossier_received_count' }, value: { value: 'tiepNhan' } },
      { indicator: { const: 'dossier_on_time_rate' }, value: { num: 'dungHan', den: 'tiepNhan' } },
    ],
    decimal: '.',
  },
  retries: 2,
  acceptPartial: false,
  paused: false,
};

const csv: ConnectorInput = {
  id: 'du-lich-theo-tinh',
  name: 'Du lịch theo tỉnh (tệp CSV qua LGSP)',
  scope: { units: ['VN'], indicators: ['tourist_arrivals', 'tourism_revenue'] },
  schedule: { cron: '0 7 * * *' },
  request: { url: 'https://lgsp.example.gov.vn/du-lich/bao-cao-thang.csv', method: 'GET', headers: {}, timeoutMs: 30000 },
  auth: { type: 'lgsp', appName: 'IOC', accessKey: '', secretKey: '' },
  format: { type: 'csv', delimiter: 'auto' },
  mapping: {
    unit: { field: 'Tỉnh/thành phố', naming: 'name' },
    period: { field: 'Tháng' },
    observedAt: 'pull',
    observations: [
      { indicator: { const: 'tourist_arrivals' }, value: { value: 'Lượt khách' } },
      { indicator: { const: 'tourism_revenue' }, value: { value: 'Doanh thu (tỷ đồng)' } },
    ],
    decimal: ',',
  },
  retries: 2,
  acceptPartial: false,
  paused: false,
};

const dvcqg: ConnectorInput = {
  id: 'cong-dvcqg-766',
  name: 'Cổng Dịch vụ công quốc gia — Bộ chỉ số 766',
  adapter: 'dvcqg-766',
  scope: { units: ['VN'], indicators: '*' },
  schedule: { cron: '30 6 * * *' },
  request: { url: 'https://dichvucong.gov.vn/api/v1/reporting', headers: {}, timeoutMs: 30000 },
  auth: { type: 'none' },
  timeType: 'month',
  endpoints: ['service-results', 'dvc-progress-tree'],
  retries: 2,
  acceptPartial: false,
  paused: false,
};

const TEMPLATES: Readonly<Record<TemplateId, ConnectorInput>> = { json, csv, dvcqg };

/** A template as the editor's text, a fresh copy each time. */
export function templateText(id: TemplateId): string {
  return definitionText(TEMPLATES[id]);
}
