import { connect, type Socket } from 'node:net';

/** Encodes commands in RESP, so a benchmark can measure Redis itself rather than a client library's encoder. */
export function encodeCommands(commands: readonly (readonly (string | number)[])[]): Buffer {
  const parts: string[] = [];
  for (const cmd of commands) {
    parts.push(`*${cmd.length}\r\n`);
    for (const arg of cmd) {
      const s = String(arg);
      parts.push(`$${Buffer.byteLength(s)}\r\n${s}\r\n`);
    }
  }
  return Buffer.from(parts.join(''));
}

/**
 * A bare socket to Redis: writes a pre-encoded buffer followed by PING and resolves when +PONG comes back, i.e. when
 * Redis has executed everything before it. The replies themselves are not parsed.
 */
export class RawRedis {
  private constructor(private readonly socket: Socket) {}

  static open(url: string): Promise<RawRedis> {
    const u = new URL(url);
    return new Promise((resolve, reject) => {
      const socket = connect(Number(u.port || 6379), u.hostname, () => resolve(new RawRedis(socket)));
      socket.once('error', reject);
    });
  }

  send(encoded: Buffer): Promise<void> {
    return new Promise((resolve) => {
      let tail = '';
      const onData = (chunk: Buffer) => {
        tail = (tail + chunk.toString('latin1')).slice(-16);
        if (tail.endsWith('+PONG\r\n')) {
          this.socket.off('data', onData);
          resolve();
        }
      };
      this.socket.on('data', onData);
      this.socket.write(encoded);
      this.socket.write('*1\r\n$4\r\nPING\r\n');
    });
  }

  close(): void {
    this.socket.destroy();
  }
}
