/** A signed-in HTTP client for tests: keeps the session cookie and sends the CSRF token on changes, as the dashboard does. */
export interface Session {
  cookie: string;
  csrf: string;
  call(method: string, path: string, body?: unknown, opts?: { csrf?: boolean }): Promise<{ status: number; body: any }>;
}

export async function signIn(url: string, username: string, password: string): Promise<Session> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${username} failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const session: Session = {
    cookie,
    csrf: csrfToken,
    async call(method, path, body, opts = {}) {
      const headers: Record<string, string> = { cookie };
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (opts.csrf !== false) headers['x-csrf-token'] = csrfToken;
      const r = await fetch(`${url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await r.text();
      return { status: r.status, body: text ? JSON.parse(text) : null };
    },
  };
  return session;
}
