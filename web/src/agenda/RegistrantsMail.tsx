/** The organiser writes to the event's confirmed registrants: a subject and a message, one mail each. */
import type { AgendaEvent } from "@atelier/shared";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useState, type FormEvent } from "react";
import { FormActions } from "../components/FormActions";
import { describedBy, FormError } from "../components/FormError";
import { useAction } from "../shell/useAction";
import { mailRegistrants } from "./api";

export function RegistrantsMail({ e, onDone }: { e: AgendaEvent; onDone(message: string): void }) {
  const { run, pending, error } = useAction();
  const [subject, setSubject] = useState("");
  const [message, setMessage] = useState("");
  const errorId = `courriel-inscrits-erreur-${e.id}`;
  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    const sent = await run(() => mailRegistrants(e.id, { subject, message }), (n) => `Courriel envoyé à ${n} inscrit${n > 1 ? "s" : ""}.`);
    if (sent !== undefined) onDone(`Courriel « ${subject.trim()} » envoyé à ${sent} inscrit${sent > 1 ? "s" : ""}.`);
  };
  return (
    <form onSubmit={submit} noValidate className="fr-col-12 fr-col-md-10 fr-my-2w" aria-label={`Écrire aux inscrits de « ${e.title} »`}>
      <p className="fr-hint-text">
        Chaque inscrit confirmé (y compris sur liste d'attente) reçoit ce message avec le lien pour annuler son inscription. L'envoi est
        enregistré dans le journal d'audit.
      </p>
      <FormError id={errorId} message={error} />
      <Input label="Objet" nativeInputProps={{ value: subject, onChange: (x) => setSubject(x.target.value), ...describedBy(errorId, error) }} />
      <Input textArea label="Message" nativeTextAreaProps={{ rows: 6, value: message, onChange: (x) => setMessage(x.target.value), ...describedBy(errorId, error) }} />
      <FormActions submit="Envoyer aux inscrits" disabled={pending} onCancel={() => onDone("")} cancel="Fermer sans envoyer" />
    </form>
  );
}
