import { getSchema } from "@tiptap/core";
import type { Schema } from "@tiptap/pm/model";
import { editorExtensions } from "./extensions.js";

let schema: Schema | undefined;

/** The ProseMirror schema of Atelier documents (built once from the shared extension set). */
export function getEditorSchema(): Schema {
  schema ??= getSchema(editorExtensions());
  return schema;
}
