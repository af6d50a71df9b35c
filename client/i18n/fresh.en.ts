import type { freshVi } from './fresh.vi';

/** Freshness on the map, figures' sources and the search box (English). */
export const freshEn: typeof freshVi = {
  source: {
    label: 'Source',
    line: 'Source: {name}',
    rollupCommunes: 'Rolled up from communes and wards',
    rollupProvinces: 'Rolled up from provinces and cities',
    rollup: 'Rolled up',
    upload: 'Uploaded from a file',
    viaLink: '{origin} (via {link})',
    unknown: 'Source unknown',
  },
  fresh: {
    updated: 'Updated',
    updatedAgo: 'updated {ago}',
    staleNote: 'Out of date (past its deadline) — updated {ago}',
    legend: 'Out of date (past deadline)',
    legendProvinces: '{count} provinces and cities',
    legendCommunes: '{count} communes and wards',
  },
  search: {
    label: 'Find a province, commune or indicator',
    placeholder: 'Search (/)',
    results: 'Search results',
    none: 'Nothing found for “{q}”',
    loading: 'Loading the list of units…',
    count: '{n} results',
    kind: {
      province: 'Province, city',
      commune: 'Commune, ward',
      indicator: 'Indicator',
    },
  },
};
