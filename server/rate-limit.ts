import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit, type Options, type Store } from 'express-rate-limit';
import { hitRateLimit, resetRateLimit, unhitRateLimit } from '../store/rate-limits.repo';
import type { ServerContext } from './context';

/** The one module that imports express-rate-limit. */
export { ipKeyGenerator };

export interface LimitOptions {
  /** The limit's name, in its Redis keys (one counter per client per limit). */
  name: string;
  windowMs: number;
  /** Hits allowed per window: a number, or read at each request (a setting that can change). */
  limit: number | (() => number);
  /** Who is counted: an address, a user, a token… (hashed before it reaches Redis). */
  client: (req: Request) => string;
  /** The 429 answer's message (code `rate_limited`). */
  message: string;
  /** Only failed requests (status ≥ 400) count, e.g. sign-ins. */
  skipSuccessfulRequests?: boolean;
}

/** express-rate-limit's store on the installation's Redis: every server process counts against the same window. */
class RedisLimitStore implements Store {
  readonly localKeys = false;
  private windowMs = 60_000;
  constructor(
    private readonly ctx: ServerContext,
    private readonly name: string,
  ) {}
  /** What its keys start with (express-rate-limit's double-count check reads it). */
  get prefix(): string {
    return this.ctx.keys.rateLimit(this.name, '');
  }
  init(options: Options): void {
    this.windowMs = options.windowMs;
  }
  async increment(key: string) {
    const { hits, resetInMs } = await hitRateLimit(this.ctx.redis, this.ctx.keys, this.name, key, this.windowMs);
    return { totalHits: hits, resetTime: new Date(Date.now() + resetInMs) };
  }
  decrement(key: string): Promise<void> {
    return unhitRateLimit(this.ctx.redis, this.ctx.keys, this.name, key);
  }
  resetKey(key: string): Promise<void> {
    return resetRateLimit(this.ctx.redis, this.ctx.keys, this.name, key);
  }
}

/**
 * A rate limit shared by every server process of one installation (its counters in Redis). While Redis is away the
 * limit lets requests through: the route itself then answers 503, as every route does without Redis.
 */
export function sharedLimit(ctx: ServerContext, o: LimitOptions): RequestHandler {
  return rateLimit({
    windowMs: o.windowMs,
    limit: o.limit,
    skipSuccessfulRequests: o.skipSuccessfulRequests ?? false,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    store: new RedisLimitStore(ctx, o.name),
    passOnStoreError: true,
    keyGenerator: o.client,
    handler: (_req, res) => {
      res.status(429).json({ error: { code: 'rate_limited', message: o.message } });
    },
  });
}
