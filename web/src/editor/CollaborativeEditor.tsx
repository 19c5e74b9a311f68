import { editorExtensions } from "@atelier/editor";
import { COLLAB_CLOSE, COLLAB_FRAGMENT, IMPORT_ACCEPT } from "@atelier/shared";
import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { EditorContent, useEditor } from "@tiptap/react";
import { type KeyboardEvent as ReactKeyboardEvent, useEffect, useMemo, useRef, useState } from "react";
import { Link } from "react-router";
import { attachmentHandlers, type AttachmentStatus } from "./attachments";
import { CollaborationGuard } from "./collaborationGuard";
import { ConnectionStatus } from "./ConnectionStatus";
import { FallbackContent } from "./FallbackContent";
import { HeadingAnchors, useHeadingFromHash } from "./headingAnchors";
import { Presence, type PresenceUser } from "./Presence";
import { ReviewPanel } from "../review/ReviewPanel";
import { TableOfContents } from "./TableOfContents";
import { Toolbar } from "./Toolbar";
import { importHere, type ImportStatus } from "./importHere";
import {
  CLOSED_WITHOUT_CONTENT,
  type Collaboration as Collab,
  type CollaborationStatus,
  useCollaboration,
  useCollaborationStatus,
} from "./useCollaboration";
import { userColor } from "./userColor";
import { WordCount } from "./WordCount";
import "./editor.css";

export interface EditorUser {
  id: string;
  name: string;
}

interface Props {
  documentId: string;
  title: string;
  /** What the server says the caller may do; it enforces it on the socket whatever this says. */
  canEdit: boolean;
  /** Why nobody may change the text now (validated, transmitted), if so. */
  frozenMessage: string | null;
  /** The server refused an edit: the page finds out why. */
  onWriteRefused: () => void;
  user: EditorUser;
}

/** The live document: edited together when the caller may write, read along otherwise. */
export function CollaborativeEditor({ documentId, title, canEdit, frozenMessage, onWriteRefused, user }: Props) {
  const collab = useCollaboration(documentId);
  const status = useCollaborationStatus(collab);
  if (!collab || !status) return <p>Ouverture du document…</p>;

  if (status.closed && CLOSED_WITHOUT_CONTENT.has(status.closed.code)) {
    return (
      <div className="fr-alert fr-alert--error" role="alert">
        <h2 className="fr-alert__title">{status.closed.reason}</h2>
        <p>{status.closed.message}</p>
        <p>
          {status.closed.code === COLLAB_CLOSE.unauthenticated.code ? (
            // A full page load: the app must learn that the session is gone, then come back here.
            <a className="fr-link" href={`/connexion?retour=${encodeURIComponent(location.pathname)}`}>
              Se reconnecter
            </a>
          ) : (
            <Link className="fr-link" to="/espaces">
              Revenir à mes espaces
            </Link>
          )}
        </p>
      </div>
    );
  }
  if (status.blocked) return <FallbackContent documentId={documentId} />;
  return (
    <LiveEditor
      collab={collab}
      status={status}
      title={title}
      canEdit={canEdit}
      frozenMessage={frozenMessage}
      onWriteRefused={onWriteRefused}
      user={user}
    />
  );
}

const KEYBOARD_HINT_ID = "aide-clavier-editeur";

const contentAttributes = (title: string, editable: boolean) => ({
  role: "textbox",
  "aria-multiline": "true",
  "aria-label": `Texte du document « ${title} »`,
  "aria-readonly": String(!editable),
  ...(editable ? { "aria-describedby": KEYBOARD_HINT_ID } : {}),
  class: "atelier-editor__content",
});

/** Alt+F10 from the text goes to the toolbar, as in the usual word processors of the administration. */
function toToolbar(e: ReactKeyboardEvent<HTMLElement>) {
  if (!e.altKey || e.key !== "F10") return;
  const button = e.currentTarget.querySelector<HTMLButtonElement>('.atelier-toolbar button[tabindex="0"]');
  if (button) {
    e.preventDefault();
    button.focus();
  }
}

const presenceOf = (user: EditorUser, editable: boolean): PresenceUser => ({
  id: user.id,
  name: user.name,
  color: userColor(user.id),
  reading: !editable,
});

function LiveEditor({
  collab,
  status,
  title,
  canEdit,
  frozenMessage,
  onWriteRefused,
  user,
}: Omit<Props, "documentId"> & { collab: Collab; status: CollaborationStatus }) {
  const editable = canEdit && !status.writeRefused && !status.closed;
  useEffect(() => {
    if (status.writeRefused) onWriteRefused();
  }, [status.writeRefused, onWriteRefused]);
  const [attaching, setAttaching] = useState<AttachmentStatus>(null);
  const [importing, setImporting] = useState<ImportStatus>(null);
  const importInput = useRef<HTMLInputElement>(null);
  // The handlers outlive renders (ProseMirror keeps them): they reach the editor through a ref.
  const editorRef = useRef<ReturnType<typeof useEditor>>(null);
  const handlers = useMemo(() => attachmentHandlers(() => editorRef.current, collab.documentId, setAttaching), [collab.documentId]);

  const editor = useEditor(
    {
      extensions: [
        ...editorExtensions(),
        Collaboration.configure({ document: collab.ydoc, field: COLLAB_FRAGMENT }),
        CollaborationCaret.configure({ provider: collab.provider, user: presenceOf(user, editable) }),
        CollaborationGuard,
        HeadingAnchors,
      ],
      editable,
      editorProps: { attributes: contentAttributes(title, editable), ...handlers },
      shouldRerenderOnTransaction: false,
    },
    [collab],
  );
  editorRef.current = editor;
  useHeadingFromHash(editor);

  useEffect(() => {
    if (!editor) return;
    editor.setEditable(editable, false);
    editor.setOptions({ editorProps: { attributes: contentAttributes(title, editable), ...handlers } });
    editor.commands.updateUser(presenceOf({ id: user.id, name: user.name }, editable));
  }, [editor, editable, title, user.id, user.name, handlers]);

  return (
    <div className="atelier-editor" onKeyDown={toToolbar}>
      <div className="atelier-editor__bar">
        <ConnectionStatus status={status} />
        <Presence provider={collab.provider} />
        {editor && <ReviewPanel editor={editor} documentId={collab.documentId} />}
      </div>
      {frozenMessage && (
        <div className="fr-alert fr-alert--info fr-alert--sm fr-mb-2w" role="status" data-testid="read-only">
          <p>{frozenMessage}</p>
        </div>
      )}
      {status.writeRefused && canEdit && (
        <div className="fr-alert fr-alert--warning fr-alert--sm fr-mb-2w" role="alert">
          <p>
            Vos droits sur ce document ont changé : il est désormais en lecture seule pour vous. Rechargez la page pour
            retrouver la dernière version enregistrée.
          </p>
        </div>
      )}
      {status.closed && (
        <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-2w" role="alert">
          <p>{status.closed.message}</p>
        </div>
      )}
      {!canEdit && !frozenMessage && (
        <div className="fr-alert fr-alert--info fr-alert--sm fr-mb-2w" data-testid="read-only">
          <p>Lecture seule : vous pouvez lire ce document et suivre les modifications en direct, pas le modifier.</p>
        </div>
      )}
      {editor && editable && (
        <>
          <p id={KEYBOARD_HINT_ID} className="fr-sr-only">
            Alt+F10 : aller à la barre d'outils ; Échap : revenir au texte.
          </p>
          <Toolbar editor={editor} onImportFile={() => importInput.current?.click()} />
          <input
            ref={importInput}
            type="file"
            hidden
            aria-label="Fichier à importer dans le document"
            accept={IMPORT_ACCEPT}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = "";
              if (file) void importHere(editor, collab.documentId, file, setImporting);
            }}
          />
        </>
      )}
      <div role="status">
        {importing?.kind === "sending" && <p className="fr-text--sm fr-mb-1w">{importing.text}</p>}
      </div>
      {importing && importing.kind !== "sending" && (
        <div className={`fr-alert fr-alert--${importing.kind === "error" ? "error" : "info"} fr-alert--sm fr-mb-2w`} role="alert" data-testid="import-ici">
          <p>{importing.text}</p>
          {!!importing.dropped?.length && (
            <>
              <p>Ce qui n'a pas pu être repris du fichier :</p>
              <ul>
                {importing.dropped.map((d) => (
                  <li key={d}>{d}</li>
                ))}
              </ul>
            </>
          )}
          <button className="fr-btn--close fr-btn" type="button" title="Masquer le message" onClick={() => setImporting(null)}>
            Masquer le message
          </button>
        </div>
      )}
      <div role="status">
        {attaching?.kind === "sending" && <p className="fr-text--sm fr-mb-1w">{attaching.text}</p>}
      </div>
      {attaching?.kind === "error" && (
        <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-2w" role="alert">
          <p>{attaching.text}</p>
        </div>
      )}
      <div className="atelier-editor__body">
        {editor && <TableOfContents editor={editor} />}
        <EditorContent editor={editor} className="atelier-editor__page" />
      </div>
      {editor && <WordCount editor={editor} />}
    </div>
  );
}
