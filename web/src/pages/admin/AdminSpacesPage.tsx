import { SPACE_LEVEL_LABELS, SPACE_LEVELS, type AdminSpace, type SpaceLevel } from "@atelier/shared";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { createSpace, listAdminSpaces, setSpaceArchived, updateSpace } from "../../api/admin";
import { proConnectStatus } from "../../api/auth";
import { describedBy, FormError } from "../../components/FormError";
import { LoadError } from "../../components/LoadError";
import { Success } from "../../components/Success";
import { useAction } from "../../shell/useAction";
import { useLoad } from "../../shell/useLoad";

/** The level a space's parent must have. */
const PARENT_LEVEL: Record<SpaceLevel, SpaceLevel | null> = { national: null, territorial: "national", regional: "territorial" };

const parentsFor = (spaces: AdminSpace[], level: SpaceLevel) =>
  spaces.filter((s) => s.level === PARENT_LEVEL[level] && !s.archived);

export function AdminSpacesPage() {
  const spaces = useLoad(listAdminSpaces, []);
  const proConnect = useLoad(proConnectStatus, []);
  const proConnectOffered = proConnect.state === "ready" && proConnect.data.enabled;
  const action = useAction();
  return (
    <>
      <h1>Gestion des espaces</h1>
      <FormError id="espaces-erreur" message={action.error} />
      {spaces.state === "loading" && <p>Chargement…</p>}
      {spaces.state === "error" && <LoadError error={spaces.error} />}
      {spaces.state === "ready" && (
        <>
          <div className="fr-table">
            <table>
              <caption>{spaces.data.length} espaces</caption>
              <thead>
                <tr>
                  <th scope="col">Nom</th>
                  <th scope="col">Niveau</th>
                  <th scope="col">Rattaché à</th>
                  <th scope="col">Membres</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {spaces.data.map((s) => (
                  <SpaceRow key={s.id} space={s} all={spaces.data} action={action} onChange={spaces.reload} proConnectOffered={proConnectOffered} />
                ))}
              </tbody>
            </table>
          </div>
          <CreateSpaceForm spaces={spaces.data} onCreated={spaces.reload} />
        </>
      )}
    </>
  );
}

interface SpaceRowProps {
  space: AdminSpace;
  all: AdminSpace[];
  action: ReturnType<typeof useAction>;
  onChange(): void;
  proConnectOffered: boolean;
}

function SpaceRow({ space, all, action, onChange, proConnectOffered }: SpaceRowProps) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(space.name);
  const [parentId, setParentId] = useState(space.parentId ?? "");
  const [proconnectRequired, setProconnectRequired] = useState(space.proconnectRequired);
  const parent = all.find((s) => s.id === space.parentId);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const body = {
      ...(name.trim() !== space.name ? { name: name.trim() } : {}),
      ...(parentId !== (space.parentId ?? "") ? { parentId: parentId || null } : {}),
      ...(proconnectRequired !== space.proconnectRequired ? { proconnectRequired } : {}),
    };
    if (Object.keys(body).length === 0) return setEditing(false);
    if (await action.run(() => updateSpace(space.id, body), `L'espace « ${name.trim()} » est enregistré.`)) {
      setEditing(false);
      onChange();
    }
  };
  const archive = async () => {
    const verb = space.archived ? "désarchivé" : "archivé";
    if (await action.run(() => setSpaceArchived(space.id, !space.archived), `L'espace « ${space.name} » est ${verb}.`)) onChange();
  };
  const hidden = (text: string) => <span className="fr-sr-only">{text}</span>;
  return (
    <>
      <tr>
        <td>
          <Link to={`/espaces/${space.id}`}>{space.name}</Link>
          {space.archived && " (archivé)"}
          {space.proconnectRequired && (
            <Badge small severity="info" className="fr-ml-1w">
              ProConnect obligatoire
            </Badge>
          )}
        </td>
        <td>{SPACE_LEVEL_LABELS[space.level]}</td>
        <td>{parent?.name ?? "—"}</td>
        <td>{space.memberCount}</td>
        <td>
          <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
            <li>
              <Button size="small" priority="secondary" aria-expanded={editing} onClick={() => setEditing(!editing)}>
                Modifier{hidden(` ${space.name}`)}
              </Button>
            </li>
            <li>
              <Button size="small" priority="tertiary" disabled={action.pending} onClick={archive}>
                {space.archived ? "Désarchiver" : "Archiver"}
                {hidden(` ${space.name}`)}
              </Button>
            </li>
          </ul>
        </td>
      </tr>
      {editing && (
        <tr>
          <td colSpan={5}>
            <form onSubmit={save} className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
              <div className="fr-col-12 fr-col-md-5">
                <Input label="Nom" nativeInputProps={{ value: name, onChange: (e) => setName(e.target.value) }} />
              </div>
              {space.level !== "national" && (
                <div className="fr-col-12 fr-col-md-4">
                  <Select label="Rattaché à" nativeSelectProps={{ value: parentId, onChange: (e) => setParentId(e.target.value) }}>
                    {parent?.archived && <option value={parent.id}>{parent.name} (archivé)</option>}
                    {parentsFor(all, space.level).map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name}
                      </option>
                    ))}
                  </Select>
                </div>
              )}
              <div className="fr-col-12">
                <Checkbox
                  options={[
                    {
                      label: "Connexion par ProConnect obligatoire pour les membres",
                      hintText: proConnectOffered
                        ? "Les membres de ce comité (hors administrateurs) ne se connectent plus par mot de passe ; leurs sessions ouvertes par mot de passe prennent fin."
                        : "ProConnect n'est pas configuré sur cette plateforme : il ne peut pas être exigé.",
                      nativeInputProps: {
                        checked: proconnectRequired,
                        disabled: !proConnectOffered && !space.proconnectRequired,
                        onChange: (e) => setProconnectRequired(e.target.checked),
                      },
                    },
                  ]}
                />
              </div>
              <div className="fr-col-12 fr-col-md-3 fr-mb-3w">
                <Button type="submit" size="small" disabled={action.pending}>
                  Enregistrer
                </Button>
              </div>
            </form>
          </td>
        </tr>
      )}
    </>
  );
}

function CreateSpaceForm({ spaces, onCreated }: { spaces: AdminSpace[]; onCreated(): void }) {
  const { run, pending, error } = useAction();
  const [name, setName] = useState("");
  const [level, setLevel] = useState<SpaceLevel>("regional");
  const [parentId, setParentId] = useState("");
  const [description, setDescription] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const parents = parentsFor(spaces, level);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    const message = `L'espace « ${name.trim()} » est créé.`;
    const reply = await run(
      () => createSpace({ name, level, parentId: level === "national" ? null : parentId || parents[0]?.id || null, description }),
      message,
    );
    if (reply) {
      setDone(message);
      setName("");
      setDescription("");
      onCreated();
    }
  };

  return (
    <section className="fr-mt-6w" aria-labelledby="creer-espace-titre">
      <h2 id="creer-espace-titre">Créer un espace</h2>
      <Success message={done} />
      <form onSubmit={submit} noValidate className="fr-col-12 fr-col-md-8">
        <FormError id="creation-espace-erreur" message={error} />
        <Input label="Nom" nativeInputProps={{ value: name, onChange: (e) => setName(e.target.value), ...describedBy("creation-espace-erreur", error) }} />
        <Select label="Niveau" nativeSelectProps={{ value: level, onChange: (e) => setLevel(e.target.value as SpaceLevel) }}>
          {SPACE_LEVELS.map((l) => (
            <option key={l} value={l}>
              {SPACE_LEVEL_LABELS[l]}
            </option>
          ))}
        </Select>
        {level !== "national" && (
          <Select label="Rattaché à" nativeSelectProps={{ value: parentId || parents[0]?.id || "", onChange: (e) => setParentId(e.target.value) }}>
            {parents.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </Select>
        )}
        <Input textArea label="Description (facultative)" nativeTextAreaProps={{ rows: 3, value: description, onChange: (e) => setDescription(e.target.value) }} />
        <Button type="submit" disabled={pending}>
          Créer l'espace
        </Button>
      </form>
    </section>
  );
}
