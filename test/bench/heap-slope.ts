/** A least-squares line through (x, y) points: y ≈ intercept + slope · x. NaN slope with fewer than 2 distinct x. */
export function leastSquares(points: readonly { x: number; y: number }[]): { slope: number; intercept: number } {
  const n = points.length;
  const mx = points.reduce((a, p) => a + p.x, 0) / n;
  const my = points.reduce((a, p) => a + p.y, 0) / n;
  const sxx = points.reduce((a, p) => a + (p.x - mx) ** 2, 0);
  const sxy = points.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0);
  if (n < 2 || sxx === 0) return { slope: Number.NaN, intercept: Number.NaN };
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx };
}

/**
 * The heap's slope from samples (minutes since the end of warm-up, bytes): in MB per wall-clock hour, and as % of the
 * post-warm-up heap (`base`, bytes) per simulated day, a simulated day lasting 24 h / `speed` of wall-clock time.
 */
export function heapSlope(
  samples: readonly { minute: number; bytes: number }[],
  base: number,
  speed: number,
): { mbPerHour: number; percentPerSimDay: number; minutes: number } {
  const { slope } = leastSquares(samples.map((s) => ({ x: s.minute, y: s.bytes })));
  const bytesPerHour = slope * 60;
  const minutes = samples.length ? samples[samples.length - 1]!.minute - samples[0]!.minute : 0;
  return { mbPerHour: bytesPerHour / 1048576, percentPerSimDay: ((bytesPerHour * (24 / speed)) / base) * 100, minutes };
}
