/**
 * Erasing a person's data at their request (RGPD), from their account page: what happens is said in plain
 * words, and the administrator types the person's address to confirm, since it cannot be undone.
 */
import type { AdminUser } from "@atelier/shared";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useState, type FormEvent } from "react";
import { eraseUser } from "../../api/admin";
import { describedBy, FormError } from "../../components/FormError";
import { useAction } from "../../shell/useAction";

export function EraseAccount({ user, name, onErased }: { user: AdminUser; name: string; onErased(): void }) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const { run, pending, error, setError } = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (typed.trim().toLowerCase() !== user.email) {
      setError(`Saisissez exactement l'adresse ${user.email} pour confirmer l'effacement.`);
      return;
    }
    if (await run(() => eraseUser(user.id), `Les données personnelles de ${name} sont effacées.`)) onErased();
  };
  if (!open) {
    return (
      <Button className="fr-mt-4w" priority="secondary" iconId="fr-icon-delete-bin-line" onClick={() => setOpen(true)}>
        Effacer les données personnelles
      </Button>
    );
  }
  return (
    <section className="fr-mt-4w fr-p-3w fr-background-alt--grey" aria-labelledby="effacer-titre">
      <h3 id="effacer-titre">Effacer les données personnelles de {name}</h3>
      <p>À la demande de la personne, et sans retour possible :</p>
      <ul>
        <li>son nom, son organisme et son adresse électronique sont effacés, ainsi que ses sessions, ses préférences, ses notifications et ses accès aux espaces ;</li>
        <li>ses contributions (textes, commentaires, fichiers, versions) restent dans les documents des comités, sous le nom « Ancien membre » ;</li>
        <li>le journal d'audit garde la trace de l'effacement, sans permettre de la reconnaître.</li>
      </ul>
      <FormError id="effacer-erreur" message={error} />
      <form onSubmit={submit} noValidate className="fr-col-12 fr-col-md-8">
        <Input
          label={`Pour confirmer, saisissez l'adresse électronique de la personne (${user.email})`}
          nativeInputProps={{ value: typed, autoComplete: "off", onChange: (e) => setTyped(e.target.value), ...describedBy("effacer-erreur", error) }}
        />
        <ul className="fr-btns-group fr-btns-group--inline">
          <li>
            <Button type="submit" disabled={pending}>
              Effacer définitivement
            </Button>
          </li>
          <li>
            <Button type="button" priority="tertiary" onClick={() => setOpen(false)}>
              Annuler
            </Button>
          </li>
        </ul>
      </form>
    </section>
  );
}
