import { adminEn } from './admin.en';
import { alertsEn } from './alerts.en';
import { authEn } from './auth.en';
import { boardsEn } from './boards.en';
import { drillEn } from './drill.en';
import { freshEn } from './fresh.en';
import { linksEn } from './links.en';
import { connectorsEn } from './connectors.en';
import { uploadsEn } from './uploads.en';
import { reportsEn } from './reports.en';
import { phoneEn } from './phone.en';
import { historyRangeEn } from './history-range.en';
import { wallEn } from './wall.en';
import { errorsEn } from './errors.en';
import type { MessageSchema } from './vi';

/** English UI texts. */
export const en: MessageSchema = {
  ...boardsEn,
  ...alertsEn,
  ...authEn,
  ...adminEn,
  ...drillEn,
  ...freshEn,
  ...linksEn,
  ...connectorsEn,
  ...uploadsEn,
  ...reportsEn,
  ...phoneEn,
  ...historyRangeEn,
  ...wallEn,
  ...errorsEn,
  app: {
    product: 'IOC Live',
    nationalOverview: 'National overview',
    loading: 'Loading…',
    loadFailed: 'Could not load data from the server: {detail}. Retrying…',
  },
  lang: {
    switchTo: 'VI',
    switchLabel: 'Switch to Vietnamese',
  },
  connection: {
    connected: 'Live',
    connecting: 'Connecting',
    reconnecting: 'Reconnecting',
    disconnected: 'Disconnected',
    syncing: 'Syncing',
    updatedAt: 'Updated at {time}',
    neverUpdated: 'No data received yet',
    banner: 'Connection lost — reconnecting…',
    bannerDetail: 'The figures on screen stopped at {time} ({ago}); they are not live.',
    bannerNever: 'No data has been received from the server yet.',
    storeDown: 'Data store down',
    bannerStore: 'The server lost its database — figures are not updating',
  },
  selector: {
    label: 'Indicator on the map',
    change: 'Change indicator',
  },
  legend: {
    noData: 'No data yet',
    better: 'better',
  },
  kpi: {
    title: 'National figures',
    coverage: '{reporting}/{expected} provinces and cities',
    stale: 'Stale · {ago}',
    noValue: 'No data yet',
    trend24h: 'Last 24 h',
  },
  tooltip: {
    observedAt: 'Observed at',
    coverage: 'Reported',
    communes: '{reporting}/{expected} communes and wards',
    noData: 'No data yet',
    stale: 'Stale ({ago})',
  },
  map: {
    ariaLabel: 'Map of {indicator} by province',
  },
};
