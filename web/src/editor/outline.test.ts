import { getEditorSchema } from "@atelier/editor";
import { describe, expect, it } from "vitest";
import { normaliseHref } from "./LinkForm";
import { countWords, outline } from "./outline";

describe("outline", () => {
  it("lists the non-empty headings with their level, position and anchor", () => {
    const doc = getEditorSchema().nodeFromJSON({
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Contexte" }] },
        { type: "paragraph", content: [{ type: "text", text: "abc" }] },
        { type: "heading", attrs: { level: 3 }, content: [{ type: "text", text: "Détail" }] },
        { type: "heading", attrs: { level: 2 } },
      ],
    });
    expect(outline(doc)).toEqual([
      { level: 2, text: "Contexte", pos: 0, anchor: "titre-contexte" },
      { level: 3, text: "Détail", pos: 15, anchor: "titre-detail" },
    ]);
  });
});

describe("countWords", () => {
  it("counts words, not punctuation", () => {
    expect(countWords("")).toBe(0);
    expect(countWords("  L'équipe projet — co-présidée par l'État ; 9 territoires !  ")).toBe(7);
  });
});

describe("normaliseHref", () => {
  it("completes bare addresses and refuses other schemes", () => {
    expect(normaliseHref(" www.solidarites.gouv.fr ")).toBe("https://www.solidarites.gouv.fr");
    expect(normaliseHref("mailto:copil@example.fr")).toBe("mailto:copil@example.fr");
    expect(normaliseHref("/documents/1")).toBe("/documents/1");
    expect(normaliseHref("javascript:alert(1)")).toBeNull();
    expect(normaliseHref("data:text/html,x")).toBeNull();
  });
});
