import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInstallation, type Installation } from '../support/installation';
import { TEST_ADMIN_PASSWORD } from '../support/stack';

/**
 * Rate limits hold across the server processes of one installation (docs/scale-out.md): their counters live in Redis,
 * so a client spreading its requests over N servers gets the limit once, not N times.
 */
let installation: Installation;

beforeAll(async () => {
  installation = await startInstallation({ servers: 2, workers: 0 });
});
afterAll(async () => {
  await installation?.stop();
});

async function login(server: number, username: string, password: string): Promise<{ status: number; code?: string }> {
  const res = await fetch(`${installation.servers[server]!.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = (await res.json().catch(() => ({}))) as { error?: { code?: string } };
  return { status: res.status, code: body.error?.code };
}

describe('a sign-in limit shared by two servers', () => {
  it('counts failed attempts on either server against one allowance of 10; successes do not count', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 9; i++) statuses.push((await login(i % 2, 'admin', `wrong-${i}`)).status);
    // a successful sign-in takes its hit back
    statuses.push((await login(1, 'admin', TEST_ADMIN_PASSWORD)).status);
    statuses.push((await login(0, 'admin', 'wrong-9')).status);
    expect(statuses).toEqual([...Array(9).fill(401), 200, 401]);
    // the 11th failure is refused by both servers, whichever it reaches, and so is the right password now
    const refused = [await login(0, 'admin', 'wrong-again'), await login(1, 'admin', 'wrong-again'), await login(1, 'admin', TEST_ADMIN_PASSWORD)];
    expect(refused).toEqual(Array(3).fill({ status: 429, code: 'rate_limited' }));
  });

  it('gives another name from the same address its own allowance', async () => {
    expect((await login(0, 'someone-else', 'wrong')).status).toBe(401);
    expect((await login(1, 'someone-else', 'wrong')).status).toBe(401);
  });

  it('keeps its counters in the installation key space, with the client hashed out of the key names', async () => {
    const names = await installation.redis.keys(`${installation.keys.prefix}rate:*`);
    expect(names.length).toBe(2);
    for (const name of names) {
      expect(name).toMatch(/^ioc:\{[^}]+\}:rate:login:[0-9a-f]{32}$/);
      expect(await installation.redis.pttl(name)).toBeGreaterThan(14 * 60_000);
    }
  });
});
