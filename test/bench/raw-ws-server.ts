/**
 * The physical limit of `bench:sockets`, in a process of its own as the Socket.io server is: a bare `ws` server on
 * loopback that, told over IPC, sends the same frame bytes to every client it holds (one Buffer, a text frame each).
 */
import { WebSocketServer } from 'ws';

const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false, clientTracking: true });
wss.on('listening', () => {
  const address = wss.address();
  process.send!({ type: 'listening', port: address && typeof address === 'object' ? address.port : 0 });
});
process.on('message', (m: { type: 'broadcast'; frame: string }) => {
  if (m.type !== 'broadcast') return;
  const bytes = Buffer.from(m.frame);
  const t0 = performance.now();
  for (const client of wss.clients) client.send(bytes, { binary: false });
  process.send!({ type: 'sent', clients: wss.clients.size, ms: performance.now() - t0 });
});

// the bench went away (ended or crashed): so do its clients and servers
process.on('disconnect', () => process.exit(0));
