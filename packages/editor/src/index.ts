export { editorExtensions, LINK_PROTOCOLS } from "./extensions.js";
export { getEditorSchema } from "./schema.js";
export { documentTemplate, isTemplateKind, TEMPLATE_DESCRIPTIONS, TEMPLATE_KINDS, type TemplateKind } from "./templates.js";
export { CONTENT_FRAGMENT, contentUpdate, contentUpdateAt, docToHtml, docToNode, docToText, templateUpdate, type OnSkipped } from "./ydoc.js";
export { escapeHtml, nodeToHtml } from "./html.js";
export { anchorsOf, findHeading, HEADING_ANCHOR_PREFIX, headingAnchors, type HeadingAnchor } from "./anchors.js";
export { gatheredBlocks, replaceGathered, synthesisContent, synthesisSectionFor, SYNTHESIS_SECTIONS, type GatheredSource, type SynthesisSection } from "./synthesis.js";
export { checkedDoc, domToDoc } from "./fromDom.js";
export type { JSONContent } from "@tiptap/core";
