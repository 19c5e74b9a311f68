/**
 * What the editor draws from attributes that reach it through Yjs, where any client may write any
 * string: only the values the schema allows become HTML attributes.
 */
import { describe, expect, it } from "vitest";
import { getEditorSchema } from "./schema.js";

const editorSchema = getEditorSchema();

const attrsOf = (spec: unknown) => (Array.isArray(spec) ? (spec[1] as Record<string, unknown>) : {});

describe("attributes a foreign client sets", () => {
  it("draw an alignment only from its four values", () => {
    const { paragraph, heading } = editorSchema.nodes;
    const hostile = "left; position:fixed; inset:0; z-index:99999; background:url(https://exemple.invalid/x.png)";
    expect(attrsOf(paragraph!.spec.toDOM!(paragraph!.create({ textAlign: hostile })))).not.toHaveProperty("style");
    expect(attrsOf(heading!.spec.toDOM!(heading!.create({ level: 2, textAlign: hostile })))).not.toHaveProperty("style");
    expect(attrsOf(paragraph!.spec.toDOM!(paragraph!.create({ textAlign: "center" })))).toMatchObject({ style: "text-align: center" });
  });

  it("draw a link with its address, never a class or a target", () => {
    const link = editorSchema.marks.link!;
    const attrs = attrsOf(link.spec.toDOM!(link.create({ href: "https://exemple.fr", class: "fr-btn", target: "_top" }), true));
    expect(attrs).toMatchObject({ href: "https://exemple.fr", rel: "noopener noreferrer nofollow" });
    // null: ProseMirror writes no attribute.
    expect(attrs.class ?? null).toBeNull();
    expect(attrs.target ?? null).toBeNull();
  });
});
