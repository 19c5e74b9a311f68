/**
 * The comparison of two states of a document on its structure: the ProseMirror trees are cut
 * into blocks (paragraphs, headings, list items, cells…), blocks are matched by LCS, and the
 * blocks that changed are compared word by word.
 */
import { docToNode, type OnSkipped } from "@atelier/editor";
import type { DiffBlock, DiffReply, DiffSegment } from "@atelier/shared";
import type * as Y from "yjs";
import { lcsEdits } from "./lcs.js";

type Node = ReturnType<typeof docToNode>;

interface Block {
  type: string;
  level: number | null;
  text: string;
}

/** Containers whose paragraphs are shown as what they are in ("listItem", "tableCell"…). */
const CONTAINERS = new Set(["listItem", "taskItem", "tableCell", "tableHeader", "blockquote"]);

export function blocksOf(root: Node): Block[] {
  const blocks: Block[] = [];
  root.descendants((node, _pos, parent) => {
    if (node.isTextblock) {
      const inContainer = node.type.name === "paragraph" && parent && CONTAINERS.has(parent.type.name);
      blocks.push({
        type: inContainer ? parent.type.name : node.type.name,
        level: typeof node.attrs.level === "number" ? node.attrs.level : null,
        text: node.textContent,
      });
      return false;
    }
    if (node.isLeaf && node.isBlock) blocks.push({ type: node.type.name, level: null, text: "" });
    return true;
  });
  return blocks;
}

const words = (text: string) => text.split(/(\s+)/).filter((t) => t !== "");
const countWords = (text: string) => text.split(/\s+/).filter((t) => t !== "").length;

/**
 * Word-level segments of one block's change. A lone space kept between two changes is folded
 * into them, and each run of changes reads as what was deleted, then what was inserted.
 */
export function wordDiff(from: string, to: string): DiffSegment[] {
  const a = words(from);
  const b = words(to);
  const raw = lcsEdits(a, b).map((e) =>
    e.op === "equal" ? { op: e.op, text: a[e.a]! } : e.op === "delete" ? { op: e.op, text: a[e.a]! } : { op: e.op, text: b[e.b]! },
  );
  const segments: DiffSegment[] = [];
  let del = "";
  let ins = "";
  const flush = () => {
    if (del) segments.push({ op: "delete", text: del });
    if (ins) segments.push({ op: "insert", text: ins });
    del = ins = "";
  };
  raw.forEach((seg, k) => {
    const between = (del || ins) && /^\s+$/.test(seg.text) && raw[k + 1] && raw[k + 1]!.op !== "equal";
    if (seg.op === "equal" && !between) {
      flush();
      const last = segments.at(-1);
      if (last?.op === "equal") last.text += seg.text;
      else segments.push({ op: "equal", text: seg.text });
      return;
    }
    if (seg.op !== "insert") del += seg.text;
    if (seg.op !== "delete") ins += seg.text;
  });
  flush();
  return segments;
}

const sameBlock = (x: Block, y: Block) => x.type === y.type && x.level === y.level && x.text === y.text;

export function diffBlocks(from: Block[], to: Block[]): Pick<DiffReply, "blocks" | "stats"> {
  const blocks: DiffBlock[] = [];
  const stats = { insertedWords: 0, deletedWords: 0, changedBlocks: 0 };
  let dels: Block[] = [];
  let ins: Block[] = [];
  // A run of deleted blocks next to a run of inserted ones: paired as changed blocks.
  const flush = () => {
    const paired = Math.min(dels.length, ins.length);
    for (let k = 0; k < paired; k++) {
      const segments = wordDiff(dels[k]!.text, ins[k]!.text);
      for (const s of segments) {
        if (s.op === "insert") stats.insertedWords += countWords(s.text);
        if (s.op === "delete") stats.deletedWords += countWords(s.text);
      }
      blocks.push({ status: "change", type: ins[k]!.type, level: ins[k]!.level, segments });
    }
    for (const d of dels.slice(paired)) {
      stats.deletedWords += countWords(d.text);
      blocks.push({ status: "delete", type: d.type, level: d.level, segments: [{ op: "delete", text: d.text }] });
    }
    for (const i of ins.slice(paired)) {
      stats.insertedWords += countWords(i.text);
      blocks.push({ status: "insert", type: i.type, level: i.level, segments: [{ op: "insert", text: i.text }] });
    }
    stats.changedBlocks += Math.max(dels.length, ins.length);
    dels = [];
    ins = [];
  };
  for (const e of lcsEdits(from, to, sameBlock)) {
    if (e.op === "delete") dels.push(from[e.a]!);
    else if (e.op === "insert") ins.push(to[e.b]!);
    else {
      flush();
      const b = to[e.b]!;
      blocks.push({ status: "equal", type: b.type, level: b.level, segments: [{ op: "equal", text: b.text }] });
    }
  }
  flush();
  return { blocks, stats };
}

export function diffDocs(from: Y.Doc, to: Y.Doc, onSkipped?: OnSkipped) {
  return diffBlocks(blocksOf(docToNode(from, onSkipped)), blocksOf(docToNode(to, onSkipped)));
}
