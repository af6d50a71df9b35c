import type { Page } from 'playwright-core';

/**
 * Texts on screen cut through a line: elements matching `selector` whose box is shorter than their text, or than the
 * lines they are clamped to (`-webkit-line-clamp`: an ellipsis after whole lines is a designed cut, half a line is not).
 * No element matching is reported too.
 */
export async function cutText(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluateAll(
    (els, sel) => {
      // a check of nothing would pass on a page that lost its figures
      if (els.length === 0) return [`nothing on screen matches ${sel}`];
      return els.flatMap((el) => {
        const style = getComputedStyle(el);
        const lineHeight = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.2;
        const clamp = Number(style.webkitLineClamp) || Number.POSITIVE_INFINITY;
        const needed = Math.min(el.scrollHeight, clamp * lineHeight);
        return el.clientHeight + 1 < needed ? [`${el.textContent?.trim()} (${el.clientHeight} < ${Math.round(needed)} px)`] : [];
      });
    },
    selector,
  );
}
