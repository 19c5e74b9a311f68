import { SPACE_ROLE_LABELS } from "@atelier/shared";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { cancelInvitation, listInvitations } from "../../api/spaces";
import { FormError } from "../../components/FormError";
import { formatDate } from "../../shell/time";
import { useAction } from "../../shell/useAction";
import { useLoad } from "../../shell/useLoad";


export function PendingInvitations({ spaceId, round }: { spaceId: string; round: number }) {
  const invitations = useLoad(() => listInvitations(spaceId), [spaceId, round]);
  const action = useAction();
  if (invitations.state !== "ready" || invitations.data.length === 0) {
    return invitations.state === "error" ? <FormError id="invitations-chargement" message="Les invitations en attente n'ont pas pu être chargées." /> : null;
  }
  return (
    <section className="fr-mb-6w" aria-labelledby="invitations-titre">
      <h2 id="invitations-titre">Invitations en attente</h2>
      <FormError id="invitations-erreur" message={action.error} />
      <ul>
        {invitations.data.map((inv) => (
          <li key={inv.id} className="fr-mb-2w">
            {inv.email} — {SPACE_ROLE_LABELS[inv.role]}, valable jusqu'au {formatDate(inv.expiresAt)}{" "}
            <Button
              priority="tertiary"
              size="small"
              disabled={action.pending}
              onClick={async () => {
                const done = await action.run(() => cancelInvitation(spaceId, inv.id).then(() => true), `L'invitation de ${inv.email} est annulée.`);
                if (done) invitations.reload();
              }}
            >
              Annuler l'invitation de {inv.email}
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}
