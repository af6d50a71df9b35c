import { describe, expect, it } from 'vitest';
import type { IngestJob } from './observation';
import { fromIngestJobWire, toIngestJobWire } from './ingest-job-wire';

const at = Date.UTC(2026, 11, 7, 3);
const job: IngestJob = {
  source: 'src-1',
  batchId: 'b-1',
  receivedAt: at + 5,
  observations: [
    { indicator: 'dossier_received_count', unit: '00004', period: '2026-12-07', num: 12, den: null, observedAt: at },
    { indicator: 'dossier_on_time_rate', unit: '00007', period: '2026-12-07', num: 0.1 + 0.2, den: 3, observedAt: at - 61_000 },
    { indicator: 'dossier_received_count', unit: '48', period: '2026-12', num: 0, den: null, observedAt: at + 1, origin: 'dn:feed/x' },
    { indicator: 'dossier_received_count', unit: '00010', period: '2026-12-07', num: 2 ** 53 - 1, den: 1e-300, observedAt: at, origin: 'dn:feed/x' },
  ],
};

describe('ingest job wire', () => {
  it('gives back every field of every observation, origins only where they were', () => {
    const back = fromIngestJobWire(JSON.parse(JSON.stringify(toIngestJobWire(job))));
    expect(back).toEqual(job);
    expect('origin' in back.observations[0]!).toBe(false);
  });

  it('writes each repeated string once and is much smaller than the objects', () => {
    const wire = toIngestJobWire(job);
    expect(wire.t).toEqual(['dossier_received_count', '2026-12-07', 'dossier_on_time_rate', '2026-12', 'dn:feed/x']);
    expect(JSON.stringify(wire).length).toBeLessThan(JSON.stringify(job).length * 0.6);
    expect(wire.batchId).toBe('b-1');
  });

  it('takes a job of the earlier layout as it is, and an empty batch', () => {
    expect(fromIngestJobWire(job)).toBe(job);
    expect(fromIngestJobWire(toIngestJobWire({ ...job, observations: [] })).observations).toEqual([]);
  });
});
