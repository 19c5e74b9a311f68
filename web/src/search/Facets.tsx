/**
 * The filters beside the results: one list per facet with its counts, a period, the trash. Each filter is a
 * link to the same search with it set (or removed when chosen again): the address holds the whole view.
 */
import type { SearchReply } from "@atelier/shared";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useId, type FormEvent } from "react";
import { Link, useNavigate } from "react-router";
import { withFilters } from "./params";

export type FacetName = keyof SearchReply["facets"];

export const FACET_TITLES: Record<FacetName, string> = {
  type: "Type de résultat",
  space: "Comité",
  kind: "Type de document",
  status: "Statut",
  theme: "Thème",
};

const FACET_ORDER: FacetName[] = ["type", "space", "kind", "status", "theme"];

/** With `atLeast`, the counts are lower bounds: the words match more items than the search counts. */
export function Facets({ facets, atLeast, params }: { facets: SearchReply["facets"]; atLeast: boolean; params: URLSearchParams }) {
  const titleId = useId();
  return (
    <section aria-labelledby={titleId}>
      <h2 id={titleId} className="fr-h5">
        Affiner la recherche
      </h2>
      {FACET_ORDER.map((name) => (
        <FacetList key={name} name={name} values={facets[name]} atLeast={atLeast} params={params} />
      ))}
      <Period params={params} />
      <Trash params={params} />
    </section>
  );
}

function FacetList({
  name,
  values,
  atLeast,
  params,
}: {
  name: FacetName;
  values: SearchReply["facets"][FacetName];
  atLeast: boolean;
  params: URLSearchParams;
}) {
  const titleId = useId();
  const selected = params.get(name) ?? "";
  // Nothing to choose: the group is left out rather than shown empty (unless it holds the filter in force).
  if (values.length === 0 && !selected) return null;
  return (
    <div className="fr-mb-3w" role="group" aria-labelledby={titleId}>
      <h3 id={titleId} className="fr-text--md fr-text--bold fr-mb-1w">
        {FACET_TITLES[name]}
      </h3>
      <ul className="atelier-facet__list" data-testid={`facette-${name}`}>
        {values.map((v) => {
          const on = v.value === selected;
          return (
            <li key={v.value}>
              <Link
                className="fr-link fr-link--sm atelier-facet__link"
                to={withFilters(params, { [name]: on ? "" : v.value })}
                aria-current={on ? "true" : undefined}
              >
                {on && <span className="fr-icon-check-line fr-icon--sm" aria-hidden="true" />}
                {v.label} ({atLeast ? `au moins ${v.count.toLocaleString("fr-FR")}` : v.count})
                {on && <span className="fr-sr-only"> : filtre choisi, le choisir à nouveau le retire</span>}
              </Link>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function Period({ params }: { params: URLSearchParams }) {
  const navigate = useNavigate();
  const titleId = useId();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    navigate(withFilters(params, { from: String(form.get("from") ?? ""), to: String(form.get("to") ?? "") }));
  };
  return (
    // Filled again from the address when it changes (back, forward, a filter removed).
    <form key={`${params.get("from")}:${params.get("to")}`} onSubmit={submit} className="fr-mb-3w" aria-labelledby={titleId}>
      <h3 id={titleId} className="fr-text--md fr-text--bold fr-mb-1w">
        Période de modification
      </h3>
      <Input label="Depuis le" nativeInputProps={{ type: "date", name: "from", defaultValue: params.get("from") ?? "" }} />
      <Input label="Jusqu'au" nativeInputProps={{ type: "date", name: "to", defaultValue: params.get("to") ?? "" }} />
      <Button type="submit" priority="secondary" size="small">
        Appliquer la période
      </Button>
    </form>
  );
}

function Trash({ params }: { params: URLSearchParams }) {
  const inTrash = params.get("scope") === "trash";
  return (
    <div className="fr-mb-3w">
      <h3 className="fr-text--md fr-text--bold fr-mb-1w">Corbeille</h3>
      <p className="fr-text--sm fr-mb-1w">
        {inTrash ? "Vous cherchez parmi les éléments mis à la corbeille." : "Les éléments mis à la corbeille ne sont pas cherchés."}
      </p>
      <Link className="fr-link fr-link--sm fr-icon-delete-bin-line fr-link--icon-left" to={withFilters(params, { scope: inTrash ? "" : "trash" })}>
        {inTrash ? "Chercher hors de la corbeille" : "Chercher dans la corbeille"}
      </Link>
    </div>
  );
}
