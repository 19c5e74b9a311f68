/** The space's "Événements" section: its public events for its pilotes and the national team to prepare. */
import { formatDateTime, type AgendaEvent } from "@atelier/shared";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { useState } from "react";
import { LoadError } from "../components/LoadError";
import { Success } from "../components/Success";
import { useAction } from "../shell/useAction";
import { useLoad } from "../shell/useLoad";
import { cancelEvent, createEvent, listSpaceEvents, updateEvent } from "./api";
import { EventDocuments } from "./EventDocuments";
import { EventForm } from "./EventForm";
import { RegistrantsMail } from "./RegistrantsMail";

function Status({ e }: { e: AgendaEvent }) {
  if (e.cancelled) return <Badge as="span" severity="error" noIcon>Annulé</Badge>;
  return e.published ? <Badge as="span" severity="success" noIcon>Publié</Badge> : <Badge as="span" noIcon>Brouillon</Badge>;
}

function EventItem({ e, onChange }: { e: AgendaEvent; onChange(): void }) {
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  // One panel open at a time under the event: its documents, or the mail to its registrants.
  const [panel, setPanel] = useState<"documents" | "mail" | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const cancel = useAction();
  const toggle = (p: "documents" | "mail") => setPanel(panel === p ? null : p);
  if (editing) {
    return (
      <li className="fr-mb-4w">
        <h4 className="fr-h6">Modifier « {e.title} »</h4>
        <EventForm
          event={e}
          submitLabel="Enregistrer les modifications"
          onSubmit={async (body) => {
            await updateEvent(e.id, body);
            setEditing(false);
            onChange();
          }}
          onCancel={() => setEditing(false)}
        />
      </li>
    );
  }
  return (
    <li className="fr-mb-3w">
      <h4 className="fr-h6 fr-mb-1v">{e.title}</h4>
      <p className="fr-mb-1v">
        <Status e={e} /> {formatDateTime(e.startsAt, e.timeZone)} — {e.place}
      </p>
      {e.registrationOpen && (
        <p className="fr-mb-1v">
          {e.registrants} inscrit{e.registrants > 1 ? "s" : ""} confirmé{e.registrants > 1 ? "s" : ""}
          {e.capacity !== null && ` pour ${e.capacity} place${e.capacity > 1 ? "s" : ""}`}
        </p>
      )}
      {cancel.error && <p className="fr-error-text">{cancel.error}</p>}
      <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm">
        {e.published && (
          <li>
            {/* The public page is the server's: a full page load, not a route of the app. */}
            <a className="fr-btn fr-btn--tertiary" href={e.url}>
              Voir la page publique<span className="fr-sr-only"> de « {e.title} »</span>
            </a>
          </li>
        )}
        {e.registrationOpen && (
          <li>
            <a className="fr-btn fr-btn--tertiary" href={`/api/events/${encodeURIComponent(e.id)}/registrations.csv`} download>
              Exporter les inscrits (CSV)<span className="fr-sr-only"> de « {e.title} »</span>
            </a>
          </li>
        )}
        <li>
          <Button priority="tertiary" aria-expanded={panel === "documents"} onClick={() => toggle("documents")}>
            Documents<span className="fr-sr-only"> de « {e.title} »</span>
          </Button>
        </li>
        {e.registrants > 0 && (
          <li>
            <Button priority="tertiary" aria-expanded={panel === "mail"} onClick={() => toggle("mail")}>
              Écrire aux inscrits<span className="fr-sr-only"> de « {e.title} »</span>
            </Button>
          </li>
        )}
        {!e.cancelled && (
          <li>
            <Button priority="secondary" onClick={() => setEditing(true)}>
              Modifier<span className="fr-sr-only"> « {e.title} »</span>
            </Button>
          </li>
        )}
        {!e.cancelled && !confirming && (
          <li>
            <Button priority="tertiary" onClick={() => setConfirming(true)}>
              Annuler l'événement<span className="fr-sr-only"> « {e.title} »</span>
            </Button>
          </li>
        )}
        {confirming && (
          <li>
            <Button
              disabled={cancel.pending}
              onClick={async () => {
                if (await cancel.run(() => cancelEvent(e.id), `Événement « ${e.title} » annulé.`)) onChange();
                setConfirming(false);
              }}
            >
              Confirmer l'annulation<span className="fr-sr-only"> de « {e.title} »</span>
            </Button>
          </li>
        )}
      </ul>
      <Success message={sent} />
      {panel === "documents" && <EventDocuments e={e} onClose={() => setPanel(null)} />}
      {panel === "mail" && (
        <RegistrantsMail
          e={e}
          onDone={(message) => {
            setSent(message || null);
            setPanel(null);
          }}
        />
      )}
    </li>
  );
}

export function SpaceEvents({ spaceId }: { spaceId: string }) {
  const events = useLoad(() => listSpaceEvents(spaceId), [spaceId]);
  const [created, setCreated] = useState<string | null>(null);
  return (
    <section className="fr-mb-6w" aria-labelledby="evenements-titre">
      <h2 id="evenements-titre">Événements</h2>
      <p>Les événements publiés paraissent sur le site public, avec leur calendrier à ajouter à son agenda.</p>
      {events.state === "loading" && <p>Chargement des événements…</p>}
      {events.state === "error" && <LoadError error={events.error} />}
      {events.state === "ready" &&
        (events.data.length === 0 ? (
          <p>Aucun événement pour le moment.</p>
        ) : (
          <ul className="fr-raw-list" data-testid="evenements">
            {events.data.map((e) => (
              <EventItem key={e.id} e={e} onChange={events.reload} />
            ))}
          </ul>
        ))}
      <h3 className="fr-h5">Nouvel événement</h3>
      <Success message={created} />
      <EventForm
        submitLabel="Créer l'événement"
        onSubmit={async (body) => {
          const e = await createEvent(spaceId, body);
          setCreated(`Événement « ${e.title} » créé${e.published ? " et publié" : " (brouillon)"}.`);
          events.reload();
        }}
      />
    </section>
  );
}
