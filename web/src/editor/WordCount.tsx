import type { Editor } from "@tiptap/core";
import { useEditorState } from "@tiptap/react";
import { countWords } from "./outline";

export function WordCount({ editor }: { editor: Editor }) {
  const words = useEditorState({
    editor,
    selector: ({ editor: e }) => countWords(e.state.doc.textBetween(0, e.state.doc.content.size, " ", " ")),
  });
  return (
    <p className="fr-text--sm fr-mb-0 atelier-word-count" aria-live="off">
      {words.toLocaleString("fr-FR")} {words > 1 ? "mots" : "mot"}
    </p>
  );
}
