// Dark enough for white caret labels (contrast ≥ 4.5:1), distinct from one another.
export const USER_COLORS = ["#000091", "#18753c", "#ce0500", "#6e445a", "#716043", "#3558a2", "#a94645", "#006a6f", "#7d4e5b"];

/** The colour a user gets when no one present already has it: stable, so a person keeps it from one visit to the next. */
function preferred(userId: string): number {
  let hash = 0;
  for (const c of userId) hash = (hash * 31 + c.charCodeAt(0)) | 0;
  return Math.abs(hash) % USER_COLORS.length;
}

/**
 * The colour of each user present, never the same for two of them while the palette lasts. Every
 * client computes it from the same set of users, in the same order (by id), so all see the same
 * colours; a collision moves the later user to the next free colour.
 */
export function presentColors(userIds: Iterable<string>): Map<string, string> {
  const taken = new Set<number>();
  const colors = new Map<string, string>();
  for (const id of [...new Set(userIds)].sort()) {
    let i = preferred(id);
    if (taken.size < USER_COLORS.length) while (taken.has(i)) i = (i + 1) % USER_COLORS.length;
    taken.add(i);
    colors.set(id, USER_COLORS[i]!);
  }
  return colors;
}

/** A user's colour when alone. */
export const userColor = (userId: string): string => USER_COLORS[preferred(userId)]!;
