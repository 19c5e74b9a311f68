/** Creating or changing a public event: what a visitor will read, typed as the event's clock shows it. */
import { EVENT_KIND_LABELS, EVENT_KINDS, TIME_ZONES, type AgendaEvent, type EventBody, type EventKind, type TimeZone } from "@atelier/shared";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { useState, type FormEvent } from "react";
import { describedBy, FormError } from "../components/FormError";
import { useAction } from "../shell/useAction";
import { FormActions } from "../components/FormActions";

type Fields = Required<Omit<EventBody, "themes" | "capacity">> & { capacity: string };

const EMPTY: Fields = {
  kind: "evenement-regional",
  title: "",
  summary: "",
  programme: "",
  startsAt: "",
  endsAt: "",
  timeZone: "Europe/Paris",
  place: "",
  address: "",
  published: false,
  registrationOpen: false,
  capacity: "",
};

const fieldsOf = (e: AgendaEvent): Fields => ({
  kind: e.kind,
  title: e.title,
  summary: e.summary,
  programme: e.programme,
  startsAt: e.startsLocal,
  endsAt: e.endsLocal,
  timeZone: e.timeZone as TimeZone,
  place: e.place,
  address: e.address,
  published: e.published,
  registrationOpen: e.registrationOpen,
  capacity: e.capacity === null ? "" : String(e.capacity),
});

export function EventForm({
  event,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  event?: AgendaEvent;
  submitLabel: string;
  onSubmit(body: EventBody): Promise<unknown>;
  onCancel?(): void;
}) {
  const { run, pending, error } = useAction();
  const [fields, setFields] = useState<Fields>(event ? fieldsOf(event) : EMPTY);
  const errorId = `evenement-erreur-${event?.id ?? "nouveau"}`;
  const text = (name: "title" | "summary" | "programme" | "startsAt" | "endsAt" | "place" | "address") => ({
    value: fields[name],
    onChange: (e: { target: { value: string } }) => setFields({ ...fields, [name]: e.target.value }),
    ...describedBy(errorId, error),
  });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const capacity = fields.capacity.trim() === "" ? null : Number(fields.capacity);
    const done = await run(() => onSubmit({ ...fields, capacity, themes: event?.themes ?? [] }), `Événement « ${fields.title.trim()} » enregistré.`);
    if (done && !event) setFields(EMPTY);
  };

  return (
    <form onSubmit={submit} noValidate className="fr-col-12 fr-col-md-10">
      <FormError id={errorId} message={error} />
      <Select label="Type d'événement" nativeSelectProps={{ value: fields.kind, onChange: (e) => setFields({ ...fields, kind: e.target.value as EventKind }) }}>
        {EVENT_KINDS.map((k) => (
          <option key={k} value={k}>
            {EVENT_KIND_LABELS[k]}
          </option>
        ))}
      </Select>
      <Input label="Titre" nativeInputProps={text("title")} />
      <Input label="Résumé (facultatif)" hintText="Une ou deux phrases, reprises dans les listes et les partages." nativeInputProps={text("summary")} />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <Input label="Début" nativeInputProps={{ type: "datetime-local", ...text("startsAt") }} />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Input label="Fin" nativeInputProps={{ type: "datetime-local", ...text("endsAt") }} />
        </div>
      </div>
      <Select label="Fuseau horaire de l'événement" nativeSelectProps={{ value: fields.timeZone, onChange: (e) => setFields({ ...fields, timeZone: e.target.value as TimeZone }) }}>
        {Object.entries(TIME_ZONES).map(([zone, label]) => (
          <option key={zone} value={zone}>
            {label}
          </option>
        ))}
      </Select>
      <Input label="Lieu" hintText="Par exemple : Palais du Pharo" nativeInputProps={text("place")} />
      <Input label="Adresse" nativeInputProps={text("address")} />
      <Input textArea label="Programme (facultatif)" nativeTextAreaProps={{ rows: 5, ...text("programme") }} />
      <Checkbox
        options={[
          {
            label: "Publier sur le site public",
            hintText: "Visible de tous, sans compte, avec son calendrier (.ics).",
            nativeInputProps: { checked: fields.published, onChange: (e) => setFields({ ...fields, published: e.target.checked }) },
          },
        ]}
      />
      <Checkbox
        options={[
          {
            label: "Ouvrir les inscriptions",
            hintText: "Les visiteurs s'inscrivent sur la page de l'événement ; leur adresse est confirmée par courriel.",
            nativeInputProps: { checked: fields.registrationOpen, onChange: (e) => setFields({ ...fields, registrationOpen: e.target.checked }) },
          },
        ]}
      />
      {fields.registrationOpen && (
        <Input
          label="Nombre de places (facultatif)"
          hintText="Au-delà, les inscrits rejoignent une liste d'attente. Laissez vide pour ne pas limiter."
          nativeInputProps={{ type: "number", min: 1, inputMode: "numeric", value: fields.capacity, onChange: (e) => setFields({ ...fields, capacity: e.target.value }), ...describedBy(errorId, error) }}
        />
      )}
      <FormActions submit={submitLabel} disabled={pending} onCancel={onCancel} cancel="Fermer sans enregistrer" />
    </form>
  );
}
