/** The space's trash of documents, for those who may restore (the pilotes). Nothing is purged from it. */
import { DOCUMENT_KIND_LABELS } from "@atelier/shared";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { listDocuments, restoreDocument } from "../../api/documents";
import { FormError } from "../../components/FormError";
import { formatDateTime } from "../../shell/time";
import { useAction } from "../../shell/useAction";
import { useLoad } from "../../shell/useLoad";

export function DocumentTrash({ spaceId, round, onChange }: { spaceId: string; round: number; onChange(): void }) {
  const trash = useLoad(() => listDocuments(spaceId, true), [spaceId, round]);
  const action = useAction();

  const restore = async (id: string, title: string) => {
    const done = await action.run(() => restoreDocument(id), `« ${title} » a été restauré.`);
    if (done) onChange();
  };

  return (
    <section className="fr-mb-6w" aria-labelledby="corbeille-titre">
      <h2 id="corbeille-titre" className="fr-h4">Corbeille</h2>
      <p className="fr-text--sm">Les documents restent dans la corbeille jusqu'à ce qu'un pilote les restaure.</p>
      <FormError id="corbeille-erreur" message={action.error} />
      {trash.state === "loading" && <p>Chargement de la corbeille…</p>}
      {trash.state === "error" && <FormError id="corbeille-chargement" message="La corbeille n'a pas pu être chargée." />}
      {trash.state === "ready" && trash.data.length === 0 && <p>La corbeille est vide.</p>}
      {trash.state === "ready" && trash.data.length > 0 && (
        <div className="fr-table">
          <table data-testid="corbeille">
            <caption>Documents dans la corbeille</caption>
            <thead>
              <tr>
                <th scope="col">Titre</th>
                <th scope="col">Type</th>
                <th scope="col">Mis à la corbeille</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {trash.data.map((d) => (
                <tr key={d.id}>
                  <td>{d.title}</td>
                  <td>{DOCUMENT_KIND_LABELS[d.kind]}</td>
                  <td>
                    {d.trashedAt && formatDateTime(d.trashedAt)}
                    {d.trashedBy && <>, par {d.trashedBy.name}</>}
                  </td>
                  <td>
                    <Button size="small" priority="secondary" type="button" disabled={action.pending} onClick={() => restore(d.id, d.title)}
                      nativeButtonProps={{ "aria-label": `Restaurer « ${d.title} »` }}>
                      Restaurer
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
