import { MESSAGE_MAX, SPACE_ROLE_LABELS, type SpaceRole } from "@atelier/shared";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useState, type FormEvent } from "react";
import { invite } from "../../api/spaces";
import { describedBy, FormError } from "../../components/FormError";
import { RoleSelect } from "../../components/RoleSelect";
import { Success } from "../../components/Success";
import { useAction } from "../../shell/useAction";

const EMPTY = { email: "", firstName: "", lastName: "", organisation: "", message: "" };

export function InviteForm({ spaceId, onInvited }: { spaceId: string; onInvited(): void }) {
  const { run, pending, error, setError } = useAction();
  const [fields, setFields] = useState(EMPTY);
  const [role, setRole] = useState<SpaceRole>("membre");
  const [done, setDone] = useState<string | null>(null);
  const field = (name: keyof typeof EMPTY) => ({
    value: fields[name],
    onChange: (e: { target: { value: string } }) => setFields({ ...fields, [name]: e.target.value }),
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    if (!fields.email.trim()) return setError("Indiquez l'adresse électronique de la personne à inviter.");
    const reply = await run(
      () =>
        invite(spaceId, {
          email: fields.email.trim(),
          role,
          firstName: fields.firstName.trim() || undefined,
          lastName: fields.lastName.trim() || undefined,
          organisation: fields.organisation.trim() || undefined,
          message: fields.message.trim() || undefined,
        }),
      (r) => invitedMessage(r.email, r.role),
    );
    if (reply) {
      setDone(invitedMessage(reply.email, reply.role));
      setFields(EMPTY);
      onInvited();
    }
  };

  return (
    <section className="fr-mb-6w" aria-labelledby="inviter-titre">
      <h2 id="inviter-titre">Inviter une personne</h2>
      <Success message={done} />
      <form onSubmit={submit} noValidate className="fr-col-12 fr-col-md-8">
        <FormError id="invitation-erreur" message={error} />
        <Input
          label="Adresse électronique"
          hintText="Format attendu : nom@domaine.fr"
          nativeInputProps={{ type: "email", autoComplete: "off", ...field("email"), ...describedBy("invitation-erreur", error) }}
        />
        <RoleSelect label="Rôle dans l'espace" value={role} onChange={setRole} />
        <div className="fr-grid-row fr-grid-row--gutters">
          <div className="fr-col-12 fr-col-md-6">
            <Input label="Prénom (facultatif)" nativeInputProps={field("firstName")} />
          </div>
          <div className="fr-col-12 fr-col-md-6">
            <Input label="Nom (facultatif)" nativeInputProps={field("lastName")} />
          </div>
        </div>
        <Input label="Organisme (facultatif)" nativeInputProps={field("organisation")} />
        <Input
          textArea
          label="Message joint au courriel (facultatif)"
          nativeTextAreaProps={{ rows: 3, maxLength: MESSAGE_MAX, ...field("message") }}
        />
        <Button type="submit" disabled={pending}>
          Envoyer l'invitation
        </Button>
      </form>
    </section>
  );
}

const invitedMessage = (email: string, role: SpaceRole) =>
  `${email} est invité(e) comme ${SPACE_ROLE_LABELS[role]} : un courriel lui a été envoyé.`;
