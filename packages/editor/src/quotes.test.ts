import type { JSONContent } from "@tiptap/core";
import { prosemirrorJSONToYDoc } from "@tiptap/y-tiptap";
import { describe, expect, it } from "vitest";
import { withdrawQuotes, WITHDRAWN_QUOTE } from "./quotes.js";
import { getEditorSchema } from "./schema.js";
import { CONTENT_FRAGMENT, docToText } from "./ydoc.js";

const p = (text: string): JSONContent => ({ type: "paragraph", content: [{ type: "text", text }] });
const quote = (...lines: string[]): JSONContent => ({ type: "blockquote", content: lines.map(p) });
const ydoc = (...content: JSONContent[]) => prosemirrorJSONToYDoc(getEditorSchema(), { type: "doc", content }, CONTENT_FRAGMENT);
const withdrawn = (texts: string[], ...content: JSONContent[]) => {
  const doc = ydoc(...content);
  let n = 0;
  doc.transact(() => (n = withdrawQuotes(doc, texts)));
  return { n, text: docToText(doc) };
};

describe("withdrawing quotes", () => {
  const answer = "Les usagers devraient siéger dans les instances.\nEt y voter.";

  it("replaces the quote wherever it went, shortened, with words added or its lines evened out, and nothing else", () => {
    const { n, text } = withdrawn(
      [answer],
      p("Avant"),
      quote("Et y voter."),
      quote("Les usagers devraient siéger dans les instances !"),
      { type: "bulletList", content: [{ type: "listItem", content: [p("Dans une liste"), quote("Les usagers devraient siéger […] instances.")] }] },
      quote("Comme le dit une bénévole :", "Les usagers devraient siéger dans les instances. Et y voter."),
      quote("Les usagers devraient siéger dans les instances.", "Et y voter."),
      quote("Les usagers sont peu associés."),
      quote("Et y voter."),
    );
    expect(n).toBe(4);
    expect(text).not.toContain("siéger");
    expect(text.split(WITHDRAWN_QUOTE)).toHaveLength(5);
    // Too short to be told from another person's words unless it is the whole answer.
    expect(text.match(/Et y voter\./g)).toHaveLength(2);
    expect(text).toContain("Les usagers sont peu associés.");
    expect(text).toContain("Avant");
    expect(text).toContain("Dans une liste");
  });

  it("takes a short answer out only where it is quoted whole", () => {
    expect(withdrawn(["Oui"], quote("Oui"), quote("Oui, mais pas seul."))).toMatchObject({ n: 1 });
    expect(withdrawn(["", "  "], quote("Oui"))).toMatchObject({ n: 0 });
  });
});
