import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentPeriod } from '../../core/time/period';
import { loadDomain } from '../../platform/domain';
import { NOTIFY_QUEUE, openNotifyQueue, queuePrefix, type NotifyQueue } from '../../platform/queues';
import { eventually, newSource, postBatch } from '../support/ingest-client';
import { signIn, type Session } from '../support/session-client';
import { startStack, TEST_ADMIN_PASSWORD, type Stack } from '../support/stack';

/**
 * Alert delivery through the real notify worker: an alert fired by real ingest (a commune far below the catalog's
 * national default drags its province into critical) reaches webhook receivers and an SMTP server run by this test.
 */
const domain = loadDomain();
const PUBLIC_URL = 'https://ioc.example.vn';
let stack: Stack;
let admin: Session;
let token: string;
let notify: NotifyQueue;
let batch = 0;

/** Fires the province's alert: its only reporting commune at 50 % (critical under the default: below 90 %). */
async function fireIn(province: string): Promise<void> {
  const commune = domain.registry.children(province, 'commune')[0]!.code;
  const r = await postBatch(stack.url, token, {
    batchId: `d${++batch}`,
    observations: [{ indicator: 'dossier_on_time_rate', unit: commune, period: currentPeriod('day', Date.now()), num: 50, den: 100, observedAt: new Date().toISOString() }],
  });
  expect(r.body.accepted).toBe(1);
}

/** A receiver as docs/api.md "Verifying a webhook" tells one to write it, answering by the attempt number. */
interface Hit {
  attempt: number;
  verified: boolean;
  timestamp: number;
  delivery: string;
  signature: string;
  raw: string;
  body: { type: string; alert: { unit: string; id: string }; link: string; threshold: number | null };
}
function receiver(secretOf: () => string, answer: (attempt: number) => number): Promise<{ url: string; hits: Hit[]; server: Server }> {
  const hits: Hit[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const timestamp = Number(req.headers['x-ioc-timestamp']);
      const expected = createHmac('sha256', secretOf()).update(`${timestamp}.${raw}`).digest('hex');
      const sent = String(req.headers['x-ioc-signature'] ?? '').replace(/^v1=/, '');
      const fresh = Math.abs(Date.now() / 1000 - timestamp) <= 300;
      const verified = fresh && sent.length === expected.length && timingSafeEqual(Buffer.from(sent), Buffer.from(expected));
      const attempt = hits.length + 1;
      hits.push({ attempt, verified, timestamp, delivery: String(req.headers['x-ioc-delivery']), signature: String(req.headers['x-ioc-signature']), raw, body: JSON.parse(raw) });
      res.writeHead(verified ? answer(attempt) : 401).end();
    });
  });
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, hits, server })));
}

/** The local SMTP server: what arrived, and per-address answers to RCPT TO (an SMTP reply code, or accept). */
const mails: { to: string[]; raw: string }[] = [];
const rcptTries = new Map<string, number>();
const rcptAnswer: Record<string, (tries: number) => number | null> = {
  'khong-ton-tai@danang.example.vn': () => 550,
  'hop-thu-day@hue.example.vn': (n) => (n <= 2 ? 452 : null),
};
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['AUTH', 'STARTTLS'],
  logger: false,
  onRcptTo(address, _session, cb) {
    const tries = (rcptTries.get(address.address) ?? 0) + 1;
    rcptTries.set(address.address, tries);
    const code = rcptAnswer[address.address]?.(tries) ?? null;
    if (code === null) return cb();
    const err = Object.assign(new Error(code >= 500 ? 'no such mailbox' : 'mailbox full, try later'), { responseCode: code });
    cb(err);
  },
  onData(stream, session, cb) {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
      cb();
    });
  },
});

/** The first delivery job to the contact point that ends failed or completed, once there is one. */
async function finishedJob(cp: string, state: 'failed' | 'completed', timeoutMs: number) {
  return eventually(async () => (state === 'failed' ? await notify.getFailed() : await notify.getCompleted()).find((j) => j.data.contactPoint === cp), timeoutMs);
}

beforeAll(async () => {
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
  const smtpPort = (smtp.server.address() as AddressInfo).port;
  stack = await startStack({ SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, SMTP_FROM: 'IOC Đà Nẵng <canh-bao@ioc.example.vn>', PUBLIC_URL });
  admin = await signIn(stack.url, 'admin', TEST_ADMIN_PASSWORD);
  token = await newSource(stack.redis, stack.keys, 'delivery-feed');
  notify = openNotifyQueue(queuePrefix(NOTIFY_QUEUE, stack.prefix));
});
afterAll(async () => {
  await notify?.close();
  await stack?.stop();
  await new Promise<void>((r) => smtp.close(() => r()));
});

describe('webhook delivery', () => {
  it('is signed: the receiver verifies the HMAC of "<timestamp>.<body>" with the secret shown once, within the replay window', async () => {
    let secret = '';
    const hook = await receiver(() => secret, () => 204);
    const made = await admin.call('POST', '/api/v1/contact-points', { kind: 'webhook', name: 'SMS Hà Nội', scope: '01', url: hook.url });
    expect(made.status).toBe(201);
    secret = made.body.secret;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const listed = (await admin.call('GET', '/api/v1/contact-points')).body.contactPoints as Record<string, unknown>[];
    expect(JSON.stringify(listed)).not.toContain(secret);
    await fireIn('01');
    // the stack's first alert: its evaluator may still be starting on a loaded machine
    const hit = await eventually(async () => hook.hits.find((h) => h.body.alert.unit === '01'), 60_000);
    expect(hit).toMatchObject({ verified: true, attempt: 1, body: { type: 'alert.fired', threshold: 90 } });
    expect(hit.body.link).toBe(`${PUBLIC_URL}/alerts?alert=${hit.body.alert.id}`);
    expect(hit.delivery).toContain(made.body.contactPoint.id);
    // a receiver holding an old secret no longer verifies after a rotation; the new one does
    const rotated = await admin.call('POST', `/api/v1/contact-points/${made.body.contactPoint.id}/rotate`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(secret);
    const old = secret;
    secret = rotated.body.secret;
    const hooked = hook.hits.length;
    await postBatch(stack.url, token, {
      batchId: `d${++batch}`,
      observations: [{ indicator: 'dossier_on_time_rate', unit: domain.registry.children('01', 'commune')[0]!.code, period: currentPeriod('day', Date.now()), num: 100, den: 100, observedAt: new Date().toISOString() }],
    });
    const resolved = await eventually(async () => hook.hits.slice(hooked).find((h) => h.body.type === 'alert.resolved'), 20_000);
    expect(resolved.verified).toBe(true);
    expect(createHmac('sha256', old).update(`${resolved.timestamp}.${resolved.raw}`).digest('hex')).not.toBe(resolved.signature.slice(3));
    expect(resolved.body.alert.id).toBe(hit.body.alert.id);
    hook.server.close();
  }, 120_000);

  it('a 400 answer is not retried: one attempt, the job failed with the reason', async () => {
    let secret = '';
    const hook = await receiver(() => secret, () => 400);
    const made = await admin.call('POST', '/api/v1/contact-points', { name: 'Cổng SMS cũ', scope: '79', url: hook.url });
    secret = made.body.secret;
    await fireIn('79');
    const failed = await finishedJob(made.body.contactPoint.id, 'failed', 20_000);
    expect(failed.failedReason).toBe('webhook answered 400: not retried');
    expect(failed.attemptsMade).toBe(1);
    await new Promise((r) => setTimeout(r, 2500)); // past the first backoff (1 s): nothing more comes
    expect(hook.hits.map((h) => [h.attempt, h.verified])).toEqual([[1, true]]);
    hook.server.close();
  });

  it('a 500 answer is retried with backoff, each try signed anew, until the receiver answers 200', async () => {
    let secret = '';
    const hook = await receiver(() => secret, (attempt) => (attempt <= 2 ? 500 : 200));
    const made = await admin.call('POST', '/api/v1/contact-points', { kind: 'webhook', name: 'Cổng Cần Thơ', scope: '92', url: hook.url });
    secret = made.body.secret;
    await fireIn('92');
    const done = await finishedJob(made.body.contactPoint.id, 'completed', 30_000);
    expect(done.returnvalue).toBe('webhook 200');
    expect(hook.hits.map((h) => h.attempt)).toEqual([1, 2, 3]);
    expect(hook.hits.every((h) => h.verified)).toBe(true);
    // one delivery (the same id) tried three times, 1 s then 2 s apart
    expect(new Set(hook.hits.map((h) => h.delivery)).size).toBe(1);
    expect(hook.hits[2]!.timestamp - hook.hits[0]!.timestamp).toBeGreaterThanOrEqual(2);
    hook.server.close();
  });

  it('a contact point stored before signing (no kind, no secret) still delivers, signed with a secret made on first use', async () => {
    // the receiver cannot know this secret (no admin saw it): it records what came, and the test checks it after
    const hook = await receiver(() => 'unknown', () => 204);
    const legacy = { id: 'legacy-cp', name: 'Cổng Hải Phòng', scope: '31', url: hook.url, createdBy: 'admin', createdAt: Date.now() };
    await stack.redis.hset(stack.keys.contactPoints(), legacy.id, JSON.stringify(legacy));
    expect(await stack.redis.hexists(stack.keys.contactPointSecrets(), legacy.id)).toBe(0);
    const listed = (await admin.call('GET', '/api/v1/contact-points')).body.contactPoints as { id: string; kind: string }[];
    expect(listed.find((c) => c.id === legacy.id)?.kind).toBe('webhook');
    await fireIn('31');
    const hit = await eventually(async () => hook.hits[0], 20_000);
    const secret = (await stack.redis.hget(stack.keys.contactPointSecrets(), legacy.id))!;
    expect(secret).toMatch(/^whsec_/);
    expect(hit.signature).toBe(`v1=${createHmac('sha256', secret).update(`${hit.timestamp}.${hit.raw}`).digest('hex')}`);
    expect(hit.body.type).toBe('alert.fired');
    // its admin gets to see a secret by rotating it
    const rotated = await admin.call('POST', `/api/v1/contact-points/${legacy.id}/rotate`);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(secret);
    hook.server.close();
  });
});

describe('contact points checked at save', () => {
  it.each([
    ['ftp://files.example.vn/hook', /scheme ftp/],
    ['https://user:secret@hook.example.vn/x', /credentials/],
    ['not a url', /not a URL/],
    ['javascript:alert(1)', /scheme javascript/],
  ])('refuses %s with 400 bad_url naming the field, and stores nothing', async (url, why) => {
    const before = await stack.redis.hlen(stack.keys.contactPoints());
    const r = await admin.call('POST', '/api/v1/contact-points', { kind: 'webhook', name: 'x', scope: '48', url });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ error: { code: 'bad_url' }, field: 'url' });
    expect(r.body.error.issues[0]).toMatch(why);
    expect(r.body.error.issues[0]).toMatch(/^url: /);
    expect(await stack.redis.hlen(stack.keys.contactPoints())).toBe(before);
  });
  it('refuses bad e-mail addresses with 400 bad_address, naming the one', async () => {
    const before = await stack.redis.hlen(stack.keys.contactPoints());
    const r = await admin.call('POST', '/api/v1/contact-points', { kind: 'email', name: 'x', scope: '48', addresses: ['a@b.vn', 'khong phai dia chi'] });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ error: { code: 'bad_address' }, field: 'addresses' });
    expect(r.body.error.issues).toEqual(['addresses.1: not an e-mail address']);
    expect(await stack.redis.hlen(stack.keys.contactPoints())).toBe(before);
  });
});

describe('e-mail delivery', () => {
  it('sends a Vietnamese mail by SMTP (UTF-8 headers encoded); a 550 refusal is not retried; a 452 is', async () => {
    const ok = await admin.call('POST', '/api/v1/contact-points', { kind: 'email', name: 'Trực ban Đà Nẵng', scope: '48', addresses: ['truc-ban@danang.example.vn', 'Lanh-Dao@danang.example.vn'] });
    expect(ok.status).toBe(201);
    expect(ok.body.secret).toBeNull();
    const refused = await admin.call('POST', '/api/v1/contact-points', { kind: 'email', name: 'Hộp thư sai', scope: '48', addresses: ['khong-ton-tai@danang.example.vn'] });
    const full = await admin.call('POST', '/api/v1/contact-points', { kind: 'email', name: 'Trực ban Huế', scope: '46', addresses: ['hop-thu-day@hue.example.vn'] });
    await fireIn('48');
    await fireIn('46');
    const mail = await eventually(async () => mails.find((m) => m.to.includes('truc-ban@danang.example.vn')), 20_000);
    expect(mail.to).toEqual(['truc-ban@danang.example.vn', 'lanh-dao@danang.example.vn']);
    // the raw header is RFC 2047 encoded (diacritics never travel as raw 8-bit)
    expect(mail.raw).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/im);
    const parsed = await simpleParser(mail.raw);
    const indicator = domain.indicator('dossier_on_time_rate')!.name.vi;
    expect(parsed.subject).toBe(`[IOC] Cảnh báo mức nghiêm trọng: ${indicator} — Thành phố Đà Nẵng`);
    expect(parsed.from?.text).toBe('"IOC Đà Nẵng" <canh-bao@ioc.example.vn>');
    expect(parsed.text).toContain('Đơn vị: Thành phố Đà Nẵng');
    expect(parsed.text).toContain(`Chỉ tiêu: ${indicator}`);
    expect(parsed.text).toContain('Giá trị: 50,0 %');
    expect(parsed.text).toContain('Ngưỡng: 90,0 %');
    expect(parsed.text).toMatch(/Thời điểm: \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    expect(parsed.text).toMatch(new RegExp(`${PUBLIC_URL}/alerts\\?alert=\\S+`));
    expect(parsed.html).toContain('Thành phố Đà Nẵng');

    const failed = await finishedJob(refused.body.contactPoint.id, 'failed', 20_000);
    expect(failed.attemptsMade).toBe(1);
    expect(failed.failedReason).toMatch(/SMTP 550: not retried/);
    expect(rcptTries.get('khong-ton-tai@danang.example.vn')).toBe(1);

    const done = await finishedJob(full.body.contactPoint.id, 'completed', 30_000);
    expect(done.attemptsMade).toBe(3);
    expect(rcptTries.get('hop-thu-day@hue.example.vn')).toBe(3);
    const hue = mails.find((m) => m.to.includes('hop-thu-day@hue.example.vn'))!;
    expect((await simpleParser(hue.raw)).subject).toMatch(/Thành phố Huế$/);
  });
});
