import { LINK_PROTOCOLS } from "@atelier/editor";
import type { Editor } from "@tiptap/core";
import { type FormEvent, useId, useState } from "react";

/** "www.exemple.fr" → "https://www.exemple.fr"; null when the address uses a scheme links may not have. */
export function normaliseHref(input: string): string | null {
  const href = input.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(href)?.[1]?.toLowerCase();
  if (!scheme) return href.startsWith("/") || href.startsWith("#") ? href : `https://${href}`;
  return (LINK_PROTOCOLS as readonly string[]).includes(scheme) ? href : null;
}

/** Adds, changes or removes the link on the selected text. */
export function LinkForm({ editor, onClose }: { editor: Editor; onClose: () => void }) {
  const inputId = useId();
  const errorId = useId();
  const [value, setValue] = useState(() => (editor.getAttributes("link").href as string | undefined) ?? "");
  const [error, setError] = useState<string | null>(null);

  const close = () => {
    onClose();
    editor.commands.focus();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!value.trim()) {
      editor.chain().focus().extendMarkRange("link").unsetLink().run();
      return onClose();
    }
    const href = normaliseHref(value);
    if (!href) return setError("Adresse refusée : un lien commence par https://, http://, mailto: ou tel:.");
    editor.chain().focus().extendMarkRange("link").setLink({ href }).run();
    onClose();
  };

  return (
    <form className="atelier-link-form" onSubmit={submit} onKeyDown={(e) => e.key === "Escape" && close()}>
      <div className={`fr-input-group${error ? " fr-input-group--error" : ""}`}>
        <label className="fr-label" htmlFor={inputId}>
          Adresse du lien
          <span className="fr-hint-text">Par exemple https://www.solidarites.gouv.fr. Laissez vide pour retirer le lien.</span>
        </label>
        <input
          className={`fr-input${error ? " fr-input--error" : ""}`}
          id={inputId}
          type="text"
          inputMode="url"
          autoFocus
          value={value}
          aria-describedby={error ? errorId : undefined}
          onChange={(e) => setValue(e.target.value)}
        />
        {error && (
          <p className="fr-error-text" id={errorId}>
            {error}
          </p>
        )}
      </div>
      <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
        <li>
          <button type="submit" className="fr-btn">
            Appliquer
          </button>
        </li>
        <li>
          <button type="button" className="fr-btn fr-btn--secondary" onClick={close}>
            Annuler
          </button>
        </li>
      </ul>
    </form>
  );
}
