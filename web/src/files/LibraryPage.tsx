/** "Documents ressources": the library of one space. */
import { FILE_SORTS, FILE_TRASH_DAYS, THEMES, themeName, type FileSummary, type ListFilesQuery } from "@atelier/shared";
import { useState, type FormEvent } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { ApiError } from "../api/client";
import { getSpace, listMembers } from "../api/spaces";
import { LoadError } from "../components/LoadError";
import { AccessDenied } from "../pages/space/AccessDenied";
import { usePageTitle } from "../shell/pageTitle";
import { useAction } from "../shell/useAction";
import { useLoad } from "../shell/useLoad";
import { listFiles, listKinds, restoreFile } from "./api";
import { FilePanel } from "./FilePanel";
import { formatDate, formatSize } from "./format";
import { UploadZone } from "./UploadZone";

const SORT_LABELS: Record<(typeof FILE_SORTS)[number], string> = {
  recent: "Plus récents d'abord",
  oldest: "Plus anciens d'abord",
  title: "Titre (A → Z)",
  size: "Taille (plus gros d'abord)",
};
const DAY = 24 * 3600 * 1000;
const FILTERS = ["q", "kind", "theme", "uploader", "from", "to", "sort"] as const;

export default function LibraryPage() {
  const { spaceId = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const query: ListFilesQuery = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? undefined]).filter(([, v]) => v));
  const space = useLoad(() => getSpace(spaceId), [spaceId]);
  const kinds = useLoad(() => listKinds(spaceId), [spaceId]);
  const members = useLoad(() => listMembers(spaceId), [spaceId]);
  const files = useLoad(() => listFiles(spaceId, query), [spaceId, params.toString()]);
  const [openId, setOpenId] = useState<string | null>(null);
  const [showBin, setShowBin] = useState(false);
  const bin = useLoad(() => (showBin ? listFiles(spaceId, { trash: "true" }) : Promise.resolve([])), [spaceId, showBin]);
  const { run, error } = useAction();
  usePageTitle(space.state === "ready" ? `Documents ressources — ${space.data.name}` : undefined);

  if (space.state === "loading") return <p>Chargement de la bibliothèque…</p>;
  if (space.state === "error") {
    if (space.error instanceof ApiError && space.error.status === 403) return <AccessDenied spaceId={spaceId} />;
    return <LoadError title="Documents ressources" error={space.error} />;
  }
  const s = space.data;
  const kindList = kinds.state === "ready" ? kinds.data : [];
  const kindLabel = (slug: string) => kindList.find((k) => k.slug === slug)?.label ?? slug;
  const refresh = () => {
    files.reload();
    if (showBin) bin.reload();
  };
  const open = files.state === "ready" ? files.data.find((f) => f.id === openId) : undefined;

  const filter = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const next = new URLSearchParams();
    for (const k of FILTERS) {
      const v = String(data.get(k) ?? "").trim();
      if (v) next.set(k, v);
    }
    setParams(next);
  };

  return (
    <>
      <p className="fr-mb-1w">
        <Link to={`/espaces/${s.id}`} className="fr-link fr-icon-arrow-left-line fr-link--icon-left">
          {s.name}
        </Link>
      </p>
      <h1>Documents ressources</h1>
      <p className="fr-text--lead">Études, contributions, fiches action et présentations partagées dans l'espace {s.name}.</p>

      {s.can.includes("file.upload") && kinds.state === "ready" && <UploadZone spaceId={s.id} kinds={kinds.data} onChange={refresh} />}

      <section aria-labelledby="recherche-titre" className="fr-mb-3w">
        <h2 id="recherche-titre" className="fr-h4">
          Rechercher
        </h2>
        <form onSubmit={filter} role="search" key={params.toString()}>
          <div className="fr-grid-row fr-grid-row--gutters">
            <div className="fr-col-12 fr-col-md-4 fr-input-group">
              <label className="fr-label" htmlFor="f-q">
                Mots du titre ou de la description
              </label>
              <input className="fr-input" id="f-q" name="q" type="search" defaultValue={query.q} />
            </div>
            <FilterSelect name="kind" label="Type de document" value={query.kind} all="Tous les types" options={kindList.map((k) => ({ value: k.slug, label: k.label }))} />
            <FilterSelect name="theme" label="Thématique" value={query.theme} all="Toutes les thématiques" options={THEMES.map((t) => ({ value: t.slug, label: t.name }))} />
            <FilterSelect
              name="uploader"
              label="Déposé par"
              value={query.uploader}
              all="Toutes les personnes"
              options={members.state === "ready" ? members.data.map((m) => ({ value: m.userId, label: `${m.firstName} ${m.lastName}`.trim() || m.email })) : []}
            />
            <div className="fr-col-6 fr-col-md-4 fr-input-group">
              <label className="fr-label" htmlFor="f-from">
                Déposés depuis le
              </label>
              <input className="fr-input" id="f-from" name="from" type="date" defaultValue={query.from} />
            </div>
            <div className="fr-col-6 fr-col-md-4 fr-input-group">
              <label className="fr-label" htmlFor="f-to">
                Jusqu'au
              </label>
              <input className="fr-input" id="f-to" name="to" type="date" defaultValue={query.to} />
            </div>
            <FilterSelect name="sort" label="Trier par" value={query.sort ?? "recent"} options={FILE_SORTS.map((k) => ({ value: k, label: SORT_LABELS[k] }))} />
          </div>
          <button className="fr-btn fr-mt-2w" type="submit">
            Rechercher
          </button>
        </form>
      </section>

      {open && kinds.state === "ready" && <FilePanel key={open.id} file={open} kinds={kinds.data} onChange={refresh} onClose={() => setOpenId(null)} />}

      <section aria-labelledby="liste-titre">
        <h2 id="liste-titre" className="fr-h4">
          Documents {files.state === "ready" && `(${files.data.length})`}
        </h2>
        {files.state === "loading" && <p>Chargement…</p>}
        {files.state === "error" && <LoadError error={files.error} />}
        {files.state === "ready" && files.data.length === 0 && <p>Aucun document ne correspond.</p>}
        {files.state === "ready" && files.data.length > 0 && (
          <FileTable files={files.data} kindLabel={kindLabel} onOpen={setOpenId} />
        )}
      </section>

      {s.can.includes("file.upload") && (
        <section aria-labelledby="corbeille-titre" className="fr-mt-4w">
          <h2 id="corbeille-titre" className="fr-h4">
            Corbeille
          </h2>
          <p className="fr-text--sm">
            {s.can.includes("file.restore")
              ? "Les documents supprimés peuvent être restaurés pendant 30 jours, puis ils sont effacés définitivement."
              : "Les documents que vous avez mis à la corbeille peuvent être restaurés pendant 30 jours, puis ils sont effacés définitivement."}
          </p>
          {!showBin ? (
            <button className="fr-btn fr-btn--secondary fr-btn--sm" type="button" onClick={() => setShowBin(true)}>
              Afficher la corbeille
            </button>
          ) : (
            <>
              {error && <p className="fr-error-text">{error}</p>}
              {bin.state === "loading" && <p>Chargement…</p>}
              {bin.state === "error" && <LoadError error={bin.error} />}
              {bin.state === "ready" && bin.data.length === 0 && <p>La corbeille est vide.</p>}
              {bin.state === "ready" && bin.data.length > 0 && (
                <BinTable
                  files={bin.data}
                  onRestore={(f) => void run(async () => { await restoreFile(f.id); refresh(); }, `« ${f.title} » a été restauré.`)}
                />
              )}
            </>
          )}
        </section>
      )}
    </>
  );
}

function FileTable({ files, kindLabel, onOpen }: { files: FileSummary[]; kindLabel(slug: string): string; onOpen(id: string): void }) {
  return (
    <div className="fr-table fr-table--sm fr-table--no-caption">
      <table data-testid="documents">
        <caption>Documents de la bibliothèque</caption>
        <thead>
          <tr>
            <th scope="col">Titre</th>
            <th scope="col">Type</th>
            <th scope="col">Thématiques</th>
            <th scope="col">Déposé par</th>
            <th scope="col">Date</th>
            <th scope="col">Taille</th>
          </tr>
        </thead>
        <tbody>
          {files.map((f) => (
            <tr key={f.id}>
              <td>
                <button className="fr-link" type="button" onClick={() => onOpen(f.id)}>
                  {f.title}
                </button>
              </td>
              <td>{kindLabel(f.kind)}</td>
              <td>{f.themes.map(themeName).join(", ")}</td>
              <td>{f.uploadedBy?.name ?? "—"}</td>
              <td>{formatDate(f.createdAt)}</td>
              <td>{formatSize(f.size)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The bin: what was deleted, when, and until when it can come back. */
function BinTable({ files, onRestore }: { files: FileSummary[]; onRestore(f: FileSummary): void }) {
  return (
    <div className="fr-table fr-table--sm">
      <table data-testid="corbeille">
        <caption>Documents dans la corbeille</caption>
        <thead>
          <tr>
            <th scope="col">Titre</th>
            <th scope="col">Supprimé le</th>
            <th scope="col">Restaurable jusqu'au</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {files.map((f) => (
            <tr key={f.id}>
              <td>{f.title}</td>
              <td>{formatDate(f.deletedAt!)}</td>
              <td>{formatDate(new Date(Date.parse(f.deletedAt!) + FILE_TRASH_DAYS * DAY).toISOString())}</td>
              <td>
                <button className="fr-btn fr-btn--tertiary fr-btn--sm" type="button" onClick={() => onRestore(f)}>
                  Restaurer {f.title}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One filter of the library's search form; `all` is the choice that filters nothing. */
function FilterSelect({ name, label, value, all, options }: { name: string; label: string; value?: string; all?: string; options: { value: string; label: string }[] }) {
  return (
    <div className="fr-col-12 fr-col-md-4 fr-select-group">
      <label className="fr-label" htmlFor={`f-${name}`}>
        {label}
      </label>
      <select className="fr-select" id={`f-${name}`} name={name} defaultValue={value ?? ""}>
        {all !== undefined && <option value="">{all}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
