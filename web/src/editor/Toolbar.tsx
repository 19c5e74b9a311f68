import type { Editor } from "@tiptap/core";
import { useEditorState } from "@tiptap/react";
import { type FocusEvent, type KeyboardEvent, useLayoutEffect, useRef, useState } from "react";
import { LinkForm } from "./LinkForm";
import { ToolbarButton } from "./ToolbarButton";

type Level = 1 | 2 | 3;
type Align = "left" | "center" | "right" | "justify";
// Icon class names are written out whole: react-dsfr's update-icons ships only the icons it finds in the sources.
const HEADINGS: { level: Level; icon: string }[] = [
  { level: 1, icon: "fr-icon-h-1" },
  { level: 2, icon: "fr-icon-h-2" },
  { level: 3, icon: "fr-icon-h-3" },
];
const ALIGNMENTS: { value: Align; label: string; shortcut: string; icon: string }[] = [
  { value: "left", label: "Aligner à gauche", shortcut: "Mod-Shift-l", icon: "fr-icon-align-left" },
  { value: "center", label: "Centrer", shortcut: "Mod-Shift-e", icon: "fr-icon-align-center" },
  { value: "right", label: "Aligner à droite", shortcut: "Mod-Shift-r", icon: "fr-icon-align-right" },
  { value: "justify", label: "Justifier", shortcut: "Mod-Shift-j", icon: "fr-icon-align-justify" },
];

const enabledButtons = (bar: HTMLElement | null) => [...(bar?.querySelectorAll<HTMLButtonElement>("button:not(:disabled)") ?? [])];

/**
 * One tab stop for the whole toolbar, arrow keys (and Home/End) to move along it, Escape back to the text: the
 * WAI-ARIA toolbar pattern, so that the keyboard does not cross thirty buttons to reach the text.
 */
function useRovingFocus(editor: Editor) {
  const bar = useRef<HTMLDivElement>(null);
  const current = useRef(0);
  const apply = () => {
    const buttons = enabledButtons(bar.current);
    const at = Math.min(current.current, buttons.length - 1);
    buttons.forEach((b, i) => (b.tabIndex = i === at ? 0 : -1));
  };
  // Buttons appear (table tools) and get disabled (undo) as the text changes: re-apply after every render.
  useLayoutEffect(apply);
  const onFocus = (e: FocusEvent<HTMLDivElement>) => {
    const at = enabledButtons(bar.current).findIndex((b) => b === (e.target as EventTarget));
    if (at >= 0 && at !== current.current) {
      current.current = at;
      apply();
    }
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === "Escape") {
      e.preventDefault();
      editor.commands.focus();
      return;
    }
    if (e.key !== "ArrowRight" && e.key !== "ArrowLeft" && e.key !== "Home" && e.key !== "End") return;
    const buttons = enabledButtons(bar.current);
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    e.preventDefault();
    const next =
      e.key === "Home" ? 0 : e.key === "End" ? buttons.length - 1 : (at + (e.key === "ArrowRight" ? 1 : -1) + buttons.length) % buttons.length;
    buttons[next]?.focus();
  };
  return { ref: bar, onFocus, onKeyDown };
}

/** The formatting toolbar of a writable document. */
export function Toolbar({ editor, onImportFile }: { editor: Editor; onImportFile(): void }) {
  const [linkOpen, setLinkOpen] = useState(false);
  const roving = useRovingFocus(editor);
  const s = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      heading: HEADINGS.map(({ level }) => e.isActive("heading", { level })),
      bold: e.isActive("bold"),
      italic: e.isActive("italic"),
      underline: e.isActive("underline"),
      strike: e.isActive("strike"),
      highlight: e.isActive("highlight"),
      bulletList: e.isActive("bulletList"),
      orderedList: e.isActive("orderedList"),
      taskList: e.isActive("taskList"),
      blockquote: e.isActive("blockquote"),
      link: e.isActive("link"),
      table: e.isActive("table"),
      align: ALIGNMENTS.map((a) => e.isActive({ textAlign: a.value })),
      undo: e.can().undo(),
      redo: e.can().redo(),
    }),
  });
  const run = () => editor.chain().focus();

  return (
    <>
    <div className="atelier-toolbar" role="toolbar" aria-label="Mise en forme du texte" {...roving}>
      <div className="atelier-toolbar__group">
        <ToolbarButton label="Annuler" icon="fr-icon-arrow-go-back-line" shortcut="Mod-z" disabled={!s.undo} onClick={() => run().undo().run()} />
        <ToolbarButton label="Rétablir" icon="fr-icon-arrow-go-forward-line" shortcut="Mod-Shift-z" disabled={!s.redo} onClick={() => run().redo().run()} />
      </div>
      <div className="atelier-toolbar__group">
        {HEADINGS.map(({ level, icon }, i) => (
          <ToolbarButton
            key={level}
            label={`Titre de niveau ${level}`}
            icon={icon}
            shortcut={`Mod-Alt-${level}`}
            pressed={s.heading[i]}
            onClick={() => run().toggleHeading({ level }).run()}
          />
        ))}
      </div>
      <div className="atelier-toolbar__group">
        <ToolbarButton label="Gras" icon="fr-icon-bold" shortcut="Mod-b" pressed={s.bold} onClick={() => run().toggleBold().run()} />
        <ToolbarButton label="Italique" icon="fr-icon-italic" shortcut="Mod-i" pressed={s.italic} onClick={() => run().toggleItalic().run()} />
        <ToolbarButton label="Souligné" icon="fr-icon-underline" shortcut="Mod-u" pressed={s.underline} onClick={() => run().toggleUnderline().run()} />
        <ToolbarButton label="Barré" icon="fr-icon-strikethrough" shortcut="Mod-Shift-s" pressed={s.strike} onClick={() => run().toggleStrike().run()} />
        <ToolbarButton label="Surligné" icon="fr-icon-mark-pen-line" shortcut="Mod-Shift-h" pressed={s.highlight} onClick={() => run().toggleHighlight().run()} />
      </div>
      <div className="atelier-toolbar__group">
        <ToolbarButton label="Liste à puces" icon="fr-icon-list-unordered" shortcut="Mod-Shift-8" pressed={s.bulletList} onClick={() => run().toggleBulletList().run()} />
        <ToolbarButton label="Liste numérotée" icon="fr-icon-list-ordered" shortcut="Mod-Shift-7" pressed={s.orderedList} onClick={() => run().toggleOrderedList().run()} />
        <ToolbarButton label="Liste de tâches" icon="fr-icon-list-check" shortcut="Mod-Shift-9" pressed={s.taskList} onClick={() => run().toggleTaskList().run()} />
        <ToolbarButton label="Citation" icon="fr-icon-quote-line" shortcut="Mod-Shift-b" pressed={s.blockquote} onClick={() => run().toggleBlockquote().run()} />
        <ToolbarButton label="Séparateur" icon="fr-icon-separator" onClick={() => run().setHorizontalRule().run()} />
        <ToolbarButton label="Lien" icon="fr-icon-link" pressed={s.link} onClick={() => setLinkOpen((open) => !open)} />
      </div>
      <div className="atelier-toolbar__group">
        {ALIGNMENTS.map((a, i) => (
          <ToolbarButton
            key={a.value}
            label={a.label}
            icon={a.icon}
            shortcut={a.shortcut}
            pressed={s.align[i]}
            onClick={() => run().setTextAlign(a.value).run()}
          />
        ))}
      </div>
      <div className="atelier-toolbar__group">
        <ToolbarButton label="Importer un fichier ici" icon="fr-icon-file-add-line" onClick={onImportFile} />
      </div>
      <div className="atelier-toolbar__group">
        <ToolbarButton
          label="Insérer un tableau"
          icon="fr-icon-table-line"
          disabled={s.table}
          onClick={() => run().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()}
        />
        {s.table && (
          <>
            <ToolbarButton label="Ajouter une ligne en dessous" icon="fr-icon-layout-row-line" onClick={() => run().addRowAfter().run()} />
            <ToolbarButton label="Ajouter une colonne à droite" icon="fr-icon-layout-column-line" onClick={() => run().addColumnAfter().run()} />
            <ToolbarButton label="Supprimer la ligne" icon="fr-icon-subtract-line" onClick={() => run().deleteRow().run()} />
            <ToolbarButton label="Supprimer la colonne" icon="fr-icon-close-line" onClick={() => run().deleteColumn().run()} />
            <ToolbarButton label="Supprimer le tableau" icon="fr-icon-delete-bin-line" onClick={() => run().deleteTable().run()} />
          </>
        )}
      </div>
    </div>
    {linkOpen && <LinkForm editor={editor} onClose={() => setLinkOpen(false)} />}
    </>
  );
}
