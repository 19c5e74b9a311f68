/**
 * Markdown export: the HTML export's parts turned into Markdown by turndown, with GitHub's tables
 * and task lists (Joplin's maintained GFM plugin). Images stay inlined as data: addresses.
 */
import { gfm } from "@joplin/turndown-plugin-gfm";
import TurndownService from "turndown";
import { bodyHtml, commentsHtml, coverHtml, tocHtml } from "./html.js";
import type { Outline } from "./outline.js";
import type { ExportSource } from "./source.js";

export function renderMarkdown(source: ExportSource, outline: Outline): Uint8Array {
  const turndown = new TurndownService({ headingStyle: "atx", bulletListMarker: "-", codeBlockStyle: "fenced", hr: "---" });
  turndown.use(gfm);
  // The editor writes a task's box inside a label, where the GFM plugin does not look for it.
  turndown.remove("label");
  turndown.addRule("taskItem", {
    filter: (node) => node.nodeName === "LI" && node.getAttribute("data-type") === "taskItem",
    replacement: (content, node) =>
      `- [${node.getAttribute("data-checked") === "true" ? "x" : " "}] ${content.trim().replace(/\n/g, "\n    ")}\n`,
  });
  const html = coverHtml(source) + tocHtml(outline) + bodyHtml(source, outline) + commentsHtml(source);
  return new TextEncoder().encode(turndown.turndown(html) + "\n");
}
