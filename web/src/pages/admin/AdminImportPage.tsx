import { IMPORT_COLUMNS, SPACE_ROLE_LABELS, type ImportPlanLine, type ImportReport } from "@atelier/shared";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useState, type FormEvent } from "react";
import { importMembers } from "../../api/admin";
import { describedBy, FormError } from "../../components/FormError";
import { Success } from "../../components/Success";
import { useAction } from "../../shell/useAction";

const MEMBERSHIP_LABELS: Record<ImportPlanLine["membership"], string> = {
  add: "ajouté(e) à l'espace",
  update: "rôle modifié",
  unchanged: "déjà membre, inchangé",
};

const summary = (r: ImportReport) =>
  `${r.lines} ligne(s) lue(s) : ${r.counts.usersCreated} compte(s) à créer, ${r.counts.membershipsAdded} ajout(s), ` +
  `${r.counts.membershipsUpdated} changement(s) de rôle, ${r.counts.unchanged} inchangé(s).`;

export function AdminImportPage() {
  const { run, pending, error, setError } = useAction();
  const [csv, setCsv] = useState("");
  const [report, setReport] = useState<ImportReport | null>(null);
  const [applied, setApplied] = useState<string | null>(null);

  const check = async (event: FormEvent) => {
    event.preventDefault();
    setApplied(null);
    setReport(null);
    if (!csv.trim()) return setError("Choisissez un fichier CSV ou collez son contenu.");
    const r = await run(() => importMembers(csv, true), (r) =>
      r.errors.length ? `${r.errors.length} ligne(s) à corriger avant l'import.` : `Vérification réussie. ${summary(r)}`,
    );
    if (r) setReport(r);
  };

  const apply = async () => {
    const r = await run(() => importMembers(csv, false), (r) => `Import terminé. ${summary(r)}`);
    if (r) {
      setReport(null);
      setApplied(`Import terminé. ${summary(r)}`);
    }
  };

  return (
    <>
      <h1>Import de membres</h1>
      <p>
        Un fichier CSV (séparateur « ; » ou « , », encodé en UTF-8) dont la première ligne nomme les colonnes :{" "}
        <code>{IMPORT_COLUMNS.join(";")}</code>. L'espace est désigné par son identifiant d'URL (par exemple{" "}
        <code>grand-sud</code>), le rôle par pilote, membre, contributeur ou lecteur. Rien n'est écrit avant que vous ayez
        vu le rapport de vérification et confirmé.
      </p>
      <Success message={applied} />
      <form onSubmit={check} noValidate>
        <FormError id="import-erreur" message={error} />
        <div className="fr-upload-group fr-mb-3w">
          <label className="fr-label" htmlFor="import-fichier">
            Fichier CSV
            <span className="fr-hint-text">Taille maximale : 1 Mo.</span>
          </label>
          <input
            className="fr-upload"
            type="file"
            id="import-fichier"
            accept=".csv,text/csv"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              if (file) setCsv(await file.text());
            }}
          />
        </div>
        <Input
          textArea
          label="Contenu du fichier"
          hintText="Rempli par le fichier choisi ; vous pouvez aussi coller ou corriger le contenu ici."
          nativeTextAreaProps={{
            rows: 8,
            value: csv,
            onChange: (e) => {
              setCsv(e.target.value);
              setReport(null);
            },
            ...describedBy("import-erreur", error),
          }}
        />
        <Button type="submit" disabled={pending}>
          Vérifier le fichier
        </Button>
      </form>
      {report && <Report report={report} onApply={apply} pending={pending} />}
    </>
  );
}

function Report({ report, onApply, pending }: { report: ImportReport; onApply(): void; pending: boolean }) {
  return (
    <section className="fr-mt-6w" aria-labelledby="rapport-titre">
      <h2 id="rapport-titre">Rapport de vérification</h2>
      <p>{summary(report)}</p>
      {report.errors.length > 0 && (
        <div className="fr-table">
          <table>
            <caption>Lignes à corriger ({report.errors.length}) : rien ne sera importé tant qu'il en reste</caption>
            <thead>
              <tr>
                <th scope="col">Ligne</th>
                <th scope="col">Colonne</th>
                <th scope="col">Problème</th>
              </tr>
            </thead>
            <tbody>
              {report.errors.map((e, i) => (
                <tr key={i}>
                  <td>{e.line}</td>
                  <td>{e.column ?? "—"}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {report.plan.length > 0 && (
        <div className="fr-table">
          <table>
            <caption>Ce que l'import fera</caption>
            <thead>
              <tr>
                <th scope="col">Ligne</th>
                <th scope="col">Adresse</th>
                <th scope="col">Espace</th>
                <th scope="col">Rôle</th>
                <th scope="col">Compte</th>
                <th scope="col">Appartenance</th>
              </tr>
            </thead>
            <tbody>
              {report.plan.map((p) => (
                <tr key={p.line}>
                  <td>{p.line}</td>
                  <td>{p.email}</td>
                  <td>{p.spaceSlug}</td>
                  <td>{SPACE_ROLE_LABELS[p.role]}</td>
                  <td>{p.user === "create" ? "nouveau compte, invité par courriel" : "compte existant"}</td>
                  <td>
                    {MEMBERSHIP_LABELS[p.membership]}
                    {p.previousRole && p.membership === "update" && ` (était ${SPACE_ROLE_LABELS[p.previousRole]})`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {report.errors.length === 0 && (
        <Button onClick={onApply} disabled={pending}>
          Appliquer l'import
        </Button>
      )}
    </section>
  );
}
