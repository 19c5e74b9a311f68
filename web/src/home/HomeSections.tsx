/**
 * The parts of "Mes espaces" that make it a start page: what waits for me (documents to review,
 * mentions and replies, access requests to decide) and my committees' latest documents.
 */
import { DOCUMENT_KIND_LABELS, type HomeDocument, type HomeReply } from "@atelier/shared";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { listAllAccessRequests } from "../api/spaces";
import { formatDateTime } from "../shell/time";
import { useLoad } from "../shell/useLoad";
import { StatusBadge } from "../workflow/StatusBadge";
import { getUnread } from "./api";

/** Calls for an answer of mine: someone mentioned me or replied in a thread I am in. */
const ANSWER_KINDS = new Set(["mention", "reply"]);

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

function DocumentLine({ doc, children }: { doc: HomeDocument; children?: ReactNode }) {
  return (
    <li className="fr-mb-1w">
      <Link to={`/documents/${doc.id}`} className="fr-link">
        {doc.title}
      </Link>{" "}
      <span className="fr-text--sm fr-text-mention--grey">
        {DOCUMENT_KIND_LABELS[doc.kind]}
        {children}
        {" · modifié le "}
        {formatDateTime(doc.changedAt, "medium")}
      </span>{" "}
      {doc.status && <StatusBadge status={doc.status} />}
    </li>
  );
}

export function Waiting({ toReview }: { toReview: HomeReply["toReview"] }) {
  // Secondary: when these cannot be read, the rest of the page still shows (the bell says why).
  const unread = useLoad(getUnread, []);
  const requests = useLoad(listAllAccessRequests, []);
  const answers = unread.state === "ready" ? unread.data.notifications.filter((n) => ANSWER_KINDS.has(n.kind)) : [];
  const pending = requests.state === "ready" ? requests.data.length : 0;
  const nothing = toReview.length === 0 && answers.length === 0 && pending === 0;
  return (
    <section aria-labelledby="attente-titre" className="fr-mb-6w" data-testid="ce-qui-m-attend">
      <h2 id="attente-titre">Ce qui vous attend</h2>
      {nothing && <p>Rien ne vous attend pour l'instant.</p>}
      {pending > 0 && (
        <p>
          <Link to="/demandes-acces" className="fr-link">
            {plural(pending, "demande d'accès à traiter", "demandes d'accès à traiter")}
          </Link>
        </p>
      )}
      {toReview.length > 0 && (
        <>
          <h3 className="fr-h6 fr-mb-1w">Documents à relire ({toReview.length})</h3>
          <ul>
            {toReview.map((doc) => (
              <DocumentLine key={doc.id} doc={doc}>
                {" · "}
                {doc.space.name}
              </DocumentLine>
            ))}
          </ul>
        </>
      )}
      {answers.length > 0 && (
        <>
          <h3 className="fr-h6 fr-mb-1w">Mentions et réponses non lues ({answers.length})</h3>
          <ul>
            {answers.map((n) => (
              <li key={n.id} className="fr-mb-1w">
                <Link to={n.link} className="fr-link">
                  {n.summary}
                </Link>{" "}
                <span className="fr-text--sm fr-text-mention--grey">{formatDateTime(n.createdAt, "medium")}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export function LatestDocuments({ committees }: { committees: HomeReply["committees"] }) {
  const active = committees.filter((c) => c.documents.length > 0);
  return (
    <section aria-labelledby="derniers-titre" className="fr-mb-6w" data-testid="derniers-documents">
      <h2 id="derniers-titre">Derniers documents de mes comités</h2>
      {active.length === 0 ? (
        <p>Aucun document dans vos comités pour l'instant.</p>
      ) : (
        active.map(({ space, documents, total }) => (
          <div key={space.id} className="fr-mb-3w">
            <h3 className="fr-h6 fr-mb-1w">
              <Link to={`/espaces/${space.id}`}>{space.name}</Link>
            </h3>
            <ul>
              {documents.map((doc) => (
                <DocumentLine key={doc.id} doc={doc} />
              ))}
            </ul>
            {total > documents.length && (
              <p className="fr-text--sm">
                <Link to={`/espaces/${space.id}`} className="fr-link">
                  Voir les {total} documents<span className="fr-sr-only"> du {space.name}</span>
                </Link>
              </p>
            )}
          </div>
        ))
      )}
    </section>
  );
}
