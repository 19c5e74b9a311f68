import { PLATFORM_ROLE_LABELS, SIGN_IN_LABELS, SPACE_ROLE_LABELS, type AdminUser, type PlatformRole, type SpaceRole } from "@atelier/shared";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { createUser, listAdminSpaces, listUsers, removeMembership, setMembership, setUserActive, updateUser } from "../../api/admin";
import { describedBy, FormError } from "../../components/FormError";
import { LoadError } from "../../components/LoadError";
import { RoleSelect } from "../../components/RoleSelect";
import { Success } from "../../components/Success";
import { EraseAccount } from "./EraseAccount";
import { displayName, useSession } from "../../shell/session";
import { formatDate } from "../../shell/time";
import { useAction } from "../../shell/useAction";
import { useLoad } from "../../shell/useLoad";

export function AdminUsersPage() {
  const [search, setSearch] = useState("");
  const [query, setQuery] = useState("");
  const users = useLoad(() => listUsers({ q: query || undefined, limit: 200 }), [query]);
  const action = useAction();
  const [editing, setEditing] = useState<string | null>(null);
  const edited = users.state === "ready" ? users.data.users.find((u) => u.id === editing) : undefined;

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
                <th scope="col">Connexion</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {users.data.users.map((u) => (
                <UserRow key={u.id} user={u} action={action} onChange={users.reload} onEdit={() => setEditing(u.id)} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {edited && <EditUser key={edited.id} user={edited} onChange={users.reload} onClose={() => setEditing(null)} />}
      <CreateUserForm onCreated={users.reload} />
    </>
  );
}

function UserRow({
  user,
  action,
  onChange,
  onEdit,
}: {
  user: AdminUser;
  action: ReturnType<typeof useAction>;
  onChange(): void;
  onEdit(): void;
}) {
  const name = displayName(user);
  const me = useSession().user;
  // The server refuses both (409); the button is not offered.
  const mayDeactivate = !user.active || (user.id !== me?.id && !user.lastAdmin && !user.memberships.some((m) => m.lastPilote));
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
      <td>
        {user.erasedAt
          ? `Compte effacé le ${formatDate(user.erasedAt)}`
          : !user.active
            ? "Désactivé"
            : user.signIn !== "none"
              ? "Actif"
              : "Invitation en attente"}
      </td>
      <td>{SIGN_IN_LABELS[user.signIn]}</td>
      <td>
        {/* An erased account is not changed again (the server answers 409). */}
        {!user.erasedAt && (
        <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
          <li>
            <Button size="small" priority="secondary" onClick={onEdit}>
              {`Modifier ${name}`}
            </Button>
          </li>
          {mayDeactivate && (
            <li>
              <Button size="small" priority="tertiary" disabled={action.pending} onClick={toggle}>
                {user.active ? `Désactiver ${name}` : `Réactiver ${name}`}
              </Button>
            </li>
          )}
        </ul>
        )}
      </td>
    </tr>
  );
}

/** "Aucun", national team or admin; `locked` says why it cannot change. */
function PlatformRoleSelect({ value, onChange, locked }: { value: PlatformRole | ""; onChange(v: PlatformRole | ""): void; locked?: string }) {
  return (
    <Select
      label="Rôle de plateforme"
      hint={locked}
      disabled={locked !== undefined}
      nativeSelectProps={{ value, onChange: (e) => onChange(e.target.value as PlatformRole | "") }}
    >
      <option value="">Aucun</option>
      <option value="national">{PLATFORM_ROLE_LABELS.national}</option>
      <option value="admin">{PLATFORM_ROLE_LABELS.admin}</option>
    </Select>
  );
}

/** A person's name, organisation, platform role and memberships, as an admin changes them. */
function EditUser({ user, onChange, onClose }: { user: AdminUser; onChange(): void; onClose(): void }) {
  const name = displayName(user);
  const me = useSession().user;
  const spaces = useLoad(listAdminSpaces, []);
  const { run, pending, error } = useAction();
  const [fields, setFields] = useState({ firstName: user.firstName, lastName: user.lastName, organisation: user.organisation });
  const [platformRole, setPlatformRole] = useState<PlatformRole | "">(user.platformRole ?? "");
  const [spaceId, setSpaceId] = useState("");
  const [role, setRole] = useState<SpaceRole>("membre");
  const [done, setDone] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  // Removing one's own admin role, or the last admin's, is refused by the server: not offered.
  const roleLocked = user.platformRole === "admin" && (user.id === me?.id || user.lastAdmin);
  const field = (key: keyof typeof fields) => ({
    value: fields[key],
    onChange: (e: { target: { value: string } }) => setFields({ ...fields, [key]: e.target.value }),
    ...describedBy("modification-erreur", error),
  });
  const act = async (action: () => Promise<unknown>, message: string) => {
    setDone(null);
    if (await run(action, message)) {
      setDone(message);
      onChange();
    }
  };
  const save = (e: FormEvent) => {
    e.preventDefault();
    void act(
      () => updateUser(user.id, { ...fields, ...(roleLocked ? {} : { platformRole: platformRole || null }) }),
      `Le compte de ${fields.firstName} ${fields.lastName} est enregistré.`.replace(/\s+/g, " "),
    );
  };
  const add = (e: FormEvent) => {
    e.preventDefault();
    const space = spaces.state === "ready" ? spaces.data.find((s) => s.id === spaceId) : undefined;
    if (space) void act(() => setMembership(user.id, space.id, role), `${name} est ${SPACE_ROLE_LABELS[role].toLowerCase()} de « ${space.name} ».`);
  };
  // The server refuses these (409): the button is not offered, and the reason is said.
  const erasable = user.id !== me?.id && !user.lastAdmin && !user.memberships.some((m) => m.lastPilote);
  const joinable = spaces.state === "ready" ? spaces.data.filter((s) => !s.archived && !user.memberships.some((m) => m.spaceId === s.id)) : [];

  if (user.erasedAt) {
    return (
      <section className="fr-mt-6w" aria-labelledby="modifier-titre">
        <h2 id="modifier-titre" tabIndex={-1} ref={heading}>
          Compte effacé
        </h2>
        <Success message={`Les données personnelles de ce compte ont été effacées le ${formatDate(user.erasedAt)}. Ses contributions restent, sous le nom « Ancien membre ».`} />
        <Button type="button" priority="tertiary" onClick={onClose}>
          Fermer
        </Button>
      </section>
    );
  }
  return (
    <section className="fr-mt-6w" aria-labelledby="modifier-titre">
      <h2 id="modifier-titre" tabIndex={-1} ref={heading}>
        Modifier le compte de {name}
      </h2>
      <p className="fr-text--sm">{user.email}</p>
      <Success message={done} />
      <FormError id="modification-erreur" message={error} />
      <form onSubmit={save} noValidate className="fr-col-12 fr-col-md-8">
        <Input label="Prénom" nativeInputProps={field("firstName")} />
        <Input label="Nom" nativeInputProps={field("lastName")} />
        <Input label="Organisme" nativeInputProps={field("organisation")} />
        <PlatformRoleSelect
          value={platformRole}
          onChange={setPlatformRole}
          locked={roleLocked ? "Un administrateur ne retire pas son propre rôle, ni celui du dernier administrateur." : undefined}
        />
        <Button type="submit" disabled={pending}>
          Enregistrer le compte
        </Button>
      </form>

      <h3 className="fr-mt-4w">Espaces</h3>
      {user.memberships.length === 0 ? (
        <p>{name} n'est membre d'aucun espace.</p>
      ) : (
        <div className="fr-table">
          <table>
            <caption className="fr-sr-only">Espaces de {name}</caption>
            <thead>
              <tr>
                <th scope="col">Espace</th>
                <th scope="col">Rôle</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {user.memberships.map((m) => (
                <tr key={m.spaceId}>
                  <td>{m.spaceName}</td>
                  <td>
                    {m.lastPilote ? (
                      <>
                        {SPACE_ROLE_LABELS[m.role]}
                        <span className="fr-hint-text">Dernier pilote : nommez-en un autre avant de changer son rôle.</span>
                      </>
                    ) : (
                      <RoleSelect
                        hideLabel
                        label={`Rôle dans « ${m.spaceName} »`}
                        value={m.role}
                        onChange={(r) => void act(() => setMembership(user.id, m.spaceId, r), `${name} est ${SPACE_ROLE_LABELS[r].toLowerCase()} de « ${m.spaceName} ».`)}
                      />
                    )}
                  </td>
                  <td>
                    {!m.lastPilote && (
                      <Button size="small" priority="secondary" disabled={pending}
                        onClick={() => void act(() => removeMembership(user.id, m.spaceId), `${name} ne fait plus partie de « ${m.spaceName} ».`)}>
                        {`Retirer de « ${m.spaceName} »`}
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form onSubmit={add} noValidate className="fr-col-12 fr-col-md-8">
        <Select label="Ajouter à un espace" nativeSelectProps={{ value: spaceId, onChange: (e) => setSpaceId(e.target.value) }}>
          <option value="">Choisir un espace</option>
          {joinable.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </Select>
        <RoleSelect label="Rôle dans cet espace" value={role} onChange={setRole} />
        <ul className="fr-btns-group fr-btns-group--inline">
          <li>
            <Button type="submit" disabled={pending || !spaceId}>
              Ajouter à l'espace
            </Button>
          </li>
          <li>
            <Button type="button" priority="tertiary" onClick={onClose}>
              Fermer
            </Button>
          </li>
        </ul>
      </form>
      {erasable ? (
        <EraseAccount user={user} name={name} onErased={onChange} />
      ) : (
        <p className="fr-hint-text fr-mt-4w">
          Les données de ce compte ne peuvent pas être effacées : {user.id === me?.id ? "c'est votre propre compte" : user.lastAdmin ? "c'est le dernier administrateur actif" : "cette personne est la seule à piloter un espace ; nommez d'abord un autre pilote"}.
        </p>
      )}
    </section>
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
        <PlatformRoleSelect value={platformRole} onChange={setPlatformRole} />
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
