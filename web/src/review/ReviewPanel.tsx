/**
 * The review side panel of the editor page: comments and history, in a panel the person opens
 * and closes. Its one entry point is <ReviewPanel editor ydoc>, placed next to the editor.
 */
import type { Editor } from "@tiptap/core";
import { useEffect, useRef, useState } from "react";
import { useLocation } from "react-router";
import { commentHighlights } from "./anchors";
import { CommentsPanel } from "./CommentsPanel";
import { HistoryPanel } from "./HistoryPanel";
import "./review.css";

type Tab = "comments" | "history";

/** A link to a discussion (a search result): `#commentaire-<thread id>`. */
const THREAD_HASH = "#commentaire-";

export function ReviewPanel({ editor, documentId }: { editor: Editor; documentId: string }) {
  const { hash } = useLocation();
  const linked = hash.startsWith(THREAD_HASH) ? hash.slice(THREAD_HASH.length) : null;
  // A link to a discussion opens the panel on it.
  const [open, setOpen] = useState(linked !== null);
  const [tab, setTab] = useState<Tab>("comments");
  const panel = useRef<HTMLElement>(null);

  // Opening the panel takes the focus there (to its selected tab), closing brings it back to the button.
  const toggle = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open && !linked) panel.current?.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]')?.focus();
  }, [open, linked]);
  const close = () => {
    setOpen(false);
    toggle.current?.focus();
  };

  // The highlights of commented passages live in the editor for as long as the panel is on the page.
  useEffect(() => {
    const plugin = commentHighlights();
    editor.registerPlugin(plugin);
    return () => {
      if (!editor.isDestroyed) editor.unregisterPlugin(plugin.spec.key!);
    };
  }, [editor]);

  return (
    <>
      <button
        type="button"
        className="fr-btn fr-btn--secondary fr-btn--sm fr-icon-chat-3-line fr-btn--icon-left atelier-review__toggle"
        aria-expanded={open}
        aria-controls="atelier-review"
        ref={toggle}
        onClick={() => setOpen((o) => !o)}
      >
        Commentaires et historique
      </button>
      <aside
        id="atelier-review"
        ref={panel}
        className="atelier-review"
        hidden={!open}
        aria-label="Commentaires et historique"
        onKeyDown={(e) => e.key === "Escape" && close()}
      >
        <div className="atelier-review__inner">
        <div className="atelier-review__head">
          <div role="tablist" aria-label="Relecture" className="atelier-review__tabs">
            {(
              [
                ["comments", "Commentaires"],
                ["history", "Historique"],
              ] as const
            ).map(([t, label]) => (
              <button
                key={t}
                type="button"
                role="tab"
                id={`atelier-review-${t}`}
                aria-selected={tab === t}
                aria-controls={`atelier-review-panel-${t}`}
                className={`fr-btn fr-btn--sm ${tab === t ? "" : "fr-btn--tertiary"}`}
                onClick={() => setTab(t)}
              >
                {label}
              </button>
            ))}
          </div>
          <button
            type="button"
            className="fr-btn fr-btn--sm fr-btn--tertiary-no-outline fr-icon-close-line"
            title="Fermer le panneau"
            onClick={close}
          >
            Fermer le panneau
          </button>
        </div>
        {open && (
          <div role="tabpanel" id={`atelier-review-panel-${tab}`} aria-labelledby={`atelier-review-${tab}`}>
            {tab === "comments" ? <CommentsPanel documentId={documentId} editor={editor} linked={linked} /> : <HistoryPanel documentId={documentId} />}
          </div>
        )}
        </div>
      </aside>
    </>
  );
}
