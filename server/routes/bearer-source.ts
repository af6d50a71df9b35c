import type { Request } from 'express';
import type { RedisClient } from '../../platform/redis';
import type { Keys } from '../../store/keys';
import { recordLinkRefused } from '../../store/links.repo';
import { sourceForToken, sourceOfRetiredToken, type SourceRecord } from '../../store/sources.repo';
import { HttpError } from '../http-errors';

/** The source behind `Authorization: Bearer <token>`, or a 401 that says what is missing. */
export async function bearerSource(req: Request, redis: RedisClient, keys: Keys): Promise<SourceRecord> {
  const header = req.get('authorization') ?? '';
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  if (!m?.[1]) throw new HttpError(401, 'unauthorized', 'send the source token as Authorization: Bearer <token>');
  const source = await sourceForToken(redis, keys, m[1]);
  if (source) return source;
  const retired = await sourceOfRetiredToken(redis, keys, m[1]);
  if (retired) {
    await recordLinkRefused(redis, keys, retired);
    throw new HttpError(401, 'token_revoked', `the token of source '${retired}' was revoked or replaced; ask for a new one`);
  }
  throw new HttpError(401, 'unauthorized', 'unknown source token');
}
