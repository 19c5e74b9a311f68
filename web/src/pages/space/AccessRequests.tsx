import type { AccessRequest, SpaceRole } from "@atelier/shared";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { useState } from "react";
import { declineAccess, grantAccess, listAccessRequests } from "../../api/spaces";
import { FormError } from "../../components/FormError";
import { RoleSelect } from "../../components/RoleSelect";
import { displayName } from "../../shell/session";
import { useAction } from "../../shell/useAction";
import { useLoad } from "../../shell/useLoad";

/** "Demander l'accès" as the space's managers see it: grant with a role, or decline. */
export function AccessRequests({ spaceId, onChange }: { spaceId: string; onChange(): void }) {
  const requests = useLoad(() => listAccessRequests(spaceId), [spaceId]);
  if (requests.state !== "ready" || requests.data.length === 0) return null;
  const done = () => {
    requests.reload();
    onChange();
  };
  return (
    <section className="fr-mb-6w" aria-labelledby="demandes-titre">
      <h2 id="demandes-titre">Demandes d'accès</h2>
      <RequestCards requests={requests.data} onDone={done} heading="h3" />
    </section>
  );
}

/** The requests, each to grant or decline; `withSpace` names the space of each (lists across spaces). */
export function RequestCards({
  requests,
  onDone,
  heading,
  withSpace = false,
}: {
  requests: AccessRequest[];
  onDone(): void;
  heading: "h2" | "h3";
  withSpace?: boolean;
}) {
  const action = useAction();
  return (
    <>
      <FormError id="demandes-erreur" message={action.error} />
      {requests.map((r) => (
        <RequestCard key={r.id} request={r} action={action} onDone={onDone} heading={heading} withSpace={withSpace} />
      ))}
    </>
  );
}

function RequestCard({
  request,
  action,
  onDone,
  heading: Heading,
  withSpace,
}: {
  request: AccessRequest;
  action: ReturnType<typeof useAction>;
  onDone(): void;
  heading: "h2" | "h3";
  withSpace: boolean;
}) {
  const [role, setRole] = useState<SpaceRole>("lecteur");
  const name = displayName(request.requester);
  return (
    <article className="atelier-box fr-p-3w fr-mb-3w" id={`demande-${request.id}`} data-testid="demande-acces">
      <Heading className="fr-h6 fr-mb-1w">{withSpace ? `${name} — ${request.space.name}` : name}</Heading>
      <p className="fr-text--sm">
        {request.requester.email}
        {request.requester.organisation && ` — ${request.requester.organisation}`}
      </p>
      {request.message && <blockquote className="fr-mb-2w">« {request.message} »</blockquote>}
      <RoleSelect label={`Rôle à accorder à ${name}`} value={role} onChange={setRole} />
      <ul className="fr-btns-group fr-btns-group--inline-sm">
        <li>
          <Button
            disabled={action.pending}
            onClick={async () => (await action.run(() => grantAccess(request.id, role), `Accès accordé à ${name}.`)) && onDone()}
          >
            Accorder l'accès
          </Button>
        </li>
        <li>
          <Button
            priority="secondary"
            disabled={action.pending}
            onClick={async () =>
              (await action.run(() => declineAccess(request.id, "").then(() => true), `Demande de ${name} déclinée.`)) && onDone()
            }
          >
            Décliner
          </Button>
        </li>
      </ul>
    </article>
  );
}
