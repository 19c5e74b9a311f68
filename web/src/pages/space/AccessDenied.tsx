/**
 * The answer to the link of a space the person cannot read. It names nothing of the space (the
 * server told us nothing either) and lets them ask its pilotes for access.
 */
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { MESSAGE_MAX } from "@atelier/shared";
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { requestAccess } from "../../api/spaces";
import { describedBy, FormError } from "../../components/FormError";
import { Success } from "../../components/Success";
import { useAction } from "../../shell/useAction";

export function AccessDenied({ spaceId }: { spaceId: string }) {
  const { run, pending, error } = useAction();
  const [message, setMessage] = useState("");
  const [sent, setSent] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const reply = await run(() => requestAccess(spaceId, message.trim()), (r) => r.message);
    if (reply) setSent(reply.message);
  };

  return (
    <>
      <h1>Accès refusé</h1>
      <p>Vous n'avez pas accès à cet espace. Si vous devez y travailler, demandez l'accès à ses pilotes.</p>
      {sent ? (
        <Success message={sent} />
      ) : (
        <form onSubmit={submit} noValidate className="fr-col-12 fr-col-md-8">
          <h2 className="fr-h4">Demander l'accès</h2>
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
      )}
      <p className="fr-mt-4w">
        <Link to="/" className="fr-link fr-icon-arrow-left-line fr-link--icon-left">
          Retour à mes espaces
        </Link>
      </p>
    </>
  );
}
