import type { JSONContent } from "@tiptap/core";
import { prosemirrorJSONToYDoc } from "@tiptap/y-tiptap";
import { describe, expect, it } from "vitest";
import { nodeToHtml } from "./html.js";
import { getEditorSchema } from "./schema.js";
import { CONTENT_FRAGMENT, docToHtml, docToNode } from "./ydoc.js";

const ATTACHMENT = "/api/attachments/0b6f1c2e-8d7a-4c3b-9e5f-1a2b3c4d5e6f";
const htmlOf = (...content: JSONContent[]) =>
  docToHtml(prosemirrorJSONToYDoc(getEditorSchema(), { type: "doc", content }, CONTENT_FRAGMENT));
const image = (src: string): JSONContent => ({ type: "image", attrs: { src, alt: "Schéma" } });

describe("images in the HTML export", () => {
  it("keeps an image that is one of the document's attachments", () => {
    expect(htmlOf(image(ATTACHMENT))).toBe(`<img src="${ATTACHMENT}" alt="Schéma">`);
  });

  it.each([
    "https://tracker.example/pixel.png",
    "//tracker.example/pixel.png",
    "data:image/png;base64,AAAA",
    "javascript:alert(1)",
    `${ATTACHMENT}/../../files/x`,
    "/api/files/0b6f1c2e-8d7a-4c3b-9e5f-1a2b3c4d5e6f/download",
  ])("leaves out an image whose source is %s", (src) => {
    expect(htmlOf(image(src), { type: "paragraph", content: [{ type: "text", text: "après" }] })).toBe("<p>après</p>");
  });

  it("shows an attachment from the address the page gives for it, and still no other image", () => {
    const doc = docToNode(prosemirrorJSONToYDoc(getEditorSchema(), { type: "doc", content: [image(ATTACHMENT), image("https://tracker.example/pixel.png")] }, CONTENT_FRAGMENT));
    const asked: string[] = [];
    const html = nodeToHtml(doc, { imageSrc: (id) => (asked.push(id), `/pratiques-inspirantes/cafe/images/${id}`) });
    expect(html).toBe('<img src="/pratiques-inspirantes/cafe/images/0b6f1c2e-8d7a-4c3b-9e5f-1a2b3c4d5e6f" alt="Schéma">');
    expect(asked).toEqual(["0b6f1c2e-8d7a-4c3b-9e5f-1a2b3c4d5e6f"]);
  });

  it("exports a file attachment as a plain link with its name", () => {
    const link = { type: "link", attrs: { href: ATTACHMENT } };
    expect(htmlOf({ type: "paragraph", content: [{ type: "text", text: "budget.xlsx", marks: [link] }] })).toBe(
      `<p><a rel="noopener noreferrer nofollow" href="${ATTACHMENT}">budget.xlsx</a></p>`,
    );
  });
});
