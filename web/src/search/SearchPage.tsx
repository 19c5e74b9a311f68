/**
 * The results page (/recherche?q=…&filters): results with their snippets, the filters with their counts,
 * "Voir plus" for the next ones. The number of results is read out on each search; a search that finds nothing
 * says what to try next.
 */
import {
  DOCUMENT_KIND_LABELS,
  DOCUMENT_STATUS_LABELS,
  FILE_KIND_LABELS,
  SEARCH_TYPE_LABELS,
  themeName,
  type SearchReply,
  type SearchResult,
} from "@atelier/shared";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { errorMessage } from "../api/client";
import { useAnnounce } from "../shell/announcer";
import { usePageTitle } from "../shell/pageTitle";
import { useLoad } from "../shell/useLoad";
import { search } from "./api";
import { FACET_TITLES, Facets, type FacetName } from "./Facets";
import { FILTERS, hasFilters, queryOf, resultsPath, withFilters, withoutFilters, type Filter } from "./params";
import { ResultItem } from "./ResultItem";

const plural = (n: number, one: string, many: string) => `${n.toLocaleString("fr-FR")} ${n > 1 ? many : one}`;
/** "Plus de 1 000 résultats" when the search stopped counting (SEARCH_COUNT_CAP). */
const resultCount = (r: SearchReply) => (r.totalAtLeast ? `Plus de ${r.total.toLocaleString("fr-FR")} résultats` : plural(r.total, "résultat", "résultats"));

export function SearchPage() {
  const [params] = useSearchParams();
  const query = queryOf(params);
  const key = query ? new URLSearchParams(query as Record<string, string>).toString() : "";
  usePageTitle(query ? `Recherche « ${query.q} »` : undefined);

  return (
    <>
      <h1>{query ? `Résultats pour « ${query.q} »` : "Rechercher"}</h1>
      <WordsForm key={query?.q ?? ""} q={query?.q ?? ""} params={params} />
      {query ? <Results key={key} params={params} /> : <Advice />}
    </>
  );
}

/** The words again, to change them without going back to the header. */
function WordsForm({ q, params }: { q: string; params: URLSearchParams }) {
  const navigate = useNavigate();
  const [value, setValue] = useState(q);
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!value.trim()) return setError("Indiquez les mots à chercher.");
    setError(null);
    navigate(resultsPath(value, params));
  };
  return (
    <form onSubmit={submit} className="fr-mb-4w" noValidate>
      <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
        <div className="fr-col-12 fr-col-md-8">
          <Input
            label="Mots à chercher"
            hintText="Entre guillemets pour une expression exacte, avec un tiret devant un mot pour l'exclure (-mot)."
            state={error ? "error" : "default"}
            stateRelatedMessage={error ?? undefined}
            nativeInputProps={{ type: "search", name: "q", value, onChange: (e) => setValue(e.target.value) }}
            className="fr-mb-0"
          />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Button type="submit" iconId="fr-icon-search-line">
            Chercher
          </Button>
        </div>
      </div>
    </form>
  );
}

function Results({ params }: { params: URLSearchParams }) {
  const query = queryOf(params)!;
  const announce = useAnnounce();
  const loaded = useLoad(() => search(query), []);
  const [more, setMore] = useState<{ results: SearchResult[]; nextCursor: string | null } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);
  const firstNew = useRef<HTMLAnchorElement>(null);
  const [focusFrom, setFocusFrom] = useState<number | null>(null);

  useEffect(() => {
    if (loaded.state === "ready") {
      const n = loaded.data.total;
      announce(n === 0 ? `Aucun résultat pour « ${query.q} ».` : `${resultCount(loaded.data)} pour « ${query.q} ».`);
    } else if (loaded.state === "error") announce(`La recherche n'a pas abouti : ${errorMessage(loaded.error)}`);
    // Once per search: the query and the announcer do not change while this list is shown.
  }, [loaded.state]);

  useEffect(() => {
    if (focusFrom !== null) firstNew.current?.focus();
  }, [focusFrom]);

  if (loaded.state === "loading") return <p>Recherche en cours…</p>;
  if (loaded.state === "error") {
    return (
      <div className="fr-alert fr-alert--error" role="alert">
        <h2 className="fr-alert__title">La recherche n'a pas abouti</h2>
        <p>{errorMessage(loaded.error)}</p>
        {hasFilters(params) && (
          <p>
            <Link to={withoutFilters(params)}>Chercher les mêmes mots sans filtre</Link>
          </p>
        )}
      </div>
    );
  }

  const reply = loaded.data;
  const results = [...reply.results, ...(more?.results ?? [])];
  const nextCursor = more ? more.nextCursor : reply.nextCursor;
  const kindLabel = kindLabeller(reply);

  const showMore = async () => {
    if (!nextCursor) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await search({ ...query, cursor: nextCursor });
      setFocusFrom(results.length);
      setMore({ results: [...(more?.results ?? []), ...page.results], nextCursor: page.nextCursor });
      announce(`${plural(page.results.length, "résultat de plus affiché", "résultats de plus affichés")}.`);
    } catch (error) {
      setMoreError(error);
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <div className="fr-grid-row fr-grid-row--gutters">
      <div className="fr-col-12 fr-col-md-4">
        <Facets facets={reply.facets} atLeast={reply.facetsAtLeast} params={params} />
      </div>
      <div className="fr-col-12 fr-col-md-8">
        <h2 className="fr-h4" data-testid="nombre-resultats">
          {reply.total === 0 ? "Aucun résultat" : resultCount(reply)}
          {params.get("scope") === "trash" && " dans la corbeille"}
        </h2>
        <ActiveFilters params={params} reply={reply} />
        {reply.total === 0 ? (
          <NoResults params={params} />
        ) : (
          <ol className="fr-raw-list">
            {results.map((r, i) => (
              <ResultItem key={`${r.type}:${r.id}:${i}`} ref={i === focusFrom ? firstNew : undefined} result={r} kindLabel={kindLabel} />
            ))}
          </ol>
        )}
        {moreError !== null && (
          <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-2w" role="alert">
            <p>{errorMessage(moreError)}</p>
          </div>
        )}
        {nextCursor && (
          <Button priority="secondary" onClick={() => void showMore()} disabled={loadingMore}>
            {loadingMore ? "Chargement…" : "Voir plus de résultats"}
          </Button>
        )}
      </div>
    </div>
  );
}

/** A result's kind in words: the server's facet label first (a library's own kinds), then the known ones. */
function kindLabeller(reply: SearchReply) {
  const labels = new Map(reply.facets.kind.map((f) => [f.value, f.label]));
  return (kind: string) =>
    labels.get(kind) ?? DOCUMENT_KIND_LABELS[kind as keyof typeof DOCUMENT_KIND_LABELS] ?? FILE_KIND_LABELS[kind as keyof typeof FILE_KIND_LABELS] ?? kind;
}

const FILTER_TITLES: Record<Filter, string> = {
  ...FACET_TITLES,
  from: "Depuis le",
  to: "Jusqu'au",
  scope: "Où",
};

function filterValueLabel(name: Filter, value: string, reply: SearchReply): string {
  const fromFacet = name in reply.facets ? reply.facets[name as FacetName].find((f) => f.value === value)?.label : undefined;
  if (fromFacet) return fromFacet;
  switch (name) {
    case "type":
      return SEARCH_TYPE_LABELS[value as keyof typeof SEARCH_TYPE_LABELS] ?? value;
    case "kind":
      return kindLabeller(reply)(value);
    case "status":
      return DOCUMENT_STATUS_LABELS[value as keyof typeof DOCUMENT_STATUS_LABELS] ?? value;
    case "theme":
      return themeName(value);
    case "space":
      return "le comité choisi";
    case "scope":
      return "la corbeille";
    default:
      return value.split("-").reverse().join("/");
  }
}

/** The filters in force, each one removable. */
function ActiveFilters({ params, reply }: { params: URLSearchParams; reply: SearchReply }) {
  const active = FILTERS.filter((name) => params.get(name));
  if (active.length === 0) return null;
  return (
    <div className="fr-mb-3w">
      <p className="fr-text--sm fr-mb-1w">Filtres choisis :</p>
      <ul className="fr-tags-group">
        {active.map((name) => (
          <li key={name}>
            <Link className="fr-tag fr-tag--sm fr-icon-close-line fr-tag--icon-left" to={withFilters(params, { [name]: "" })}>
              {FILTER_TITLES[name]} : {filterValueLabel(name, params.get(name)!, reply)}
              <span className="fr-sr-only"> (retirer ce filtre)</span>
            </Link>
          </li>
        ))}
        {active.length > 1 && (
          <li>
            <Link className="fr-tag fr-tag--sm" to={withoutFilters(params)}>
              Retirer tous les filtres
            </Link>
          </li>
        )}
      </ul>
    </div>
  );
}

/** Nothing found: why it may be, and where to go from here. */
function NoResults({ params }: { params: URLSearchParams }) {
  const filtered = hasFilters(params);
  const inTrash = params.get("scope") === "trash";
  return (
    <div className="fr-callout" data-testid="aucun-resultat">
      <h3 className="fr-callout__title">Aucun document, fichier ni commentaire ne correspond</h3>
      <p className="fr-callout__text">Quelques pistes :</p>
      <ul>
        <li>vérifiez l'orthographe des mots ;</li>
        <li>essayez moins de mots, ou des mots plus généraux (« hébergement » plutôt que « hébergement d'urgence ») ;</li>
        <li>retirez les guillemets ou les mots précédés d'un tiret ;</li>
        {filtered && (
          <li>
            <Link to={withoutFilters(params)}>cherchez les mêmes mots sans filtre</Link> ;
          </li>
        )}
        {!inTrash && (
          <li>
            <Link to={withFilters(params, { scope: "trash" })}>cherchez dans la corbeille</Link> si l'élément a été supprimé ;
          </li>
        )}
        <li>
          la recherche ne porte que sur ce que vous pouvez lire : <Link to="/espaces">vos espaces</Link> listent leurs documents, et
          l'<Link to="/annuaire">annuaire des comités</Link> permet de demander l'accès à un autre comité.
        </li>
      </ul>
    </div>
  );
}

/** The page without words yet: what can be searched, and how. */
function Advice() {
  return (
    <div className="fr-callout">
      <p className="fr-callout__text">
        Cherchez dans les documents des comités dont vous êtes membre, dans leurs documents ressources (y compris le contenu
        des fichiers PDF, Word, tableurs et présentations) et dans les commentaires. Depuis n'importe quelle page, la touche
        « / » place le curseur dans la recherche en haut de page.
      </p>
    </div>
  );
}

// The routes table loads this page on demand.
export default SearchPage;
