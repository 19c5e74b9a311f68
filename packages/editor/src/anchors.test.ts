import { describe, expect, it } from "vitest";
import { anchorsOf, findHeading, headingAnchors } from "./anchors.js";
import { getEditorSchema } from "./schema.js";

const text = (value: string) => ({ type: "text", text: value });
const heading = (level: number, value?: string) => ({ type: "heading", attrs: { level }, content: value ? [text(value)] : [] });

describe("heading anchors", () => {
  it("makes a slug of the heading's text, accents and punctuation left out", () => {
    expect(anchorsOf(["Leviers d'actions", "Éléments de diagnostic, constats et analyses partagés"])).toEqual([
      "titre-leviers-d-actions",
      "titre-elements-de-diagnostic-constats-et-analyses-partages",
    ]);
  });

  it("numbers repeated headings in order, without clashing with a heading that already ends in a number", () => {
    expect(anchorsOf(["Contexte", "Contexte 2", "Contexte", "Contexte", "?!"])).toEqual([
      "titre-contexte",
      "titre-contexte-2",
      "titre-contexte-3",
      "titre-contexte-4",
      "titre-sans-texte",
    ]);
  });

  it("lists every heading with text, nested ones too, with its position", () => {
    const doc = getEditorSchema().nodeFromJSON({
      type: "doc",
      content: [
        heading(2, "Contexte"),
        { type: "paragraph", content: [text("abc")] },
        heading(2),
        { type: "bulletList", content: [{ type: "listItem", content: [{ type: "paragraph" }, heading(3, "Contexte")] }] },
      ],
    });
    expect(headingAnchors(doc)).toEqual([
      { level: 2, text: "Contexte", pos: 0, anchor: "titre-contexte" },
      { level: 3, text: "Contexte", pos: 21, anchor: "titre-contexte-2" },
    ]);
  });

  it("finds the heading a hash names: its anchor, or its text written by hand", () => {
    const headings = [
      { level: 2, text: "Premier état des lieux", pos: 0, anchor: "titre-premier-etat-des-lieux" },
      { level: 2, text: "Leviers d'actions", pos: 30, anchor: "titre-leviers-d-actions" },
    ];
    expect(findHeading(headings, "#titre-leviers-d-actions")?.pos).toBe(30);
    expect(findHeading(headings, "#Premier%20%C3%A9tat%20des%20lieux")?.pos).toBe(0);
    expect(findHeading(headings, "#leviers-d-actions")?.pos).toBe(30);
    expect(findHeading(headings, "#titre-30")?.pos).toBe(30);
    expect(findHeading(headings, "#titre-31")).toBeUndefined();
    expect(findHeading(headings, "#titre-annexes")).toBeUndefined();
    expect(findHeading(headings, "#page=3")).toBeUndefined();
    expect(findHeading(headings, "")).toBeUndefined();
  });
});
