import { z } from 'zod';
import { isStreamId } from '../core/contract/stream-id';

export { isStreamId };

/** A stream id as clients send it back (`since` of view:subscribe, `before` of the audit log): core/contract/stream-id.ts. */
export const streamId = z.string().refine(isStreamId, 'a stream id <ms>-<seq>, two integers below 2^53');
