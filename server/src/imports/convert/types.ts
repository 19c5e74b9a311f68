/** What a conversion is asked and answers, shared by the server side and the child process. */
import type { JSONContent } from "@atelier/editor";
import type { ImportFormat } from "@atelier/shared";

export interface ConvertJob {
  file: string;
  format: ImportFormat;
  limits: {
    timeoutMs: number;
    /** Heap of the conversion process. */
    memoryMb: number;
    /** What the parts of a zip (DOCX, ODT) may inflate to, all together. */
    inflatedBytes: number;
  };
}

/** An image of the file, to be stored as an attachment under `id` (the document's text already points there). */
export interface ImportedImage {
  id: string;
  contentType: string;
  /** Base64: the answer travels as JSON. */
  data: string;
}

/** A comment of the file, numbered by its place in `comments`; its passage is marked in the text (./comments.ts). */
export interface ImportedComment {
  author: string;
  text: string;
}

export type Converted =
  | { ok: true; doc: JSONContent; images: ImportedImage[]; comments: ImportedComment[]; dropped: string[] }
  | { ok: false; reason: string };
