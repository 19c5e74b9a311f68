import { SNIPPET_END as E, SNIPPET_START as S } from "@atelier/shared";
import { describe, expect, it } from "vitest";
import { snippetParts } from "./snippet";

describe("snippetParts", () => {
  it("sets the matched words apart from the text around them", () => {
    expect(snippetParts(`L'${S}hébergement${E} d'urgence et les ${S}hébergements${E} adaptés`)).toEqual([
      { text: "L'", matched: false },
      { text: "hébergement", matched: true },
      { text: " d'urgence et les ", matched: false },
      { text: "hébergements", matched: true },
      { text: " adaptés", matched: false },
    ]);
  });

  it("keeps markup as text, and copes with markers left open or stray", () => {
    expect(snippetParts(`<b>a</b> ${S}mot`)).toEqual([
      { text: "<b>a</b> ", matched: false },
      { text: "mot", matched: true },
    ]);
    expect(snippetParts(`fin${E} ici`)).toEqual([{ text: "fin ici", matched: false }]);
    expect(snippetParts(`${S}${E}`)).toEqual([]);
    expect(snippetParts(`${S}a${E}${S}b${E}`)).toEqual([{ text: "ab", matched: true }]);
  });
});
