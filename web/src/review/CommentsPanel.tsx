/**
 * The threads of a document beside the editor: comment the selected text, reply, mention,
 * resolve and reopen. Passages of open threads are highlighted in the text.
 */
import type { CommentThread, MentionableReply } from "@atelier/shared";
import type { Editor } from "@tiptap/core";
import { useEffect, useId, useState, type FormEvent } from "react";
import { FormError } from "../components/FormError";
import { formatDateTime } from "../shell/time";
import { useAction } from "../shell/useAction";
import { useLoad } from "../shell/useLoad";
import { goToThread, selectionAnchor, showThreads } from "./anchors";
import { createThread, listThreads, mentionable, replyTo, setThreadOpen } from "./api";
import { MentionField } from "./MentionField";

/** Others' comments appear without reloading the page. */
const REFRESH_MS = 15_000;

/** `linked`: the thread the address names, shown and focused once the threads are loaded. */
export function CommentsPanel({ documentId, editor, linked }: { documentId: string; editor: Editor; linked: string | null }) {
  const loaded = useLoad(() => listThreads(documentId), [documentId]);
  const people = useLoad(() => mentionable(documentId).catch(() => ({ people: [] })), [documentId]);
  const [selected, setSelected] = useState<string | null>(linked);
  const [writing, setWriting] = useState<ReturnType<typeof selectionAnchor>>(null);
  const [noSelection, setNoSelection] = useState(false);
  const threads = loaded.state === "ready" ? loaded.data.threads : [];
  const canComment = loaded.state === "ready" && loaded.data.can.comment;
  const { reload } = loaded;

  useEffect(() => {
    showThreads(editor, threads, selected);
  }, [editor, threads, selected]);
  const ready = loaded.state === "ready";
  useEffect(() => {
    if (!ready || !linked) return;
    const section = document.getElementById(`commentaire-${linked}`);
    if (!section) return;
    section.closest("details")?.setAttribute("open", "");
    section.focus({ preventScroll: true });
    section.scrollIntoView({ block: "start" });
  }, [ready, linked]);
  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);

  if (loaded.state === "loading") return <p>Chargement des commentaires…</p>;
  if (loaded.state === "error") return <p className="fr-error-text">Les commentaires n'ont pas pu être chargés.</p>;
  const list = people.state === "ready" ? people.data.people : [];
  const open = threads.filter((t) => t.status === "open");
  const resolved = threads.filter((t) => t.status === "resolved");

  return (
    <div>
      {canComment && !writing && (
        <button
          type="button"
          className="fr-btn fr-btn--sm fr-icon-chat-3-line fr-btn--icon-left fr-mb-2w"
          onClick={() => {
            const picked = selectionAnchor(editor);
            setWriting(picked);
            setNoSelection(picked === null);
          }}
          onMouseDown={(e) => e.preventDefault()}
        >
          Commenter la sélection
        </button>
      )}
      {writing === null && canComment && (
        <p className={noSelection ? "fr-error-text" : "fr-hint-text"} role={noSelection ? "alert" : undefined}>
          {noSelection ? "Aucun passage sélectionné : " : ""}
          Sélectionnez un passage du texte puis choisissez « Commenter la sélection ».
        </p>
      )}
      {writing && (
        <NewThread
          documentId={documentId}
          quote={writing.quote}
          anchor={writing.anchor}
          people={list}
          onDone={(t) => {
            setWriting(null);
            if (t) {
              setSelected(t.id);
              reload();
            }
          }}
        />
      )}
      <h3 className="fr-h6">Discussions ouvertes ({open.length})</h3>
      {open.length === 0 && <p>Aucune discussion ouverte.</p>}
      {open.map((t) => (
        <Thread key={t.id} t={t} {...{ documentId, editor, canComment, people: list, selected, setSelected, reload }} />
      ))}
      <details className="fr-mt-2w">
        <summary>Discussions résolues ({resolved.length})</summary>
        {resolved.map((t) => (
          <Thread key={t.id} t={t} {...{ documentId, editor, canComment, people: list, selected, setSelected, reload }} />
        ))}
      </details>
    </div>
  );
}

function NewThread({
  documentId,
  quote,
  anchor,
  people,
  onDone,
}: {
  documentId: string;
  quote: string;
  anchor: { from: string; to: string };
  people: MentionableReply["people"];
  onDone(t: CommentThread | null): void;
}) {
  const { run, pending, error } = useAction();
  const [body, setBody] = useState("");
  const [mentions, setMentions] = useState<string[]>([]);
  const errorId = useId();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await run(() => createThread(documentId, { anchor, quote, body, mentions }), "Commentaire publié.");
    if (r) onDone(r.thread);
  };
  return (
    <form onSubmit={submit} className="atelier-thread fr-mb-3w" aria-label="Nouveau commentaire">
      <blockquote className="atelier-thread__quote">« {quote} »</blockquote>
      <FormError id={errorId} message={error} />
      <MentionField
        label="Votre commentaire"
        value={body}
        people={people}
        mentions={mentions}
        describedBy={error ? errorId : undefined}
        onChange={(v, m) => {
          setBody(v);
          setMentions(m);
        }}
      />
      <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
        <li>
          <button className="fr-btn" type="submit" disabled={pending || !body.trim()}>
            Publier
          </button>
        </li>
        <li>
          <button className="fr-btn fr-btn--secondary" type="button" onClick={() => onDone(null)}>
            Annuler
          </button>
        </li>
      </ul>
    </form>
  );
}

function Thread({
  t,
  documentId,
  editor,
  canComment,
  people,
  selected,
  setSelected,
  reload,
}: {
  t: CommentThread;
  documentId: string;
  editor: Editor;
  canComment: boolean;
  people: MentionableReply["people"];
  selected: string | null;
  setSelected(id: string | null): void;
  reload(): void;
}) {
  const { run, pending, error } = useAction();
  const [body, setBody] = useState("");
  const [mentions, setMentions] = useState<string[]>([]);
  const errorId = useId();
  const reply = async (e: FormEvent) => {
    e.preventDefault();
    if (await run(() => replyTo(documentId, t.id, { body, mentions }), "Réponse publiée.")) {
      setBody("");
      setMentions([]);
      reload();
    }
  };
  const toggle = async () => {
    const reopen = t.status === "resolved";
    if (await run(() => setThreadOpen(documentId, t.id, reopen), reopen ? "Discussion rouverte." : "Discussion résolue.")) reload();
  };
  return (
    <section
      id={`commentaire-${t.id}`}
      tabIndex={-1}
      className={`atelier-thread fr-mb-2w${selected === t.id ? " atelier-thread--selected" : ""}`}
      aria-label={`Discussion sur « ${t.quote} »`}
    >
      {t.anchorState.deleted ? (
        <p className="fr-badge fr-badge--warning fr-badge--sm">Texte supprimé</p>
      ) : (
        <button
          type="button"
          className="fr-link atelier-thread__quote"
          onClick={() => {
            setSelected(t.id);
            goToThread(editor, t);
          }}
        >
          « {t.anchorState.text || t.quote} »
        </button>
      )}
      {t.anchorState.deleted && <blockquote className="atelier-thread__quote">« {t.quote} »</blockquote>}
      <ol className="atelier-thread__comments">
        {t.comments.map((c) => (
          <li key={c.id}>
            <p className="fr-text--sm fr-mb-0">
              <strong>{c.author?.name || "Compte supprimé"}</strong> · {formatDateTime(c.createdAt, "medium")}
            </p>
            <p className="fr-mb-1w atelier-thread__body">{c.body}</p>
          </li>
        ))}
      </ol>
      {t.status === "resolved" && t.resolvedBy && (
        <p className="fr-text--xs">
          Résolue par {t.resolvedBy.name} le {formatDateTime(t.resolvedAt!, "medium")}
        </p>
      )}
      <FormError id={errorId} message={error} />
      {canComment && t.status === "open" && (
        <form onSubmit={reply}>
          <MentionField
            label="Répondre"
            value={body}
            people={people}
            mentions={mentions}
            describedBy={error ? errorId : undefined}
            onChange={(v, m) => {
              setBody(v);
              setMentions(m);
            }}
          />
          <button className="fr-btn fr-btn--sm fr-mr-1w" type="submit" disabled={pending || !body.trim()}>
            Répondre
          </button>
        </form>
      )}
      {canComment && (
        <button className="fr-btn fr-btn--sm fr-btn--tertiary fr-mt-1w" type="button" disabled={pending} onClick={toggle}>
          {t.status === "open" ? "Résoudre" : "Rouvrir"}
        </button>
      )}
    </section>
  );
}
