/**
 * The preview of an office file (DOCX, ODT, XLSX/ODS, PPTX/ODP): its text as HTML the server has
 * sanitised down to headings, paragraphs, lists and tables — no script, style, image or link can be in
 * it — shown in a scrolling region the keyboard can reach. Asked for only when the panel opens.
 */
import { errorMessage } from "../api/client";
import { useLoad } from "../shell/useLoad";
import { getPreview } from "./api";

export function OfficePreview({ fileId, title }: { fileId: string; title: string }) {
  const preview = useLoad(() => getPreview(fileId), [fileId]);
  if (preview.state === "loading") return <p>Préparation de l'aperçu…</p>;
  if (preview.state === "error") return <p className="fr-error-text">{errorMessage(preview.error)}</p>;
  return (
    <div
      role="region"
      aria-label={`Aperçu de ${title}`}
      tabIndex={0}
      className="atelier-office-preview"
      style={{ maxHeight: "32rem", overflow: "auto", border: "1px solid #ddd", padding: "1rem" }}
      // Sanitised by the server (files/preview.ts): only text, headings, lists and tables.
      dangerouslySetInnerHTML={{ __html: preview.data.html }}
    />
  );
}
