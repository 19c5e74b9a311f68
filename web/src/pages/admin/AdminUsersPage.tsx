import { PLATFORM_ROLE_LABELS, SPACE_ROLE_LABELS, type AdminUser, type PlatformRole, type SpaceRole } from "@atelier/shared";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { useState, type FormEvent } from "react";
import { createUser, listAdminSpaces, listUsers, setUserActive } from "../../api/admin";
import { describedBy, FormError } from "../../components/FormError";
import { LoadError } from "../../components/LoadError";
import { RoleSelect } from "../../components/RoleSelect";
import { Success } from "../../components/Success";
import { displayName } from "../../shell/session";
import { useAction } from "../../shell/useAction";
import { useLoad } from "../../shell/useLoad";

export function AdminUsersPage() {
  const [search, setSearch] = useState("");
  const [query, setQuery] = useState("");
  const users = useLoad(() => listUsers({ q: query || undefined, limit: 200 }), [query]);
  const action = useAction();

  return (
    <>
      <h1>Utilisateurs</h1>
      <form
        role="search"
        className="fr-search-bar fr-mb-4w"
        onSubmit={(e) => {
          e.preventDefault();
          setQuery(search.trim());
        }}
      >
        <label className="fr-label" htmlFor="recherche-utilisateurs">
          Rechercher par nom, adresse ou organisme
        </label>
        <input
          id="recherche-utilisateurs"
          className="fr-input"
          type="search"
          placeholder="Nom, adresse ou organisme"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <button type="submit" className="fr-btn">
          Rechercher
        </button>
      </form>
      <FormError id="utilisateurs-erreur" message={action.error} />
      {users.state === "loading" && <p>Chargement…</p>}
      {users.state === "error" && <LoadError error={users.error} />}
      {users.state === "ready" && (
        <div className="fr-table">
          <table>
            <caption>
              {users.data.total} utilisateur{users.data.total > 1 ? "s" : ""}
              {query && ` pour « ${query} »`}
            </caption>
            <thead>
              <tr>
                <th scope="col">Nom</th>
                <th scope="col">Adresse électronique</th>
                <th scope="col">Rôle de plateforme</th>
                <th scope="col">Espaces</th>
                <th scope="col">État</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {users.data.users.map((u) => (
                <UserRow key={u.id} user={u} action={action} onChange={users.reload} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <CreateUserForm onCreated={users.reload} />
    </>
  );
}

function UserRow({ user, action, onChange }: { user: AdminUser; action: ReturnType<typeof useAction>; onChange(): void }) {
  const name = displayName(user);
  const toggle = async () => {
    if (user.active && !window.confirm(`Désactiver le compte de ${name} ? Ses sessions prendront fin immédiatement.`)) return;
    const done = await action.run(
      () => setUserActive(user.id, !user.active),
      `Le compte de ${name} est ${user.active ? "désactivé" : "réactivé"}.`,
    );
    if (done) onChange();
  };
  return (
    <tr>
      <td>
        {name}
        {user.organisation && <span className="fr-text--xs fr-text-mention--grey fr-mb-0">{` — ${user.organisation}`}</span>}
      </td>
      <td>{user.email}</td>
      <td>{user.platformRole ? PLATFORM_ROLE_LABELS[user.platformRole] : "—"}</td>
      <td>{user.memberships.map((m) => `${m.spaceName} (${SPACE_ROLE_LABELS[m.role]})`).join(", ") || "—"}</td>
      <td>{!user.active ? "Désactivé" : user.hasPassword ? "Actif" : "Invitation en attente"}</td>
      <td>
        <Button size="small" priority="secondary" disabled={action.pending} onClick={toggle}>
          {user.active ? `Désactiver ${name}` : `Réactiver ${name}`}
        </Button>
      </td>
    </tr>
  );
}

const EMPTY = { email: "", firstName: "", lastName: "", organisation: "" };

function CreateUserForm({ onCreated }: { onCreated(): void }) {
  const spaces = useLoad(listAdminSpaces, []);
  const { run, pending, error } = useAction();
  const [fields, setFields] = useState(EMPTY);
  const [platformRole, setPlatformRole] = useState<PlatformRole | "">("");
  const [spaceId, setSpaceId] = useState("");
  const [role, setRole] = useState<SpaceRole>("membre");
  const [done, setDone] = useState<string | null>(null);
  const field = (name: keyof typeof EMPTY) => ({
    value: fields[name],
    onChange: (e: { target: { value: string } }) => setFields({ ...fields, [name]: e.target.value }),
    ...describedBy("creation-erreur", error),
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    const message = `Compte créé pour ${fields.email.trim()} : une invitation à choisir son mot de passe lui a été envoyée.`;
    const reply = await run(
      () =>
        createUser({
          ...fields,
          platformRole: platformRole || null,
          membership: spaceId ? { spaceId, role } : undefined,
        }),
      message,
    );
    if (reply) {
      setDone(message);
      setFields(EMPTY);
      onCreated();
    }
  };

  return (
    <section className="fr-mt-6w" aria-labelledby="creer-titre">
      <h2 id="creer-titre">Créer un compte</h2>
      <Success message={done} />
      <form onSubmit={submit} noValidate className="fr-col-12 fr-col-md-8">
        <FormError id="creation-erreur" message={error} />
        <Input label="Adresse électronique" nativeInputProps={{ type: "email", ...field("email") }} />
        <Input label="Prénom" nativeInputProps={field("firstName")} />
        <Input label="Nom" nativeInputProps={field("lastName")} />
        <Input label="Organisme (facultatif)" nativeInputProps={field("organisation")} />
        <Select
          label="Rôle de plateforme"
          nativeSelectProps={{ value: platformRole, onChange: (e) => setPlatformRole(e.target.value as PlatformRole | "") }}
        >
          <option value="">Aucun</option>
          <option value="national">{PLATFORM_ROLE_LABELS.national}</option>
          <option value="admin">{PLATFORM_ROLE_LABELS.admin}</option>
        </Select>
        <Select label="Premier espace (facultatif)" nativeSelectProps={{ value: spaceId, onChange: (e) => setSpaceId(e.target.value) }}>
          <option value="">Aucun</option>
          {spaces.state === "ready" &&
            spaces.data
              .filter((s) => !s.archived)
              .map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
        </Select>
        {spaceId && <RoleSelect label="Rôle dans cet espace" value={role} onChange={setRole} />}
        <Button type="submit" disabled={pending}>
          Créer le compte
        </Button>
      </form>
    </section>
  );
}
