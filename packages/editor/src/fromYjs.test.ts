import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { CONTENT_FRAGMENT, docToHtml, docToNode, docToText } from "./ydoc.js";

/** A paragraph written with the plain Yjs API, as any client can. */
function paragraph(text: string, attrs: Record<string, unknown> = {}) {
  const p = new Y.XmlElement("paragraph");
  for (const [k, v] of Object.entries(attrs)) p.setAttribute(k, v as string);
  p.insert(0, [new Y.XmlText(text)]);
  return p;
}

describe("content outside the schema", () => {
  it("skips a map, a string, JSON, a Y.Text and unknown elements at the top, and says so", () => {
    const doc = new Y.Doc();
    const f = doc.getXmlFragment(CONTENT_FRAGMENT);
    f.insert(0, [paragraph("Avant")]);
    // The plain Yjs API lets a client put any content into a fragment's array.
    (f as unknown as Y.Array<unknown>).insert(1, [{ injected: true }, "une chaîne", new Y.Map(), new Y.Text("texte")]);
    f.insert(f.length, [new Y.XmlElement("script"), paragraph("Après")]);
    const skipped: string[] = [];
    expect(docToText(doc, (s) => skipped.push(...s))).toBe("Avant\n\nAprès");
    expect(docToHtml(doc)).toBe("<p>Avant</p><p>Après</p>");
    expect(skipped).toEqual(expect.arrayContaining(["élément inconnu « script »", "valeur object", "valeur string"]));
    expect(skipped.length).toBeGreaterThanOrEqual(5);
  });

  it("keeps what fits of an element whose content the schema refuses", () => {
    const doc = new Y.Doc();
    const list = new Y.XmlElement("bulletList");
    list.insert(0, [paragraph("pas un élément de liste")]);
    doc.getXmlFragment(CONTENT_FRAGMENT).insert(0, [list, paragraph("Suite")]);
    expect(() => docToNode(doc)).not.toThrow();
    expect(docToText(doc)).toContain("Suite");
  });
});

describe("attributes leaving the server", () => {
  it("keeps an alignment only from its four values: no free CSS", () => {
    const doc = new Y.Doc();
    doc.getXmlFragment(CONTENT_FRAGMENT).insert(0, [
      paragraph("Piège", { textAlign: "left; position:fixed; inset:0; z-index:99999; background:url(https://example.org/x.png)" }),
      paragraph("Centré", { textAlign: "center" }),
    ]);
    const html = docToHtml(doc);
    expect(html).not.toMatch(/position|url\(|z-index/);
    expect(html).toBe('<p>Piège</p><p style="text-align: center">Centré</p>');
  });

  it("drops a link's class and target and a table's junk column widths", () => {
    const doc = new Y.Doc();
    const p = new Y.XmlElement("paragraph");
    const text = new Y.XmlText();
    text.insert(0, "lien", { link: { href: "https://example.org", class: "fr-btn overlay", target: "_top" } });
    p.insert(0, [text]);
    const table = new Y.XmlElement("table");
    const row = new Y.XmlElement("tableRow");
    const cell = new Y.XmlElement("tableCell");
    cell.setAttribute("colwidth", "100px; background:url(https://example.org)" as unknown as string);
    cell.insert(0, [paragraph("case")]);
    row.insert(0, [cell]);
    table.insert(0, [row]);
    doc.getXmlFragment(CONTENT_FRAGMENT).insert(0, [p, table]);
    const html = docToHtml(doc);
    expect(html).toContain('href="https://example.org">lien</a>');
    expect(html).not.toMatch(/class=|target=|url\(/);
    expect(html).toContain("case");
  });
});
