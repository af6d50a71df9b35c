import { createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { queueDashboardPageCsp } from '../../security-headers';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64');
const unique = (xs: string[]) => [...new Set(xs)];

/**
 * The dashboard's HTML as this instance serves it: without remote stylesheets (bull-board links a web font; every
 * part of the dashboard is served by the instance itself), with the policy that allows exactly its inline styles.
 */
export function dashboardPage(html: string): { html: string; csp: string } {
  const local = html.replace(/<link\b[^>]*\bhref="(?:https?:)?\/\/[^"]*"[^>]*>/gi, '');
  const styles = [...local.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)].map((m) => sha256(m[1]!));
  const attrs = [...local.matchAll(/\sstyle="([^"]*)"/gi)].map((m) => sha256(m[1]!));
  return { html: local, csp: queueDashboardPageCsp(unique(styles), unique(attrs)) };
}

/**
 * Sends bull-board's rendered page as dashboardPage makes it, and gives its scripts the session's CSRF token the way
 * its HTTP client reads one (the XSRF-TOKEN cookie, sent back as X-XSRF-TOKEN on the dashboard's path only).
 */
export function dashboardPageMiddleware(basePath: string) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const render = res.render.bind(res);
    res.render = ((view: string, options?: object) => {
      render(view, options ?? {}, (err: Error | null, html: string) => {
        if (err) return next(err);
        const page = dashboardPage(html);
        if (req.session) res.cookie('XSRF-TOKEN', req.session.csrf, { path: basePath, sameSite: 'strict', secure: req.secure, httpOnly: false });
        res.set({ 'Content-Security-Policy': page.csp, 'Cache-Control': 'no-store' }).type('html').send(page.html);
      });
    }) as Response['render'];
    next();
  };
}
