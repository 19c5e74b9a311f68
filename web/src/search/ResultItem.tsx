import { SEARCH_TYPE_LABELS, type SearchResult } from "@atelier/shared";
import { forwardRef } from "react";
import { Link } from "react-router";
import { formatDate } from "../shell/time";
import { StatusBadge } from "../workflow/StatusBadge";
import { snippetParts } from "./snippet";

const isAppUrl = (url: string) => url.startsWith("/") && !url.startsWith("/api/");

/** One result: its title opening it at the place that matched, where it lives, and the words around the match. */
export const ResultItem = forwardRef<HTMLAnchorElement, { result: SearchResult; kindLabel: (kind: string) => string }>(
  function ResultItem({ result, kindLabel }, ref) {
    const title = result.title || "Sans titre";
    return (
      <li className="fr-mb-4w" data-testid="resultat">
        <h3 className="fr-h6 fr-mb-1v">
          {isAppUrl(result.url) ? (
            <Link ref={ref} to={result.url}>
              {title}
            </Link>
          ) : (
            // A file opens in the browser (a PDF at its page): not a page of the app.
            <a ref={ref} href={result.url}>
              {title}
            </a>
          )}
        </h3>
        <p className="fr-text--sm fr-mb-1v">
          <span className="fr-badge fr-badge--sm fr-badge--no-icon fr-badge--blue-ecume">{SEARCH_TYPE_LABELS[result.type]}</span>{" "}
          {result.inTrash && <span className="fr-badge fr-badge--sm fr-badge--no-icon fr-badge--warning">Dans la corbeille</span>}{" "}
          {result.spaceName}
          {result.kind && <> · {kindLabel(result.kind)}</>}
          {result.status && (
            <>
              {" "}
              · <StatusBadge status={result.status} />
            </>
          )}{" "}
          · modifié le {formatDate(result.updatedAt)}
        </p>
        {result.heading && <p className="fr-text--xs fr-mb-1v fr-text-mention--grey">Dans la partie « {result.heading} »</p>}
        {result.snippet && (
          <p className="atelier-snippet fr-mb-0">
            {snippetParts(result.snippet).map((part, i) => (part.matched ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
          </p>
        )}
      </li>
    );
  },
);
