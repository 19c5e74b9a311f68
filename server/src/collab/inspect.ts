/**
 * What an update would do to a room's document, read before it is applied.
 *
 * Depth: Yjs deletes, encodes and exports nested types recursively, so a chain of a few thousand
 * nested elements overflows the stack when its root is deleted (and its HTML export from 3,000).
 * The editor's schema never needs such depths (ten nested lists are about 25 levels), so an update
 * that would nest an item deeper than the limit is refused whole. The walk is iterative and visits
 * each new struct once; for a keystroke it is one struct and one walk up its parents in the doc.
 */
import * as Y from "yjs";

/**
 * The nesting level of the deepest item the update adds (children of a root type are at 1), or
 * `limit + 1` as soon as one goes past `limit`. Throws if the update is malformed: nothing applied.
 */
export function deepestLevel(doc: Y.Doc, update: Uint8Array, limit: number): number {
  const { structs } = Y.decodeUpdate(update);
  const byClient = new Map<number, Y.Item[]>();
  for (const s of structs) {
    if (!(s instanceof Y.Item)) continue;
    let list = byClient.get(s.id.client);
    if (!list) byClient.set(s.id.client, (list = []));
    list.push(s);
  }
  for (const list of byClient.values()) list.sort((a, b) => a.id.clock - b.id.clock);

  const inUpdate = (id: Y.ID): Y.Item | undefined => {
    const list = byClient.get(id.client);
    if (!list) return undefined;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = list[mid]!;
      if (id.clock < s.id.clock) hi = mid - 1;
      else if (id.clock >= s.id.clock + s.length) lo = mid + 1;
      else return s;
    }
    return undefined;
  };
  // Level of an item the document already holds: its parent types, walked up (at most `limit` steps).
  const inDoc = (id: Y.ID): number => {
    const list = doc.store.clients.get(id.client);
    const last = list?.at(-1);
    if (!list || !last || id.clock >= last.id.clock + last.length) return 0;
    const s = list[Y.findIndexSS(list, id.clock)];
    if (!(s instanceof Y.Item)) return 0;
    let level = 1;
    for (let t = s.parent as Y.AbstractType<unknown> | null; t?._item && level <= limit; t = t._item.parent as Y.AbstractType<unknown>) {
      level++;
    }
    return level;
  };

  const levels = new Map<Y.Item, number>();
  let deepest = 0;
  for (const start of byClient.values()) {
    for (const first of start) {
      // Follows what decides each item's level (its parent, else its neighbour's) down to a known one.
      const chain: { item: Y.Item; step: number }[] = [];
      const seen = new Set<Y.Item>();
      let base = 0;
      for (let item: Y.Item | undefined = first; item; ) {
        const known = levels.get(item);
        if (known !== undefined) {
          base = known;
          break;
        }
        // A cycle is never integrated by Yjs (it stays pending): counted as nothing.
        if (seen.has(item)) break;
        seen.add(item);
        const parent = item.parent as Y.ID | string | null;
        const ref = parent && typeof parent === "object" ? parent : (item.origin ?? item.rightOrigin);
        const step = parent && typeof parent === "object" ? 1 : 0;
        chain.push({ item, step });
        if (typeof parent === "string") {
          base = 1;
          chain.at(-1)!.step = 0;
          break;
        }
        if (!ref) break;
        const next = inUpdate(ref);
        if (next) {
          item = next;
          continue;
        }
        base = inDoc(ref);
        break;
      }
      let level = base;
      for (let i = chain.length - 1; i >= 0; i--) {
        level += chain[i]!.step;
        levels.set(chain[i]!.item, level);
        if (level > deepest) deepest = level;
        if (deepest > limit) return limit + 1;
      }
    }
  }
  return deepest;
}
