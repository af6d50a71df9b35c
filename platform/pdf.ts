import type { Browser } from 'playwright-core';
import type { ReportErrorCode } from '../core/contract/reports';

/**
 * The only module of the server that imports playwright-core: prints a dashboard page to PDF in headless Chromium
 * (docs/reports.md). The page says when it is ready (`<body data-report-ready="1">`, once its map is idle and every
 * fetch has answered) or that it failed (`data-report-error="…"`); nothing is printed before one of them, so a PDF is
 * never of a blank or half-drawn page. playwright-core is loaded at the first report, not when the server starts (it
 * is a large module, and most server processes never print).
 */

/** Chromium that draws WebGL (MapLibre) without a GPU (STACK.md); the browser tests launch it the same way. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  // Compositing in software, as Chrome does by itself on a PC without a usable GPU; only WebGL (the map) runs in
  // SwiftShader. Forcing the compositor through SwiftShader too doubled the page's work.
  '--disable-gpu-compositing',
];

/** A4 landscape in CSS pixels (297 × 210 mm at 96 dpi): the page is laid out at the paper's size. */
export const A4_LANDSCAPE_PX = { width: 1123, height: 794 } as const;

/** The smallest a printed report can be: below this the PDF holds no page worth keeping. */
const MIN_PDF_BYTES = 2_000;

/** The page's `<body data-*>`, as seen from inside the page (this module is compiled without the DOM's types). */
type PageGlobal = { document: { body: { dataset: Record<string, string | undefined> } } };

export class RenderError extends Error {
  override name = 'RenderError';
  constructor(
    readonly code: ReportErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface RenderOptions {
  chromiumPath: string;
  url: string;
  timeoutMs: number;
  maxBytes: number;
}


/** Opens `url`, waits for the page's readiness, prints it; throws a RenderError with a code for every failure. */
export async function renderPdf(o: RenderOptions): Promise<Buffer> {
  const { chromium, errors } = await import('playwright-core');
  const isTimeout = (err: unknown) => err instanceof errors.TimeoutError;
  const deadline = Date.now() + o.timeoutMs;
  const left = () => Math.max(1000, deadline - Date.now());
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: o.chromiumPath, args: CHROMIUM_ARGS, timeout: left() });
  } catch (err) {
    throw new RenderError('browser', `Chromium did not start (${o.chromiumPath}): ${(err as Error).message.split('\n')[0]}`);
  }
  try {
    const page = await browser.newPage({ viewport: A4_LANDSCAPE_PX, deviceScaleFactor: 2, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    let status: number | undefined;
    try {
      status = (await page.goto(o.url, { waitUntil: 'domcontentloaded', timeout: left() }))?.status();
    } catch (err) {
      if (isTimeout(err)) throw new RenderError('timeout', `the report page did not load within ${o.timeoutMs} ms`);
      throw new RenderError('unreachable', `the report page could not be opened: ${(err as Error).message.split('\n')[0]}`);
    }
    if (status !== undefined && status >= 400) throw new RenderError('unreachable', `the report page answered HTTP ${status}`);
    try {
      // a function, not a string: the dashboard's CSP refuses eval, and functions reach the page without it
      // (kept to one expression: the function's text is what runs in the page)
      await page.waitForFunction(() => (globalThis as unknown as PageGlobal).document.body.dataset.reportReady === '1' || (globalThis as unknown as PageGlobal).document.body.dataset.reportError !== undefined, undefined, {
        timeout: left(),
        polling: 250,
      });
    } catch (err) {
      if (isTimeout(err)) {
        const detail = pageErrors.length ? `; page errors: ${pageErrors.slice(0, 3).join(' | ')}` : '';
        throw new RenderError('timeout', `the report page was not ready within ${o.timeoutMs} ms${detail}`);
      }
      throw new RenderError('page_error', `the report page broke: ${(err as Error).message.split('\n')[0]}`);
    }
    const problem = await page.evaluate(() => (globalThis as unknown as PageGlobal).document.body.dataset.reportError);
    if (problem !== undefined) throw new RenderError('page_error', `the report page says: ${problem}`);
    const pdf = await page.pdf({ format: 'A4', landscape: true, printBackground: true, preferCSSPageSize: true });
    if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-' || pdf.length < MIN_PDF_BYTES) {
      throw new RenderError('not_pdf', `Chromium printed no usable PDF (${pdf.length} bytes)`);
    }
    if (pdf.length > o.maxBytes) throw new RenderError('too_large', `the PDF is ${pdf.length} bytes, over the ${o.maxBytes}-byte cap (REPORT_MAX_BYTES)`);
    return pdf;
  } catch (err) {
    if (err instanceof RenderError) throw err;
    throw new RenderError(isTimeout(err) ? 'timeout' : 'browser', (err as Error).message.split('\n')[0] ?? 'render failed');
  } finally {
    await browser.close().catch(() => undefined);
  }
}
