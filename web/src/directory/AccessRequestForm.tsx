/** "Demander l'accès": a message for the committee's pilotes, then the server's confirmation. */
import { MESSAGE_MAX } from "@atelier/shared";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useState, type FormEvent } from "react";
import { requestAccess } from "../api/spaces";
import { describedBy, FormError } from "../components/FormError";
import { Success } from "../components/Success";
import { useAction } from "../shell/useAction";

export function AccessRequestForm({ spaceId, spaceName }: { spaceId: string; spaceName: string }) {
  const { run, pending, error } = useAction();
  const [message, setMessage] = useState("");
  const [sent, setSent] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const reply = await run(() => requestAccess(spaceId, message.trim()), (r) => r.message);
    if (reply) setSent(reply.message);
  };

  if (sent) return <Success message={sent} />;
  return (
    <form onSubmit={submit} noValidate className="fr-col-12 fr-col-md-8" aria-labelledby="demande-titre">
      <h2 className="fr-h4" id="demande-titre">
        Demander l'accès au {spaceName}
      </h2>
      <FormError id="demande-erreur" message={error} />
      <Input
        textArea
        label="Votre message (facultatif)"
        hintText="Présentez-vous et dites pourquoi vous avez besoin de cet espace. Les pilotes verront aussi votre nom et votre adresse électronique."
        nativeTextAreaProps={{
          value: message,
          maxLength: MESSAGE_MAX,
          rows: 4,
          onChange: (e) => setMessage(e.target.value),
          ...describedBy("demande-erreur", error),
        }}
      />
      <Button type="submit" disabled={pending}>
        Demander l'accès
      </Button>
    </form>
  );
}
