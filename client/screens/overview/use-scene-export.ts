import { useI18n } from 'vue-i18n';
import type { CsvCell } from '../../../core/format';
import type { Indicator } from '../../../core/indicators/indicator';
import { useLocale } from '../../composables/use-locale';
import { seriesCsv, unitRowsCsv, type UnitRow } from '../../export/csv-rows';
import { exportFilename } from '../../export/download';
import type { UnitHistory } from '../../composables/use-unit-history';

export interface CsvFile {
  filename: string;
  rows: CsvCell[][];
}

/** File names and CSV contents of a scene's exports, in the page's language. */
export function useSceneExport() {
  const { t } = useI18n();
  const locale = useLocale();

  function unitTable(parts: ReadonlyArray<string | null>, rows: readonly UnitRow[], indicator: Indicator, unitLabel: string): CsvFile {
    const labels = {
      code: t('export.colCode'),
      name: unitLabel,
      value: `${indicator.name[locale.value]} (${indicator.measure[locale.value]})`,
      period: t('history.period'),
      observedAt: t('tooltip.observedAt'),
      coverage: t('tooltip.coverage'),
      status: t('history.freshness'),
      fresh: t('history.fresh'),
      stale: t('export.stale'),
      noData: t('tooltip.noData'),
    };
    return {
      filename: exportFilename([...parts, indicator.id], 'csv'),
      rows: unitRowsCsv(rows, labels, indicator.decimals, locale.value),
    };
  }

  function history(parts: ReadonlyArray<string | null>, h: UnitHistory, indicator: Indicator, range: string): CsvFile {
    const measure = indicator.measure[locale.value];
    return {
      filename: exportFilename([...parts, indicator.id, range], 'csv'),
      rows: seriesCsv(
        h.main,
        h.compare,
        { time: t('export.colTime'), main: `${h.mainName} (${measure})`, compare: h.compareName ? `${h.compareName} (${measure})` : null },
        indicator.decimals,
        locale.value,
      ),
    };
  }

  function png(parts: ReadonlyArray<string | null>): string {
    return exportFilename(parts, 'png');
  }

  return { unitTable, history, png };
}
