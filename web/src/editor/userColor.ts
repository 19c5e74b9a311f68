// Dark enough for white caret labels (contrast ≥ 4.5:1), distinct from one another.
const COLORS = ["#000091", "#18753c", "#ce0500", "#6e445a", "#716043", "#3558a2", "#a94645", "#006a6f", "#7d4e5b"];

/** A stable colour per user, so that everyone sees the same person in the same colour. */
export function userColor(userId: string): string {
  let hash = 0;
  for (const c of userId) hash = (hash * 31 + c.charCodeAt(0)) | 0;
  return COLORS[Math.abs(hash) % COLORS.length]!;
}
