import type { Editor } from "@tiptap/core";
import { useEditorState } from "@tiptap/react";
import { useId } from "react";
import { outline } from "./outline";

// Below this many headings a document is short enough to read without a summary.
const MIN_HEADINGS = 3;

/** A summary of the document's headings; choosing one brings it into view (and puts the cursor there). */
export function TableOfContents({ editor }: { editor: Editor }) {
  const titleId = useId();
  const entries = useEditorState({ editor, selector: ({ editor: e }) => outline(e.state.doc), equalityFn: sameOutline });
  if (entries.length < MIN_HEADINGS) return null;

  const go = (pos: number) => {
    const dom = editor.view.nodeDOM(pos);
    if (dom instanceof HTMLElement) dom.scrollIntoView({ block: "start", behavior: "smooth" });
    editor.chain().focus().setTextSelection(pos + 1).run();
  };

  return (
    <nav className="fr-summary atelier-toc" aria-labelledby={titleId}>
      <p className="fr-summary__title" id={titleId}>
        Sommaire
      </p>
      <ol className="fr-summary__list">
        {entries.map((entry) => (
          <li key={entry.pos} className={`atelier-toc__level-${entry.level}`}>
            <a
              className="fr-summary__link"
              href={`#${entry.anchor}`}
              onClick={(e) => {
                e.preventDefault();
                go(entry.pos);
              }}
            >
              {entry.text}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}

function sameOutline(a: ReturnType<typeof outline>, b: ReturnType<typeof outline> | null) {
  return !!b && a.length === b.length && a.every((e, i) => e.pos === b[i]!.pos && e.anchor === b[i]!.anchor && e.level === b[i]!.level);
}
