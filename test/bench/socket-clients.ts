/**
 * A child process of `bench:sockets` holding many client sockets: Socket.io clients subscribed to one view, or raw
 * `ws` clients of the raw broadcast server. Driven over IPC (see ClientCommand); for each marker (a value's
 * observedAt − base) it records how many sockets got it and the first and last arrival (epoch ms, comparable across
 * processes); per socket, the distinct markers it got.
 */
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import type { MetricsDelta } from '../../core/contract/events';

export type ClientCommand =
  | { type: 'open'; kind: 'sio' | 'ws'; url: string; count: number; cookie: string; base: number; addresses: string[]; scope: string; indicator: string }
  | { type: 'reset' }
  | { type: 'report'; markers: number[] }
  | { type: 'close' };

export interface ClientReport {
  type: 'report';
  open: number;
  dropped: number;
  /** Sockets that got every marker asked about. */
  complete: number;
  /** The fewest markers any socket got. */
  fewest: number;
  /** Per marker asked about: sockets that got it, first and last arrival. */
  arrivals: { marker: number; sockets: number; first: number; last: number }[];
  /** One `metrics:delta` frame as Socket.io puts it on the wire (the raw broadcast sends the same bytes). */
  frame?: string;
}

const now = () => performance.timeOrigin + performance.now();
const OPENING = 200;

let base = 0;
let frame: string | undefined;
let failed = 0;
/** Sockets that closed while not told to: a drop. */
let dropped = 0;
let closing = false;
let closers: (() => void)[] = [];
let seen: Set<number>[] = [];
let arrivals = new Map<number, { sockets: number; first: number; last: number }>();

function got(client: number, delta: MetricsDelta): void {
  const at = now();
  for (const v of delta.values) {
    const m = v.observedAt - base;
    if (m < 0 || seen[client]!.has(m)) continue;
    seen[client]!.add(m);
    const a = arrivals.get(m);
    if (!a) arrivals.set(m, { sockets: 1, first: at, last: at });
    else {
      a.sockets++;
      a.last = at;
    }
  }
}

function openSio(c: Extract<ClientCommand, { type: 'open' }>, i: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket: Socket = io(c.url, {
      transports: ['websocket'],
      extraHeaders: { cookie: c.cookie },
      forceNew: true,
      reconnection: false,
      timeout: 120_000,
      localAddress: c.addresses[i % c.addresses.length],
    } as Parameters<typeof io>[1]);
    const client = seen.length;
    seen.push(new Set());
    closers.push(() => socket.disconnect());
    socket.on('disconnect', () => closing || dropped++);
    socket.on('metrics:delta', (delta: MetricsDelta) => {
      frame ??= `42${JSON.stringify(['metrics:delta', delta])}`;
      got(client, delta);
    });
    socket.once('connect_error', reject);
    socket.once('connect', () => {
      socket
        .timeout(120_000)
        .emitWithAck('view:subscribe', { scope: c.scope, indicators: [c.indicator] })
        .then((ack: { ok: boolean }) => (ack.ok ? resolve() : reject(new Error(JSON.stringify(ack)))), reject);
    });
  });
}

function openWs(c: Extract<ClientCommand, { type: 'open' }>, i: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(c.url, { localAddress: c.addresses[i % c.addresses.length], perMessageDeflate: false });
    const client = seen.length;
    seen.push(new Set());
    closers.push(() => ws.terminate());
    ws.on('close', () => closing || dropped++);
    ws.on('message', (data) => got(client, JSON.parse(data.toString().slice(2))[1] as MetricsDelta));
    ws.once('error', reject);
    ws.once('open', () => resolve());
  });
}

async function open(c: Extract<ClientCommand, { type: 'open' }>): Promise<void> {
  base = c.base;
  let next = 0;
  await Promise.all(
    Array.from({ length: OPENING }, async () => {
      while (next < c.count) {
        const i = next++;
        await (c.kind === 'sio' ? openSio(c, i) : openWs(c, i)).catch(() => failed++);
      }
    }),
  );
}

function report(markers: number[]): ClientReport {
  let complete = 0;
  let fewest = Number.POSITIVE_INFINITY;
  for (const s of seen) {
    const n = markers.filter((m) => s.has(m)).length;
    if (n === markers.length) complete++;
    fewest = Math.min(fewest, n);
  }
  return {
    type: 'report',
    open: seen.length - failed,
    dropped,
    complete,
    fewest: seen.length ? fewest : 0,
    arrivals: markers.map((marker) => ({ marker, ...(arrivals.get(marker) ?? { sockets: 0, first: Number.NaN, last: Number.NaN }) })),
    frame,
  };
}

process.on('message', (c: ClientCommand) => {
  if (c.type === 'open') void open(c).then(() => process.send!({ type: 'opened', open: seen.length - failed, failed }));
  else if (c.type === 'reset') {
    arrivals = new Map();
    for (const s of seen) s.clear();
    process.send!({ type: 'reset' });
  } else if (c.type === 'report') process.send!(report(c.markers));
  else if (c.type === 'close') {
    closing = true;
    for (const close of closers) close();
    closers = [];
    seen = [];
    failed = 0;
    dropped = 0;
    arrivals = new Map();
    setTimeout(() => {
      closing = false;
      process.send!({ type: 'closed' });
    }, 1000);
  }
});
process.send!({ type: 'ready' });

// the bench went away (ended or crashed): so do its clients and servers
process.on('disconnect', () => process.exit(0));
