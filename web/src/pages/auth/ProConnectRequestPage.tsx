/**
 * "Demander l'accès" for an agent who signed in with ProConnect and whom no account knows: their name
 * and organisation come from ProConnect, they may correct them, and the administrators are asked.
 * No account exists until one of them creates it.
 */
import type { ProConnectRequestDraft } from "@atelier/shared";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { PROCONNECT_LOGIN, proConnectDraft, sendProConnectRequest } from "../../api/auth";
import { describedBy, FormError } from "../../components/FormError";
import { LoadError } from "../../components/LoadError";
import { Success } from "../../components/Success";
import { useAction } from "../../shell/useAction";
import { useLoad } from "../../shell/useLoad";

const TITLE = "Demander l'accès à Atelier";

export function ProConnectRequestPage() {
  const loaded = useLoad(proConnectDraft, []);
  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        {loaded.state === "loading" && <h1>{TITLE}</h1>}
        {loaded.state === "error" && (
          <>
            <LoadError title={TITLE} error={loaded.error} />
            <p className="fr-mt-3w">
              <a className="fr-btn" href={PROCONNECT_LOGIN}>
                S'identifier de nouveau avec ProConnect
              </a>
            </p>
          </>
        )}
        {loaded.state === "ready" && <RequestForm draft={loaded.data} />}
      </div>
    </div>
  );
}

const SENT = "Votre demande a été transmise aux administrateurs d'Atelier. Vous recevrez un courriel lorsqu'elle aura été traitée.";

function RequestForm({ draft }: { draft: ProConnectRequestDraft }) {
  const { run, pending, error } = useAction();
  const [fields, setFields] = useState({ firstName: draft.firstName, lastName: draft.lastName, organisation: draft.organisation, message: "" });
  const [sent, setSent] = useState<string | null>(draft.submitted ? SENT : null);
  const field = (name: keyof typeof fields) => ({
    name,
    value: fields[name],
    onChange: (e: { target: { value: string } }) => setFields((f) => ({ ...f, [name]: e.target.value })),
    ...describedBy("demande-erreur", error),
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const reply = await run(() => sendProConnectRequest(fields), (r) => r.message);
    if (reply) setSent(reply.message);
  };

  return (
    <>
      <h1>{TITLE}</h1>
      {sent ? (
        <>
          <Success message={sent} />
          <p>
            <Link to="/connexion" className="fr-link">
              Retour à la page de connexion
            </Link>
          </p>
        </>
      ) : (
        <form onSubmit={submit} noValidate>
          <p>
            Vous vous êtes identifié(e) avec ProConnect sous l'adresse <strong>{draft.email}</strong>, mais aucun compte Atelier ne
            lui correspond encore. Vérifiez les informations transmises par ProConnect et envoyez votre demande : les
            administrateurs d'Atelier créeront votre compte, puis vous vous connecterez avec ProConnect.
          </p>
          <FormError id="demande-erreur" message={error} />
          <Input label="Prénom" nativeInputProps={{ ...field("firstName"), autoComplete: "given-name" }} />
          <Input label="Nom" nativeInputProps={{ ...field("lastName"), autoComplete: "family-name" }} />
          <Input label="Organisme" hintText={draft.siret ? `SIRET transmis par ProConnect : ${draft.siret}` : undefined} nativeInputProps={{ ...field("organisation"), autoComplete: "organization" }} />
          <Input textArea label="Votre message (facultatif)" hintText="Dites dans quel comité vous travaillez et pourquoi vous avez besoin d'Atelier." nativeTextAreaProps={{ ...field("message"), rows: 4 }} />
          <Button type="submit" disabled={pending}>
            Envoyer ma demande
          </Button>
        </form>
      )}
    </>
  );
}
