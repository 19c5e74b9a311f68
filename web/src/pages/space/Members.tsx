import { SPACE_ROLE_LABELS, type Member, type SpaceRole } from "@atelier/shared";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { useState } from "react";
import { changeMemberRole, listMembers, removeMember } from "../../api/spaces";
import { FormError } from "../../components/FormError";
import { RoleSelect } from "../../components/RoleSelect";
import { displayName } from "../../shell/session";
import { useAction } from "../../shell/useAction";
import { useLoad } from "../../shell/useLoad";

interface Props {
  spaceId: string;
  manages: boolean;
  round: number;
  onChange(): void;
}

export function Members({ spaceId, manages, round, onChange }: Props) {
  const members = useLoad(() => listMembers(spaceId), [spaceId, round]);
  const action = useAction();

  return (
    <section className="fr-mb-6w" aria-labelledby="membres-titre">
      <h2 id="membres-titre">Membres</h2>
      <FormError id="membres-erreur" message={action.error} />
      {members.state === "loading" && <p>Chargement des membres…</p>}
      {members.state === "error" && <FormError id="membres-chargement" message="La liste des membres n'a pas pu être chargée." />}
      {members.state === "ready" &&
        (members.data.length === 0 ? (
          <p>Cet espace n'a pas encore de membre.</p>
        ) : (
          <div className="fr-table fr-table--no-caption">
            <table data-testid="membres">
              <caption>Membres de l'espace</caption>
              <thead>
                <tr>
                  <th scope="col">Nom</th>
                  <th scope="col">Organisme</th>
                  <th scope="col">Adresse électronique</th>
                  <th scope="col">Rôle</th>
                  {manages && <th scope="col">Actions</th>}
                </tr>
              </thead>
              <tbody>
                {members.data.map((m) => (
                  <MemberRow key={m.userId} member={m} spaceId={spaceId} manages={manages} action={action} onChange={onChange} />
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </section>
  );
}

function MemberRow({
  member,
  spaceId,
  manages,
  action,
  onChange,
}: {
  member: Member;
  spaceId: string;
  manages: boolean;
  action: ReturnType<typeof useAction>;
  onChange(): void;
}) {
  const [role, setRole] = useState<SpaceRole>(member.role);
  const name = displayName(member);
  const save = async () => {
    const done = await action.run(() => changeMemberRole(spaceId, member.userId, role), `${name} est maintenant ${SPACE_ROLE_LABELS[role]}.`);
    if (done) onChange();
  };
  const remove = async () => {
    if (!window.confirm(`Retirer ${name} de cet espace ?`)) return;
    const done = await action.run(() => removeMember(spaceId, member.userId).then(() => true), `${name} a été retiré(e) de l'espace.`);
    if (done) onChange();
  };
  return (
    <tr>
      <td>{name}</td>
      <td>{member.organisation}</td>
      <td>{member.email}</td>
      <td>{manages ? <RoleSelect label={`Rôle de ${name}`} hideLabel value={role} onChange={setRole} /> : SPACE_ROLE_LABELS[member.role]}</td>
      {manages && (
        <td>
          <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm">
            <li>
              <Button priority="secondary" size="small" disabled={action.pending || role === member.role} onClick={save}>
                Enregistrer<span className="fr-sr-only"> le rôle de {name}</span>
              </Button>
            </li>
            <li>
              <Button priority="tertiary" size="small" disabled={action.pending} onClick={remove}>
                Retirer<span className="fr-sr-only"> {name} de l'espace</span>
              </Button>
            </li>
          </ul>
        </td>
      )}
    </tr>
  );
}
