/**
 * What every writer needs beside the tree: the headings with their anchors (the table of contents
 * links to them) and where each comment thread sits. A thread is placed on the first passage of the
 * text that reads as its quote (the first line of it when it spans blocks); one whose words are gone
 * is still exported, on the cover's title.
 */
import { headingAnchors } from "@atelier/editor";
import type { Mark, Node } from "@tiptap/pm/model";
import type { ExportSource } from "./source.js";

export interface TocEntry {
  level: number;
  text: string;
  anchor: string;
}

interface Placement {
  thread: number;
  from: number;
  to: number;
}

export type Run =
  | { kind: "text"; text: string; marks: readonly Mark[] }
  | { kind: "break" }
  | { kind: "start"; thread: number }
  | { kind: "end"; thread: number };

export interface Outline {
  toc: TocEntry[];
  anchorOf(heading: Node): string | undefined;
  /** The inline content of a text block, split where comments start and end. */
  runs(block: Node): Run[];
  /** Threads no passage of the text holds any more. */
  unplaced: number[];
}

export function outlineOf(source: ExportSource): Outline {
  const { doc, threads } = source;
  const headings = headingAnchors(doc);
  const anchors = new Map<Node, string>(headings.map((h) => [doc.nodeAt(h.pos)!, h.anchor]));
  const placements = new Map<Node, Placement[]>();
  const unplaced: number[] = [];
  threads.forEach((t, thread) => {
    const quote = t.quote.split("\n").map((l) => l.trim()).find(Boolean);
    let placed = false;
    if (quote) {
      doc.descendants((node) => {
        if (placed) return false;
        if (!node.isTextblock) return true;
        const from = node.textContent.indexOf(quote);
        if (from >= 0) {
          placed = true;
          placements.set(node, [...(placements.get(node) ?? []), { thread, from, to: from + quote.length }]);
        }
        return false;
      });
    }
    if (!placed) unplaced.push(thread);
  });

  function runs(block: Node): Run[] {
    const marks = placements.get(block) ?? [];
    // Comment boundaries by offset in the block's text, ends before starts at the same offset.
    const cuts = marks
      .flatMap((p) => [
        { at: p.from, run: { kind: "start", thread: p.thread } as Run },
        { at: p.to, run: { kind: "end", thread: p.thread } as Run },
      ])
      .sort((a, b) => a.at - b.at || (a.run.kind === "end" ? -1 : 1));
    const out: Run[] = [];
    let offset = 0;
    let next = 0;
    const flush = (upTo: number) => {
      while (next < cuts.length && cuts[next]!.at <= upTo) out.push(cuts[next++]!.run);
    };
    block.forEach((child) => {
      if (child.isText) {
        const text = child.text!;
        let start = 0;
        while (next < cuts.length && cuts[next]!.at < offset + text.length) {
          const cut = cuts[next]!.at - offset;
          if (cut > start) out.push({ kind: "text", text: text.slice(start, cut), marks: child.marks });
          start = Math.max(start, cut);
          out.push(cuts[next++]!.run);
        }
        if (start < text.length) out.push({ kind: "text", text: text.slice(start), marks: child.marks });
        offset += text.length;
      } else if (child.type.name === "hardBreak") {
        flush(offset);
        out.push({ kind: "break" });
      }
    });
    flush(Number.POSITIVE_INFINITY);
    return out;
  }

  return {
    toc: headings.map(({ level, text, anchor }) => ({ level, text, anchor })),
    anchorOf: (heading) => anchors.get(heading),
    runs,
    unplaced,
  };
}

export const hasMark = (marks: readonly Mark[], name: string) => marks.some((m) => m.type.name === name);
export const linkOf = (marks: readonly Mark[]) => marks.find((m) => m.type.name === "link")?.attrs.href as string | undefined;
