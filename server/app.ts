import { existsSync } from 'node:fs';
import path from 'node:path';
import compression from 'compression';
import express, { type Express } from 'express';
import expressStaticGzip from 'express-static-gzip';
import { mapsDistDir } from '../maps/ensure';
import type { ServerContext } from './context';
import { errorHandler, HttpError } from './http-errors';
import { ingestRouter } from './routes/ingest.route';
import { linksRouter } from './routes/links.routes';
import { connectorsRouter } from './routes/connectors.routes';
import { uploadsRouter } from './routes/uploads.routes';
import { guard } from './auth/guard';
import { principalMiddleware } from './auth/principal.middleware';
import { securityHeaders } from './security-headers';
import { auditRouter } from './routes/admin/audit.route';
import { contactPointsRouter } from './routes/admin/contact-points.routes';
import { displaysRouter } from './routes/admin/displays.routes';
import { sourcesRouter } from './routes/admin/sources.routes';
import { usersRouter } from './routes/admin/users.routes';
import { authRouter } from './routes/auth.routes';
import { alertRulesRouter } from './routes/alert-rules.routes';
import { alertsRouter } from './routes/alerts.routes';
import { silencesRouter } from './routes/silences.routes';
import { feedsRouter } from './routes/feeds.route';
import { priorityDatabasesRouter } from './routes/priority-databases.route';
import { readRouter } from './routes/read.routes';
import { reportsRouter } from './routes/reports.routes';
import { QUEUE_DASHBOARD_PATH, queueDashboard } from './admin/queue-dashboard/queue-dashboard';
import { metricsRouter } from './routes/metrics.route';


/** The Express app: API, map data, and the built dashboard (a single-page app). */
export function createApp(ctx: ServerContext): Express {
  const app = express();
  const clientDistDir = path.resolve(import.meta.dirname, '..', ctx.config.CLIENT_DIR);
  app.disable('x-powered-by');
  app.set('trust proxy', ctx.config.TRUST_PROXY.split(',').map((p) => p.trim()));
  app.use(securityHeaders());
  app.use(compression());
  // built files are sent as the .br / .gz copies made at build time (platform/precompress.ts), the rest as they are;
  // maps and hashed assets are the same for everyone, so they are served before the principal is read (from Redis):
  // a page can still load its lazy parts while Redis is down
  const precompressed = (dir: string, options: { maxAge: string; immutable?: boolean; fallthrough: boolean }) =>
    expressStaticGzip(dir, { enableBrotli: true, orderPreference: ['br', 'gz'], index: false, serveStatic: options });
  app.use('/maps', precompressed(mapsDistDir, { maxAge: '1h', fallthrough: false }));
  // Vite names built assets by content hash: they never change, so browsers keep them
  if (existsSync(clientDistDir)) app.use('/assets', precompressed(path.join(clientDistDir, 'assets'), { maxAge: '365d', immutable: true, fallthrough: false }));
  app.use(principalMiddleware(ctx));
  app.use(authRouter(ctx));
  app.use(usersRouter(ctx));
  app.use(displaysRouter(ctx));
  app.use(sourcesRouter(ctx));
  app.use(auditRouter(ctx));
  app.use(contactPointsRouter(ctx));
  app.use(alertsRouter(ctx));
  app.use(alertRulesRouter(ctx));
  app.use(silencesRouter(ctx));
  app.use(ingestRouter(ctx));
  app.use(linksRouter(ctx));
  app.use(connectorsRouter(ctx));
  app.use(uploadsRouter(ctx));
  app.use(readRouter(ctx));
  app.use(feedsRouter(ctx));
  app.use(priorityDatabasesRouter(ctx));
  app.use(reportsRouter(ctx));
  app.use(QUEUE_DASHBOARD_PATH, queueDashboard(ctx));
  app.use(metricsRouter(ctx));
  app.use('/api', (req, _res, next) => next(new HttpError(404, 'not_found', `no route ${req.method} ${req.originalUrl}`)));
  if (existsSync(clientDistDir)) {
    app.use(express.static(clientDistDir, { index: false, maxAge: '1h' }));
    app.get(/^\/(?!api\/|maps\/|socket\.io\/).*/, guard(ctx, 'public'), (_req, res) => {
      res.set('Cache-Control', 'no-cache').sendFile(path.join(clientDistDir, 'index.html'));
    });
  }
  app.use(errorHandler(ctx.log));
  return app;
}
