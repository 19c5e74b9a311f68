import { hasHtmlPreview, type FileKind, type FileSummary } from "@atelier/shared";
import { useState } from "react";
import { FormError } from "../components/FormError";
import { useAnnounce } from "../shell/announcer";
import { useAction } from "../shell/useAction";
import { useLoad } from "../shell/useLoad";
import { deleteFile, downloadUrl, listVersions, restoreVersion } from "./api";
import { formatDate, formatSize } from "./format";
import { MetadataOnDemand } from "./MetadataForm";
import { OfficePreview } from "./OfficePreview";
import { resumedMessage, startUpload, type Upload } from "./resumable";

/** A new version on its way: its progress, and what to say when the connection dropped or came back. */
interface Sending {
  percent: number;
  note?: { kind: "warning" | "info"; text: string };
  upload: Upload;
}

/** One file opened from the list: preview, versions, and for those who may, edit, new version, delete. */
export function FilePanel({ file, kinds, onChange, onClose }: { file: FileSummary; kinds: FileKind[]; onChange(): void; onClose(): void }) {
  const versions = useLoad(() => listVersions(file.id), [file.id, file.version]);
  const { run, pending, error } = useAction();
  const announce = useAnnounce();
  const [sending, setSending] = useState<Sending | null>(null);

  const newVersion = (f: File) => {
    const update = (change: Partial<Sending>) => setSending((s) => s && { ...s, ...change });
    const upload = startUpload({ fileId: file.id }, f, {
      onProgress: (sent) => update({ percent: Math.round((sent / (f.size || 1)) * 100) }),
      onInterrupted: (text) => {
        update({ note: { kind: "warning", text } });
        announce(text);
      },
      onResumed: (from) => {
        const text = resumedMessage(from, f.size);
        update({ note: { kind: "info", text } });
        announce(text);
      },
    });
    setSending({ percent: 0, upload });
    void run(async () => {
      try {
        await upload.done;
      } finally {
        setSending(null);
      }
      onChange();
    }, "Nouvelle version enregistrée.");
  };

  return (
    <section className="fr-p-3w fr-mb-4w fr-background-alt--grey" aria-labelledby={`fichier-${file.id}`} data-testid="fiche-fichier">
      <h2 id={`fichier-${file.id}`} className="fr-h4">
        {file.title}
      </h2>
      <p className="fr-text--sm">
        {file.originalName} · {formatSize(file.size)} · version {file.version} · déposé par {file.uploadedBy?.name ?? "un compte supprimé"} le{" "}
        {formatDate(file.createdAt)}
      </p>
      {file.description && <p>{file.description}</p>}
      <FormError id={`fichier-${file.id}-erreur`} message={error} />
      <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm">
        <li>
          <a className="fr-btn fr-btn--secondary" href={downloadUrl(file.id)} download>
            Télécharger
          </a>
        </li>
        <li>
          <button className="fr-btn fr-btn--tertiary" type="button" onClick={onClose}>
            Fermer
          </button>
        </li>
      </ul>

      {file.previewable && (
        <div className="fr-mb-3w">
          <h3 className="fr-h6">Aperçu</h3>
          {file.mimeType === "application/pdf" ? (
            <iframe title={`Aperçu de ${file.title}`} src={downloadUrl(file.id, { inline: true })} style={{ width: "100%", height: "32rem", border: "1px solid #ddd" }} />
          ) : (
            <img src={downloadUrl(file.id, { inline: true })} alt={`Aperçu de ${file.title}`} style={{ maxWidth: "100%", maxHeight: "32rem" }} />
          )}
        </div>
      )}
      {hasHtmlPreview(file.mimeType) && (
        <div className="fr-mb-3w">
          <h3 className="fr-h6">Aperçu</h3>
          <OfficePreview fileId={file.id} title={file.title} />
        </div>
      )}

      <h3 className="fr-h6">Versions</h3>
      {versions.state === "ready" && (
        <ul data-testid="versions">
          {versions.data.map((v) => (
            <li key={v.number} className="fr-mb-1w">
              Version {v.number}
              {v.restoredFrom ? ` (restauration de la version ${v.restoredFrom})` : ""} — {v.originalName}, {formatSize(v.size)}, par {v.uploadedBy?.name ?? "un compte supprimé"} le {formatDate(v.createdAt)}{" "}
              <a className="fr-link fr-text--sm" href={downloadUrl(file.id, { version: v.number })} download>
                Télécharger la version {v.number}
              </a>{" "}
              {file.canManage && v.number !== file.version && (
                <button className="fr-btn fr-btn--tertiary-no-outline fr-btn--sm" type="button" disabled={pending} onClick={() => void run(async () => { await restoreVersion(file.id, v.number); onChange(); }, `Version ${v.number} restaurée.`)}>
                  Restaurer la version {v.number}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}

      {file.canManage && (
        <>
          <div className="fr-upload-group fr-mb-3w">
            <label className="fr-label" htmlFor={`version-${file.id}`}>
              Déposer une nouvelle version
            </label>
            <input className="fr-upload" type="file" id={`version-${file.id}`} disabled={sending !== null} onChange={(e) => { const f = e.target.files?.[0]; if (f) newVersion(f); e.target.value = ""; }} />
            {sending && (
              <>
                <p className="fr-mb-1w">
                  <progress max={100} value={sending.percent} aria-label="Envoi de la nouvelle version" /> {sending.percent} %{" "}
                  <button className="fr-btn fr-btn--tertiary fr-btn--sm" type="button" onClick={() => sending.upload.cancel()}>
                    Annuler l'envoi de la nouvelle version
                  </button>
                </p>
                {sending.note && <p className={`fr-message fr-message--${sending.note.kind}`}>{sending.note.text}</p>}
              </>
            )}
          </div>
          <MetadataOnDemand file={file} kinds={kinds} onSaved={onChange} />
          <button
            className="fr-btn fr-btn--tertiary fr-icon-delete-bin-line fr-btn--icon-left"
            type="button"
            disabled={pending}
            onClick={() => void run(async () => { await deleteFile(file.id); onClose(); onChange(); }, `« ${file.title} » a été mis à la corbeille.`)}
          >
            Mettre à la corbeille
          </button>
        </>
      )}
    </section>
  );
}
