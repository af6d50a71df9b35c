import type { CDPSession } from 'playwright-core';

/** Self sizes of a page's JS heap by the snapshot's node type (code, object, array, string, closure, …), after GC. */
export async function heapByType(cdp: CDPSession): Promise<Map<string, number>> {
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const chunks: string[] = [];
  const onChunk = (e: { chunk: string }) => chunks.push(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  const snap = JSON.parse(chunks.join('')) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
    nodes: number[];
  };
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const [iType, iSize] = [fields.indexOf('type'), fields.indexOf('self_size')];
  const out = new Map<string, number>();
  for (let i = 0; i < snap.nodes.length; i += fields.length) {
    const type = types[snap.nodes[i + iType]!] ?? '?';
    out.set(type, (out.get(type) ?? 0) + snap.nodes[i + iSize]!);
  }
  return out;
}

/** "code +1.1 MB, object +0.2 MB, …": what grew between two heapByType results, largest first. */
export function heapGrowth(start: Map<string, number>, end: Map<string, number>): string {
  const names = new Set([...start.keys(), ...end.keys()]);
  return [...names]
    .map((n) => [n, (end.get(n) ?? 0) - (start.get(n) ?? 0)] as const)
    .filter(([, d]) => Math.abs(d) >= 10 * 1024)
    .sort((a, b) => b[1] - a[1])
    .map(([n, d]) => `${n} ${d >= 0 ? '+' : ''}${(d / 1048576).toFixed(2)} MB`)
    .join(', ');
}
