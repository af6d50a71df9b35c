import express, { Router } from 'express';
import { guard } from '../auth/guard';
import { batchEnvelope, MAX_BATCH_BYTES } from '../../core/contract/observation';
import { submitBatch } from '../../store/submit-batch';
import { recordReportOf } from './links.routes';
import type { ServerContext } from '../context';
import { HttpError } from '../http-errors';
import { ipKeyGenerator, sharedLimit } from '../rate-limit';
import { bearerSource } from './bearer-source';
import { countIntake } from '../../platform/metrics';

/**
 * POST /api/v1/observations (machines, with a source token: 'public' for the user guard, the token is its check):
 * validate every item, refuse those older than the stored figure (late never beats newer), queue the accepted ones,
 * answer 202 with every rejected item's index, code and reason — also when every item is rejected, outside the
 * token's scope or not. Nothing of a rejected item is written.
 */
export function ingestRouter(ctx: ServerContext): Router {
  const router = Router();
  // per token (or address, before a token is known): 1,200 batches a minute is 100,000 observations a second
  // counted on every server of the installation (the token is hashed before it reaches a key name)
  const limiter = sharedLimit(ctx, {
    name: 'ingest',
    windowMs: 60_000,
    limit: 1200,
    client: (req) => req.get('authorization') ?? ipKeyGenerator(req.ip ?? ''),
    message: 'over 1,200 batches a minute for this token; batch more observations per request',
  });
  router.post('/api/v1/observations', limiter, express.json({ limit: MAX_BATCH_BYTES, strict: true }), guard(ctx, 'public'), async (req, res) => {
    const source = await bearerSource(req, ctx.redis, ctx.keys);
    const envelope = batchEnvelope.safeParse(req.body);
    if (!envelope.success) {
      const issues = envelope.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`);
      throw new HttpError(400, 'bad_request', 'the body must be { batchId, observations: [1..5000 items] }', issues);
    }
    const { batchId, observations } = envelope.data;
    if (source.kind === 'link' && !(await ctx.redis.exists(ctx.keys.batch(source.id, batchId)))) await recordReportOf(ctx, source.id, req.body);
    const receipt = await submitBatch(ctx, source, batchId, observations);
    countIntake(receipt, observations.length);
    res.status(202).json(receipt);
  });
  return router;
}
