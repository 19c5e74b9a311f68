import { SPACE_LEVEL_LABELS, STANDING_LABELS, themeName } from "@atelier/shared";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { SpaceEvents } from "../../agenda/SpaceEvents";
import { ProposalQueue } from "../../practices/ProposalQueue";
import { SpaceQuestionnaires } from "../../questionnaires/SpaceQuestionnaires";
import { ApiError } from "../../api/client";
import { getSpace } from "../../api/spaces";
import { LoadError } from "../../components/LoadError";
import { usePageTitle } from "../../shell/pageTitle";
import { useLoad } from "../../shell/useLoad";
import { AccessDenied } from "./AccessDenied";
import { AccessRequests } from "./AccessRequests";
import { DocumentTrash } from "./DocumentTrash";
import { InviteForm } from "./InviteForm";
import { Members } from "./Members";
import { PendingInvitations } from "./PendingInvitations";
import { RelatedSpaces } from "./RelatedSpaces";
import { SpaceActivity } from "./SpaceActivity";
import { SpaceDocuments } from "./SpaceDocuments";

export function SpacePage() {
  const { spaceId = "" } = useParams();
  const space = useLoad(() => getSpace(spaceId), [spaceId]);
  // Members and invitations reload together after any change a manager makes.
  const [round, setRound] = useState(0);
  const changed = () => setRound((r) => r + 1);
  // The documents, their trash and the activity reload together after a change to a document.
  const [docRound, setDocRound] = useState(0);
  const documentsChanged = () => setDocRound((r) => r + 1);
  usePageTitle(space.state === "ready" ? space.data.name : space.state === "error" ? errorTitle(space.error) : undefined);

  if (space.state === "loading") return <p>Chargement de l'espace…</p>;
  if (space.state === "error") {
    if (space.error instanceof ApiError && space.error.status === 403) return <AccessDenied spaceId={spaceId} />;
    if (space.error instanceof ApiError && space.error.status === 404) {
      return (
        <>
          <h1>Espace introuvable</h1>
          <p>Aucun espace ne correspond à ce lien : il est peut-être incomplet. Vérifiez-le auprès de la personne qui vous l'a envoyé.</p>
          <Link to="/espaces" className="fr-btn">
            Mes espaces
          </Link>
        </>
      );
    }
    return <LoadError title="Espace" error={space.error} />;
  }

  const s = space.data;
  const manages = s.can.includes("space.manageMembers");
  return (
    <>
      {s.parent?.readable && (
        <p className="fr-mb-1w">
          <Link to={`/espaces/${s.parent.id}`} className="fr-link fr-icon-arrow-up-line fr-link--icon-left">
            {s.parent.name}
          </Link>
        </p>
      )}
      <h1 className="fr-mb-1w">{s.name}</h1>
      <p>
        <Badge as="span" noIcon>{SPACE_LEVEL_LABELS[s.level]}</Badge>{" "}
        <Badge as="span" severity="info" noIcon>
          Votre rôle : {STANDING_LABELS[s.role]}
        </Badge>{" "}
        {s.archived && (
          <Badge as="span" severity="warning" noIcon>
            Archivé
          </Badge>
        )}
      </p>
      {s.description && <p className="fr-text--lead">{s.description}</p>}
      {s.themes.length > 0 && (
        <section className="fr-mb-4w">
          <h2 className="fr-h5">Thèmes</h2>
          <ul className="fr-tags-group">
            {s.themes.map((slug) => (
              <li key={slug}>
                <p className="fr-tag">{themeName(slug)}</p>
              </li>
            ))}
          </ul>
        </section>
      )}
      <SpaceDocuments
        spaceId={s.id}
        spaceThemes={s.themes}
        canCreate={s.can.includes("document.create")}
        canEdit={s.can.includes("document.edit") && s.can.includes("document.trash")}
        round={docRound}
        onChange={documentsChanged}
      />
      {s.can.includes("document.restore") && <DocumentTrash spaceId={s.id} round={docRound} onChange={documentsChanged} />}
      <p>
        <Link to={`/espaces/${s.id}/documents-ressources`} className="fr-link fr-icon-folder-2-line fr-link--icon-left">
          Documents ressources
        </Link>
      </p>
      {s.can.includes("event.manage") && <SpaceEvents spaceId={s.id} />}
      {/* The public proposes practices to a territory: its territorial COPIL moderates them. */}
      {s.level === "territorial" && s.can.includes("practice.moderate") && <ProposalQueue spaceId={s.id} />}
      {s.can.includes("questionnaire.manage") && <SpaceQuestionnaires spaceId={s.id} />}
      <SpaceActivity spaceId={s.id} round={docRound} />
      <RelatedSpaces parent={s.parent} children={s.children} />
      <Members spaceId={s.id} manages={manages} round={round} onChange={changed} />
      {manages && (
        <>
          <InviteForm spaceId={s.id} onInvited={changed} />
          <PendingInvitations spaceId={s.id} round={round} />
          <AccessRequests spaceId={s.id} onChange={changed} />
        </>
      )}
    </>
  );
}

const errorTitle = (error: unknown) =>
  error instanceof ApiError && error.status === 403
    ? "Accès refusé"
    : error instanceof ApiError && error.status === 404
      ? "Espace introuvable"
      : "Espace";
