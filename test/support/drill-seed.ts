import { currentPeriod } from '../../core/time/period';
import { eventually, postBatch } from './ingest-client';
import type { Session } from './session-client';

/** The indicator the drill-down tests colour the map by: a ratio, so every commune's figure is num/den. */
export const IND = 'dossier_on_time_rate';
const DAY = 86_400_000;

export interface SeedItem {
  unit: string;
  num: number;
  den: number;
}

/** A spread of on-time rates (55–99 %) so the communes fall into several colour classes. */
export function spreadItems(codes: readonly string[], salt = 0): SeedItem[] {
  return codes.map((unit, i) => ({ unit, num: 55 + ((i * 37 + salt * 11) % 45), den: 100 }));
}

function observation(item: SeedItem, at: number) {
  return {
    indicator: IND,
    unit: item.unit,
    period: currentPeriod('day', at),
    num: item.num,
    den: item.den,
    observedAt: new Date(at).toISOString(),
  };
}

/** Post figures through the real ingest API (≤ 5,000 per batch) for the day of `at`. */
export async function post(url: string, token: string, items: readonly SeedItem[], batchId: string, at = Date.now()): Promise<void> {
  for (let i = 0; i < items.length; i += 5000) {
    const slice = items.slice(i, i + 5000);
    const res = await postBatch(url, token, { batchId: `${batchId}-${i}`, observations: slice.map((x) => observation(x, at)) });
    if (res.status !== 202 || res.body.accepted !== slice.length) {
      throw new Error(`seed ${batchId}: HTTP ${res.status}, accepted ${res.body.accepted}, ${JSON.stringify(res.body.rejected?.slice(0, 3))}`);
    }
  }
}

/** Waits until the REST view of `scope` holds at least `count` child values for today (read as `reader`). */
export async function untilView(reader: Session, scope: string, count: number, timeoutMs = 20_000): Promise<void> {
  await eventually(
    async () => {
      const body = (await reader.call('GET', `/api/v1/views?scope=${scope}&indicators=${IND}`)).body as {
        values?: Array<{ unit: string; value: number | null }>;
      };
      const children = (body?.values ?? []).filter((v) => v.unit !== scope && v.value !== null).length;
      return children >= count ? true : undefined;
    },
    timeoutMs,
    150,
  );
}

/**
 * History for one commune: a figure on each of the `days` days before today, posted one day at a time (series follow
 * only the newest period of an indicator, so older days must be in before today's).
 */
export async function seedHistory(url: string, token: string, reader: Session, unit: string, days: number): Promise<void> {
  for (let d = days; d >= 1; d -= 1) {
    const at = Date.now() - d * DAY;
    await post(url, token, [{ unit, num: 60 + d * 4, den: 100 }], `history-${unit}-${d}`, at);
    await eventually(
      async () => {
        const body = (await reader.call('GET', `/api/v1/series?indicator=${IND}&unit=${unit}&range=30d`)).body as { points?: unknown[] };
        return (body?.points?.length ?? 0) >= days - d + 1 ? true : undefined;
      },
      10_000,
      100,
    );
  }
}

/** The province with the most communes (the drill-down budget is measured on it), from the server's `/api/v1/units`. */
export async function largestProvince(reader: Session): Promise<{ code: string; communes: number }> {
  const body = (await reader.call('GET', '/api/v1/units?level=commune')).body as { units: Array<{ parent: string | null }> };
  const counts = new Map<string, number>();
  for (const u of body.units) if (u.parent) counts.set(u.parent, (counts.get(u.parent) ?? 0) + 1);
  const [code, communes] = [...counts].reduce((a, b) => (b[1] > a[1] ? b : a));
  return { code, communes };
}
