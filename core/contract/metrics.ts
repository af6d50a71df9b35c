/** One unit's figure for one indicator and period, as pushed to clients and returned by REST. */
export interface MetricValue {
  indicator: string;
  unit: string;
  period: string;
  /** Displayable value (ratio: scale × num/den). `null` when it cannot be computed (a zero denominator). */
  value: number | null;
  /** Stored components: sum → num = value; ratio → num/den; wmean → num = Σvalue·weight, den = Σweight. */
  num: number;
  den: number | null;
  /** When the figure was observed (epoch ms); for a rolled-up parent, the newest of its children. */
  observedAt: number;
  /** Source id that reported it; `rollup` for a derived parent. */
  source: string;
  /** For a derived parent: children that have reported. */
  reporting?: number;
  /** For a derived parent: children that are expected to report. */
  expected?: number;
}

/** A view: the figures of a scope (`VN` → its 34 provinces and itself; a province → its communes and itself). */
export interface ViewRequest {
  scope: string;
  indicators: string[];
}

export interface ViewSnapshot {
  scope: string;
  /** The change-stream id this snapshot is consistent with. Deltas at or below it are already in. */
  seq: string;
  /** Per indicator, the period shown: the current period, or the last one with data. */
  periods: Record<string, string>;
  values: MetricValue[];
  serverTime: number;
}
