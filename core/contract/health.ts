import type { Liveness, MissingPart } from '../ops/liveness';
import type { UpstreamStatus } from './boards';

export type { MissingPart };

/** GET /api/v1/health (docs/api.md): `degraded` with `redis: false` (503) when Redis does not answer, or with `missing` parts. */
export interface HealthAnswer {
  status: 'ok' | 'degraded';
  redis: boolean;
  version: string;
  seq?: string;
  queue?: { waiting: number; active: number; failed: number };
  upstream?: UpstreamStatus;
  /** What should be running and is not (workers first), each since when; empty when all is well. */
  missing?: MissingPart[];
  liveness?: Omit<Liveness, 'status' | 'missing'> & { checkedAt: number };
}
