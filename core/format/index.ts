export { LOCALE_TAG, formatCoverage, formatNumber } from './number';
export { VN_TIME_ZONE, formatAge, formatAgo, formatDate, formatDateTime, formatTime, formatWeekdayDate } from './datetime';
export { formatPeriod } from './period';
export { CSV_BOM, CSV_SEPARATOR, type CsvCell, csvNumber, parseCsv, toCsv } from './csv';
