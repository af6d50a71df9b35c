import type { RedisClient } from '../platform/redis';
import type { UploadPreview, UploadReceipt } from '../core/contract/uploads';
import type { Keys } from './keys';

/**
 * Previewed uploads waiting for their commit: one hash per upload (`keys.upload(id)`) that expires with the preview,
 * holding what was shown and the figures a commit would submit. The commit is claimed once (a second is refused);
 * the claim and the expiry are set in one transaction, so a claim on an upload that expired meanwhile leaves nothing.
 */

/** A preview is kept this long; past it, the file must be uploaded again. */
export const UPLOAD_TTL_MS = 30 * 60_000;

export interface UploadRecord {
  preview: UploadPreview;
  /** The user who uploaded it: only they may commit it. */
  owner: { id: string; username: string; scope: string };
  createdAt: number;
  /** The accepted rows' figures, as push items: the one batch of the commit. */
  items: Record<string, unknown>[];
  /** For each item, its file row (a row is committed whole or not at all). */
  itemRows: number[];
}

export interface StoredUpload {
  record: UploadRecord;
  committedAt: number | null;
  receipt: UploadReceipt | null;
}

export async function saveUpload(redis: RedisClient, keys: Keys, record: UploadRecord): Promise<void> {
  await redis.multi().hset(keys.upload(record.preview.id), 'record', JSON.stringify(record)).pexpireat(keys.upload(record.preview.id), record.preview.expiresAt).exec();
}

export async function readUpload(redis: RedisClient, keys: Keys, id: string): Promise<StoredUpload | undefined> {
  const all = await redis.hgetall(keys.upload(id));
  if (!all.record) return undefined;
  return {
    record: JSON.parse(all.record) as UploadRecord,
    committedAt: all.committedAt ? Number(all.committedAt) : null,
    receipt: all.receipt ? (JSON.parse(all.receipt) as UploadReceipt) : null,
  };
}

/** `claimed`: this caller commits it now; `committed`: someone did already; `gone`: it expired (or never was). */
export async function claimCommit(redis: RedisClient, keys: Keys, id: string, expiresAt: number, nowMs = Date.now()): Promise<'claimed' | 'committed' | 'gone'> {
  const key = keys.upload(id);
  const res = await redis.multi().hexists(key, 'record').hsetnx(key, 'committedAt', String(nowMs)).pexpireat(key, expiresAt).exec();
  const [exists, set] = (res ?? []).map(([err, v]) => {
    if (err) throw err;
    return v;
  });
  if (exists !== 1) {
    // the upload expired between the read and the claim: the claim made a key of its own, expired at once by PEXPIREAT
    return 'gone';
  }
  return set === 1 ? 'claimed' : 'committed';
}

/** The commit failed before its batch was taken: the upload may be committed again. */
export async function releaseCommit(redis: RedisClient, keys: Keys, id: string): Promise<void> {
  await redis.hdel(keys.upload(id), 'committedAt');
}

/** Keeps the commit's receipt beside the upload, until it expires (the expiry is set again: never a key without one). */
export async function saveReceipt(redis: RedisClient, keys: Keys, id: string, expiresAt: number, receipt: UploadReceipt): Promise<void> {
  await redis.multi().hset(keys.upload(id), 'receipt', JSON.stringify(receipt)).pexpireat(keys.upload(id), expiresAt).exec();
}
