/**
 * Longest common subsequence between two sequences, as an edit script. Shared by the comparison
 * (blocks, then words) and the restore (the document's top-level blocks).
 */
export type Edit = { op: "equal"; a: number; b: number } | { op: "delete"; a: number } | { op: "insert"; b: number };

/** Beyond this many cells the middle is treated as replaced outright (memory stays bounded). */
const MAX_CELLS = 4_000_000;

export function lcsEdits<T>(a: readonly T[], b: readonly T[], eq: (x: T, y: T) => boolean = Object.is): Edit[] {
  // Common prefix and suffix first: most comparisons differ in a small middle.
  let start = 0;
  while (start < a.length && start < b.length && eq(a[start]!, b[start]!)) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && eq(a[endA - 1]!, b[endB - 1]!)) {
    endA--;
    endB--;
  }
  const edits: Edit[] = [];
  for (let i = 0; i < start; i++) edits.push({ op: "equal", a: i, b: i });
  edits.push(...middle(a, b, start, endA, endB, eq));
  for (let i = 0; endA + i < a.length; i++) edits.push({ op: "equal", a: endA + i, b: endB + i });
  return edits;
}

function middle<T>(a: readonly T[], b: readonly T[], start: number, endA: number, endB: number, eq: (x: T, y: T) => boolean): Edit[] {
  const n = endA - start;
  const m = endB - start;
  const out: Edit[] = [];
  if (n * m > MAX_CELLS || n === 0 || m === 0) {
    for (let i = start; i < endA; i++) out.push({ op: "delete", a: i });
    for (let j = start; j < endB; j++) out.push({ op: "insert", b: j });
    return out;
  }
  // table[i][j]: LCS length of a[start+i..endA) and b[start+j..endB).
  const w = m + 1;
  const table = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * w + j] = eq(a[start + i]!, b[start + j]!)
        ? table[(i + 1) * w + j + 1]! + 1
        : Math.max(table[(i + 1) * w + j]!, table[i * w + j + 1]!);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (eq(a[start + i]!, b[start + j]!)) {
      out.push({ op: "equal", a: start + i++, b: start + j++ });
    } else if (table[(i + 1) * w + j]! >= table[i * w + j + 1]!) {
      out.push({ op: "delete", a: start + i++ });
    } else {
      out.push({ op: "insert", b: start + j++ });
    }
  }
  while (i < n) out.push({ op: "delete", a: start + i++ });
  while (j < m) out.push({ op: "insert", b: start + j++ });
  return out;
}
