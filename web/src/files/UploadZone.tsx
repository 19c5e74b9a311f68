import type { FileKind, FileSummary } from "@atelier/shared";
import { useId, useRef, useState, type DragEvent } from "react";
import { errorMessage } from "../api/client";
import { useAnnounce } from "../shell/announcer";
import { formatSize } from "./format";
import { MetadataOnDemand } from "./MetadataForm";
import { resumedMessage, startUpload, type Upload } from "./resumable";

interface Item {
  key: number;
  name: string;
  size: number;
  sent: number;
  /** "interrupted": the connection dropped, the upload starts again by itself. */
  state: "sending" | "interrupted" | "done" | "failed";
  /** Why it failed, or where a resumed upload started again. */
  message?: string;
  file?: FileSummary;
  upload?: Upload;
}

/**
 * Drop or pick several files: each is sent at once, with its progress and a cancel button, then
 * described. A cut connection is waited out; a file dropped again after a reload takes up where it stopped.
 */
export function UploadZone({ spaceId, kinds, maxHint, onChange }: { spaceId: string; kinds: FileKind[]; maxHint?: string; onChange(): void }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [items, setItems] = useState<Item[]>([]);
  const [over, setOver] = useState(false);
  const announce = useAnnounce();
  const next = useRef(0);

  const patch = (key: number, change: Partial<Item>) => setItems((all) => all.map((i) => (i.key === key ? { ...i, ...change } : i)));

  const start = (files: FileList | File[]) => {
    for (const f of Array.from(files)) {
      const key = next.current++;
      const upload = startUpload({ spaceId }, f, {
        onProgress: (sent) => patch(key, { sent }),
        onInterrupted: (message) => {
          patch(key, { state: "interrupted", message });
          announce(`${f.name} : ${message}`);
        },
        onResumed: (from) => {
          const message = resumedMessage(from, f.size);
          patch(key, { state: "sending", sent: from, message });
          announce(`${f.name} : ${message}`);
        },
      });
      setItems((all) => [...all, { key, name: f.name, size: f.size, sent: 0, state: "sending", upload }]);
      upload.done.then(
        (file) => {
          patch(key, { state: "done", sent: f.size, file, upload: undefined });
          announce(`${f.name} : envoyé.`);
          onChange();
        },
        (err: unknown) => {
          patch(key, { state: "failed", message: errorMessage(err), upload: undefined });
          announce(`${f.name} : ${errorMessage(err)}`);
        },
      );
    }
  };

  const drop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    if (e.dataTransfer.files.length) start(e.dataTransfer.files);
  };

  return (
    <section className="fr-mb-4w" aria-labelledby={`${id}-titre`}>
      <h2 id={`${id}-titre`} className="fr-h4">
        Déposer des documents
      </h2>
      <div
        data-testid="zone-depot"
        className={`fr-p-4w fr-mb-2w ${over ? "fr-background-alt--blue-france" : "fr-background-alt--grey"}`}
        style={{ border: "2px dashed var(--border-default-blue-france)", textAlign: "center" }}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
      >
        <p className="fr-mb-2w">Glissez-déposez vos fichiers ici, ou</p>
        <div className="fr-upload-group">
          <label className="fr-label" htmlFor={`${id}-fichiers`}>
            Choisir des fichiers
            <span className="fr-hint-text">Plusieurs fichiers possibles{maxHint ? `, ${maxHint} au plus chacun` : ""}.</span>
          </label>
          <input
            ref={input}
            className="fr-upload"
            type="file"
            id={`${id}-fichiers`}
            multiple
            onChange={(e) => {
              if (e.target.files?.length) start(e.target.files);
              e.target.value = "";
            }}
          />
        </div>
      </div>
      {items.length > 0 && (
        <ul className="fr-raw-list" data-testid="envois">
          {items.map((item) => (
            <li key={item.key} className="fr-mb-3w" data-testid="envoi">
              <p className="fr-mb-1w">
                <strong>{item.name}</strong> ({formatSize(item.size)}){" "}
                {item.state === "done" && <span className="fr-badge fr-badge--success fr-badge--sm">Envoyé</span>}
                {item.state === "failed" && <span className="fr-badge fr-badge--error fr-badge--sm">Non envoyé</span>}
              </p>
              {(item.state === "sending" || item.state === "interrupted") && (
                <p className="fr-mb-1w">
                  <progress max={item.size || 1} value={item.sent} aria-label={`Envoi de ${item.name}`} style={{ width: "20rem", maxWidth: "100%" }} />{" "}
                  {Math.round((item.sent / (item.size || 1)) * 100)} %{" "}
                  <button className="fr-btn fr-btn--tertiary fr-btn--sm" type="button" onClick={() => item.upload?.cancel()}>
                    Annuler l'envoi de {item.name}
                  </button>
                </p>
              )}
              {item.state === "sending" && item.message && <p className="fr-message fr-message--info">{item.message}</p>}
              {item.state === "interrupted" && <p className="fr-message fr-message--warning">{item.message}</p>}
              {item.state === "failed" && <p className="fr-error-text">{item.message}</p>}
              {item.state === "done" && item.file && (
                <MetadataOnDemand
                  file={item.file}
                  kinds={kinds}
                  onSaved={(file) => {
                    patch(item.key, { file });
                    onChange();
                  }}
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
