import { readableCanvas } from './canvas-capture';

/**
 * A PNG of a scene, map included, drawn with the Canvas API alone (no library is installed for it): the scene's DOM
 * is walked once and each element's background, borders, text and canvases (the map, via its capture, and the charts)
 * are painted at the place the browser laid them out. What it leaves out: shadows, gradients (their first colour is
 * used), transforms other than position, and filters. Text is placed word by word from the layout's own line boxes,
 * so wrapping, Vietnamese diacritics and the page's font are those on screen.
 */

type Images = ReadonlyMap<HTMLCanvasElement, CanvasImageSource>;

function transparent(color: string): boolean {
  return color === 'transparent' || /rgba\([^)]*,\s*0\)$/.test(color);
}

function firstColorOf(image: string): string | null {
  const m = /(#[0-9a-f]{3,8}|rgba?\([^)]*\))/i.exec(image);
  return m ? m[1]! : null;
}

function roundRect(ctx: CanvasRenderingContext2D, r: DOMRect, radius: number): void {
  ctx.beginPath();
  ctx.roundRect(r.left, r.top, r.width, r.height, Math.min(radius, r.width / 2, r.height / 2));
}

function paintBox(ctx: CanvasRenderingContext2D, r: DOMRect, s: CSSStyleDeclaration): void {
  const radius = parseFloat(s.borderTopLeftRadius) || 0;
  const background = transparent(s.backgroundColor) ? firstColorOf(s.backgroundImage) : s.backgroundColor;
  if (background) {
    ctx.fillStyle = background;
    roundRect(ctx, r, radius);
    ctx.fill();
  }
  const sides = [
    { w: parseFloat(s.borderTopWidth), c: s.borderTopColor, st: s.borderTopStyle, rect: [r.left, r.top, r.width, 0] },
    { w: parseFloat(s.borderRightWidth), c: s.borderRightColor, st: s.borderRightStyle, rect: [r.right, r.top, 0, r.height] },
    { w: parseFloat(s.borderBottomWidth), c: s.borderBottomColor, st: s.borderBottomStyle, rect: [r.left, r.bottom, r.width, 0] },
    { w: parseFloat(s.borderLeftWidth), c: s.borderLeftColor, st: s.borderLeftStyle, rect: [r.left, r.top, 0, r.height] },
  ] as const;
  const uniform = sides.every((x) => x.w === sides[0].w && x.c === sides[0].c);
  if (uniform && sides[0].w > 0 && sides[0].st !== 'none' && !transparent(sides[0].c)) {
    ctx.strokeStyle = sides[0].c;
    ctx.lineWidth = sides[0].w;
    const half = sides[0].w / 2;
    ctx.beginPath();
    ctx.roundRect(r.left + half, r.top + half, r.width - sides[0].w, r.height - sides[0].w, Math.max(0, radius - half));
    ctx.stroke();
    return;
  }
  for (const side of sides) {
    if (!(side.w > 0) || side.st === 'none' || transparent(side.c)) continue;
    const [x, y, w, h] = side.rect;
    ctx.fillStyle = side.c;
    // a side's strip lies inside the box: right and bottom strips end at the box's edge
    ctx.fillRect(w === 0 && x === r.right ? x - side.w : x, h === 0 && y === r.bottom ? y - side.w : y, w || side.w, h || side.w);
  }
}

function fontOf(s: CSSStyleDeclaration): string {
  return `${s.fontStyle} ${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
}

function transformText(text: string, s: CSSStyleDeclaration): string {
  if (s.textTransform === 'uppercase') return text.toLocaleUpperCase('vi');
  if (s.textTransform === 'lowercase') return text.toLocaleLowerCase('vi');
  return text;
}

/** Each word at the rectangle the layout gave it: wrapping and alignment come from the page itself. */
function paintText(ctx: CanvasRenderingContext2D, node: Text, s: CSSStyleDeclaration): void {
  const data = node.data;
  if (!data.trim()) return;
  ctx.font = fontOf(s);
  ctx.fillStyle = s.color;
  ctx.textBaseline = 'middle';
  ctx.letterSpacing = s.letterSpacing === 'normal' ? '0px' : s.letterSpacing;
  const range = document.createRange();
  for (const m of data.matchAll(/\S+/g)) {
    const start = m.index ?? 0;
    range.setStart(node, start);
    range.setEnd(node, start + m[0].length);
    const rect = range.getClientRects()[0];
    if (!rect || rect.width === 0) continue;
    ctx.fillText(transformText(m[0], s), rect.left, rect.top + rect.height / 2);
  }
}

function paintSelect(ctx: CanvasRenderingContext2D, el: HTMLSelectElement, r: DOMRect, s: CSSStyleDeclaration): void {
  const text = el.selectedOptions[0]?.text ?? '';
  ctx.font = fontOf(s);
  ctx.fillStyle = s.color;
  ctx.textBaseline = 'middle';
  ctx.fillText(text, r.left + (parseFloat(s.paddingLeft) || 0) + (parseFloat(s.borderLeftWidth) || 0), r.top + r.height / 2);
}

function paintElement(ctx: CanvasRenderingContext2D, el: Element, images: Images, alpha: number): void {
  if (el instanceof SVGElement || el instanceof HTMLInputElement || el.getAttribute('data-export') === 'skip') return;
  const s = getComputedStyle(el);
  if (s.display === 'none' || s.visibility === 'hidden' || s.clipPath !== 'none') return;
  const opacity = alpha * (Number(s.opacity) || 0);
  if (opacity < 0.02) return;
  const r = el.getBoundingClientRect();
  ctx.save();
  ctx.globalAlpha = opacity;
  paintBox(ctx, r, s);
  if (el instanceof HTMLCanvasElement) {
    const image = images.get(el);
    if (image && r.width > 0 && r.height > 0) ctx.drawImage(image, r.left, r.top, r.width, r.height);
  } else if (el instanceof HTMLSelectElement) {
    paintSelect(ctx, el, r, s);
  } else {
    if (s.overflowX !== 'visible' || s.overflowY !== 'visible') {
      roundRect(ctx, r, parseFloat(s.borderTopLeftRadius) || 0);
      ctx.clip();
    }
    for (const child of el.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) paintText(ctx, child as Text, s);
      else if (child instanceof Element) paintElement(ctx, child, images, opacity);
    }
  }
  ctx.restore();
}

/** The scene under `root` as a canvas of its size × `scale` (the device pixel ratio by default). */
export async function paintScene(root: HTMLElement, scale = window.devicePixelRatio || 1): Promise<HTMLCanvasElement> {
  const images = new Map<HTMLCanvasElement, CanvasImageSource>();
  for (const c of root.querySelectorAll('canvas')) images.set(c, await readableCanvas(c));
  await document.fonts.ready;
  const rect = root.getBoundingClientRect();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(rect.width * scale);
  canvas.height = Math.round(rect.height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  ctx.scale(scale, scale);
  ctx.translate(-rect.left, -rect.top);
  ctx.fillStyle = getComputedStyle(document.documentElement).backgroundColor || '#060c17';
  ctx.fillRect(rect.left, rect.top, rect.width, rect.height);
  paintElement(ctx, root, images, 1);
  return canvas;
}

export function canvasToPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png');
  });
}
