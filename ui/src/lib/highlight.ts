// A search snippet as plain and marked runs, so the UI marks matches without injecting HTML.

export interface Segment {
  text: string;
  marked: boolean;
}

/** Splits `text` at the `[start, end)` ranges (UTF-16 offsets), which may be unsorted. */
export function segments(text: string, highlights: [number, number][]): Segment[] {
  const ranges = [...highlights]
    .map(([a, b]) => [Math.max(0, Math.min(a, text.length)), Math.max(0, Math.min(b, text.length))] as const)
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  const out: Segment[] = [];
  let at = 0;
  for (const [a, b] of ranges) {
    if (a < at) continue; // overlapping: the first wins
    if (a > at) out.push({ text: text.slice(at, a), marked: false });
    out.push({ text: text.slice(a, b), marked: true });
    at = b;
  }
  if (at < text.length) out.push({ text: text.slice(at), marked: false });
  return out;
}
