import type { JSONContent } from "@tiptap/core";
import { prosemirrorJSONToYDoc } from "@tiptap/y-tiptap";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { getEditorSchema } from "./schema.js";
import { replaceGathered, SYNTHESIS_SECTIONS, synthesisContent, synthesisSectionFor } from "./synthesis.js";
import { documentTemplate, TEMPLATE_KINDS } from "./templates.js";
import { CONTENT_FRAGMENT, docToNode, docToText } from "./ydoc.js";

const h = (level: number, text: string): JSONContent => ({ type: "heading", attrs: { level }, content: [{ type: "text", text }] });
const p = (text: string): JSONContent => (text ? { type: "paragraph", content: [{ type: "text", text }] } : { type: "paragraph" });
const node = (...content: JSONContent[]) => getEditorSchema().nodeFromJSON({ type: "doc", content });
const headings = (json: JSONContent) => (json.content ?? []).filter((n) => n.type === "heading").map((n) => n.content?.[0]?.text ?? "");

describe("national synthesis content", () => {
  it("has the synthèse template's sections, and every template heading it gathers exists in a template", () => {
    expect(SYNTHESIS_SECTIONS.map((s) => s.title)).toEqual(headings(documentTemplate("synthese")));
    const written = new Set(TEMPLATE_KINDS.flatMap((k) => headings(documentTemplate(k))));
    for (const s of SYNTHESIS_SECTIONS) for (const from of s.from) expect(written).toContain(from);
    expect(synthesisSectionFor("PREMIER ETAT DES LIEUX")).toBe("Diagnostic partagé");
    expect(synthesisSectionFor("Leviers d’actions")).toBe("Leviers d'actions");
  });

  it("gathers each source's matching sections under its label, its sub-headings below the label, and says what is missing", () => {
    const livrable = node(h(2, "Contexte"), p("hors synthèse"), h(2, "Premier état des lieux"), p("constat A"), h(3, "Détail"), p("détail A"),
      h(2, "Pratiques inspirantes"), p(""), h(2, "Leviers d'actions"), p("levier A"));
    const diagnostic = node(h(2, "Éléments de diagnostic, constats et analyses partagés"), p("constat B"));
    const json = synthesisContent([{ label: "Grand-Sud — L", doc: livrable }, { label: "Sud-Ouest — D", doc: diagnostic }]);
    const text = (json.content ?? []).map((b) => `${b.type === "heading" ? `h${b.attrs!.level} ` : ""}${b.content?.[0]?.text ?? ""}`);
    expect(text).toEqual([
      "h2 Diagnostic partagé", "h3 Grand-Sud — L", "constat A", "h4 Détail", "détail A", "h3 Sud-Ouest — D", "constat B",
      "h2 Pratiques inspirantes", "h3 Grand-Sud — L", "La section « Pratiques inspirantes » de ce document est vide.",
      "h3 Sud-Ouest — D", "Ce document n'a pas de section « Pratiques inspirantes ».",
      "h2 Leviers d'actions", "h3 Grand-Sud — L", "levier A", "h3 Sud-Ouest — D", "Ce document n'a pas de section « Leviers d'actions ».",
    ]);
  });

  it("replaces one source's blocks in place, keeping what was written around them", () => {
    const before = node(h(2, "Diagnostic partagé"), p("constat A"));
    const json = synthesisContent([{ label: "A", doc: before }, { label: "B", doc: node(h(2, "Diagnostic partagé"), p("constat B")) }]);
    json.content!.splice(1, 0, p("introduction nationale"));
    const ydoc = prosemirrorJSONToYDoc(getEditorSchema(), json, CONTENT_FRAGMENT);
    ydoc.transact(() =>
      replaceGathered(ydoc, "A", { label: "A (nouveau titre)", doc: node(h(2, "Diagnostic partagé"), p("constat A revu"), h(2, "Pratiques inspirantes"), p("pratique A")) }),
    );
    const text = docToText(ydoc);
    expect(text).toContain("introduction nationale\n\nA (nouveau titre)\n\nconstat A revu\n\nB\n\nconstat B");
    expect(text).toContain("Pratiques inspirantes\n\nA (nouveau titre)\n\npratique A\n\nB");
    expect(text).not.toContain("constat A\n");
    expect(() => docToNode(ydoc).check()).not.toThrow();
    const fragment = ydoc.getXmlFragment(CONTENT_FRAGMENT);
    // A section the team removed comes back at the end.
    ydoc.transact(() => fragment.delete(0, fragment.length));
    ydoc.transact(() => replaceGathered(ydoc, "A", { label: "A", doc: before }));
    expect(docToText(ydoc).startsWith("Diagnostic partagé\n\nA\n\nconstat A")).toBe(true);
    expect(Y.encodeStateAsUpdate(ydoc).byteLength).toBeGreaterThan(0);
  });
});
