/**
 * A comment field with @-mentions: typing "@" and the start of a name lists the people who can
 * read the document (a listbox navigable with the arrow keys); choosing one writes "@Prénom Nom".
 */
import type { MentionableReply } from "@atelier/shared";
import { useId, useState, type KeyboardEvent } from "react";

type Person = MentionableReply["people"][number];

interface Props {
  label: string;
  value: string;
  onChange(value: string, mentions: string[]): void;
  people: Person[];
  mentions: string[];
  describedBy?: string;
}

const query = (text: string) => /(?:^|\s)@([\p{L}\-' ]{0,30})$/u.exec(text)?.[1] ?? null;

export function MentionField({ label, value, onChange, people, mentions, describedBy }: Props) {
  const id = useId();
  const [active, setActive] = useState(0);
  const q = query(value);
  const matches =
    q === null ? [] : people.filter((p) => p.name.toLowerCase().includes(q.trim().toLowerCase())).slice(0, 6);
  const open = matches.length > 0;

  const choose = (p: Person) => {
    const text = value.replace(/@([\p{L}\-' ]{0,30})$/u, `@${p.name} `);
    onChange(text, [...new Set([...mentions, p.id])]);
    setActive(0);
  };
  // A mention whose name was erased from the text is dropped.
  const change = (text: string) =>
    onChange(
      text,
      mentions.filter((m) => text.includes(`@${people.find((p) => p.id === m)?.name ?? ""}`)),
    );

  const onKeyDown = (e: KeyboardEvent) => {
    if (!open) return;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      setActive((a) => (a + (e.key === "ArrowDown" ? 1 : matches.length - 1)) % matches.length);
    } else if (e.key === "Enter" || e.key === "Tab") {
      e.preventDefault();
      choose(matches[active]!);
    }
  };

  return (
    <div className="fr-input-group atelier-mention">
      <label className="fr-label" htmlFor={id}>
        {label}
        <span className="fr-hint-text">Tapez @ pour mentionner une personne qui peut lire ce document.</span>
      </label>
      <textarea
        id={id}
        className="fr-input"
        rows={3}
        maxLength={5000}
        value={value}
        onChange={(e) => change(e.target.value)}
        onKeyDown={onKeyDown}
        role="combobox"
        aria-expanded={open}
        aria-controls={`${id}-liste`}
        aria-autocomplete="list"
        aria-activedescendant={open ? `${id}-${active}` : undefined}
        aria-describedby={describedBy}
      />
      {open && (
        <ul id={`${id}-liste`} role="listbox" aria-label="Personnes à mentionner" className="atelier-mention__list">
          {matches.map((p, i) => (
            <li
              key={p.id}
              id={`${id}-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(p);
              }}
            >
              {p.name} <span className="fr-text--xs">{p.email}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
