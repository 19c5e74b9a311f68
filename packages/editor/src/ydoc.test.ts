import type { JSONContent } from "@tiptap/core";
import { prosemirrorJSONToYDoc } from "@tiptap/y-tiptap";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { getEditorSchema } from "./schema.js";
import { TEMPLATE_KINDS } from "./templates.js";
import { CONTENT_FRAGMENT, docToHtml, docToText, templateUpdate } from "./ydoc.js";

const ydocOf = (...content: JSONContent[]) => prosemirrorJSONToYDoc(getEditorSchema(), { type: "doc", content }, CONTENT_FRAGMENT);
const p = (...content: JSONContent[]): JSONContent => ({ type: "paragraph", content });
const t = (text: string, marks?: JSONContent["marks"]): JSONContent => ({ type: "text", text, ...(marks ? { marks } : {}) });
const link = (href: string) => [{ type: "link", attrs: { href } }];

describe("templateUpdate", () => {
  it.each(TEMPLATE_KINDS)("writes the %s template into the 'default' fragment of an empty document", (kind) => {
    const ydoc = new Y.Doc();
    Y.applyUpdate(ydoc, templateUpdate(kind));
    expect(ydoc.getXmlFragment(CONTENT_FRAGMENT).length).toBeGreaterThan(1);
    expect(docToText(ydoc).length).toBeGreaterThan(0);
  });

  it("gives the livrable its sections as headings", () => {
    const ydoc = new Y.Doc();
    Y.applyUpdate(ydoc, templateUpdate("livrable"));
    expect(docToHtml(ydoc)).toBe(
      "<h2>Contexte</h2><p></p><h2>Premier état des lieux</h2><p></p><h2>Pratiques inspirantes</h2><p></p>" +
        "<h2>Leviers d&#39;actions</h2><p></p><h2>Annexes</h2><p></p>",
    );
    expect(docToText(ydoc)).toBe("Contexte\n\nPremier état des lieux\n\nPratiques inspirantes\n\nLeviers d'actions\n\nAnnexes");
  });
});

describe("docToText", () => {
  it("keeps the words of every block, list, table cell and line break", () => {
    const ydoc = ydocOf(
      { type: "heading", attrs: { level: 1 }, content: [t("Titre")] },
      p(t("Une "), t("ligne", [{ type: "bold" }]), { type: "hardBreak" }, t("suivante")),
      { type: "bulletList", content: [{ type: "listItem", content: [p(t("point"))] }] },
      {
        type: "table",
        content: [{ type: "tableRow", content: [{ type: "tableCell", content: [p(t("cellule"))] }] }],
      },
    );
    const text = docToText(ydoc);
    expect(text).toContain("Titre");
    expect(text).toContain("Une ligne\nsuivante");
    expect(text).toContain("point");
    expect(text).toContain("cellule");
    expect(text).not.toContain("<");
  });

  it("returns an empty string for an empty document", () => {
    expect(docToText(new Y.Doc())).toBe("");
  });
});

describe("docToHtml", () => {
  it("renders marks, alignment, task items and tables", () => {
    const html = docToHtml(
      ydocOf(
        { type: "paragraph", attrs: { textAlign: "center" }, content: [t("centré", [{ type: "highlight" }, { type: "underline" }])] },
        { type: "taskList", content: [{ type: "taskItem", attrs: { checked: true }, content: [p(t("fait"))] }] },
        {
          type: "table",
          content: [{ type: "tableRow", content: [{ type: "tableHeader", content: [p(t("Décision"))] }] }],
        },
        { type: "horizontalRule" },
        { type: "blockquote", content: [p(t("cité"), { type: "hardBreak" })] },
      ),
    );
    expect(html).toContain('<p style="text-align: center"><u><mark>centré</mark></u></p>');
    expect(html).toMatch(/<li data-checked="true" data-type="taskItem"><label><input type="checkbox" checked="checked">/);
    expect(html).toContain('<th colspan="1" rowspan="1"><p>Décision</p></th>');
    expect(html).toContain("<hr>");
    expect(html).toContain("<blockquote><p>cité<br></p></blockquote>");
  });

  it("escapes text so that typed markup stays text", () => {
    const html = docToHtml(ydocOf(p(t(`<script>alert("x")</script> & <img src=x onerror=alert(1)>`))));
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).toBe("<p>&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; &#60;img src=x onerror=alert(1)&#62;</p>");
  });

  it("keeps safe links and drops script, data and disguised schemes", () => {
    const html = docToHtml(
      ydocOf(
        p(t("site", link("https://www.solidarites.gouv.fr/egts"))),
        p(t("courriel", link("mailto:copil@example.fr"))),
        p(t("relatif", link("/api/documents/1"))),
        p(t("a", link("javascript:alert(1)"))),
        p(t("b", link("JaVa\tScRiPt:alert(1)"))),
        p(t("c", link("data:text/html,<script>alert(1)</script>"))),
        p(t("d", link('https://x.fr/" onmouseover="alert(1)'))),
      ),
    );
    expect(html).toContain('href="https://www.solidarites.gouv.fr/egts"');
    expect(html).toContain('href="mailto:copil@example.fr"');
    expect(html).toContain('href="/api/documents/1"');
    expect(html).not.toMatch(/javascript|data:/i);
    expect(html).toContain('href="https://x.fr/&#34; onmouseover=&#34;alert(1)"');
    expect(html).not.toContain('" onmouseover');
  });

  it("ignores elements a hostile client wrote that the schema does not know", () => {
    const ydoc = ydocOf(p(t("gardé")));
    const fragment = ydoc.getXmlFragment(CONTENT_FRAGMENT);
    const script = new Y.XmlElement("script");
    script.insert(0, [new Y.XmlText("alert(1)")]);
    fragment.insert(0, [script]);
    const html = docToHtml(ydoc);
    expect(html).not.toContain("script");
    expect(html).toContain("<p>gardé</p>");
  });
});
