/**
 * The cost of the depth check every editor's update goes through before it is applied
 * (server/src/collab/inspect.ts): per keystroke in a paragraph, against applying it, and for an
 * update of 5,000 nested elements (refused). `pnpm run bench:collab-inspect`.
 */
import { deepestLevel } from "@atelier/server/src/collab/inspect.js";
import * as Y from "yjs";
import { appendParagraph } from "./ydoc.js";

const KEYSTROKES = 20_000;
const author = new Y.Doc();
const updates: Uint8Array[] = [];
author.on("update", (u: Uint8Array) => updates.push(u));
const text = appendParagraph(author);
for (let i = 0; i < KEYSTROKES; i++) text.insert(Math.floor(Math.random() * (text.length + 1)), "a");

const room = new Y.Doc();
let checking = 0;
let applying = 0;
for (const u of updates) {
  const t0 = performance.now();
  deepestLevel(room, u, 100);
  const t1 = performance.now();
  Y.applyUpdate(room, u);
  checking += t1 - t0;
  applying += performance.now() - t1;
}

const deep = new Y.Doc();
let parent: Y.XmlFragment | Y.XmlElement = deep.getXmlFragment("default");
for (let i = 0; i < 5000; i++) {
  const el = new Y.XmlElement("blockquote");
  parent.insert(0, [el]);
  parent = el;
}
const deepUpdate = Y.encodeStateAsUpdate(deep);
const t0 = performance.now();
deepestLevel(new Y.Doc(), deepUpdate, 100);
const deepMs = performance.now() - t0;

const us = (ms: number) => ((ms * 1000) / updates.length).toFixed(1);
console.log(`${updates.length} frappes : vérification ${us(checking)} µs, application ${us(applying)} µs par frappe`);
console.log(`5 000 éléments imbriqués (${deepUpdate.byteLength} octets) : vérification ${deepMs.toFixed(1)} ms`);
