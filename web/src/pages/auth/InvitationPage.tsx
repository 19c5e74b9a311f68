import { SPACE_ROLE_LABELS, type InvitationPreview } from "@atelier/shared";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useState, type FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { acceptInvitation, previewInvitation } from "../../api/auth";
import { ApiError } from "../../api/client";
import { FormError } from "../../components/FormError";
import { LoadError } from "../../components/LoadError";
import { newPasswordProblem, NewPasswordFields } from "../../components/NewPassword";
import { usePageTitle } from "../../shell/pageTitle";
import { useSession } from "../../shell/session";
import { useAction } from "../../shell/useAction";
import { ProConnectSignIn } from "./ProConnectSignIn";
import { useLoad } from "../../shell/useLoad";

const INCOMPLETE = "Ce lien d'invitation n'est pas complet : copiez le lien entier reçu par courriel.";

export function InvitationPage() {
  const [params] = useSearchParams();
  const token = params.get("jeton") ?? "";
  const invitation = useLoad(
    () => (token ? previewInvitation(token) : Promise.reject(new ApiError(400, "no_token", INCOMPLETE))),
    [token],
  );

  if (invitation.state === "loading") return <p>Chargement de l'invitation…</p>;
  if (invitation.state === "error") return <LoadError title="Invitation" error={invitation.error} />;
  return invitation.data.proconnectRequired ? <JoinWithProConnect invitation={invitation.data} /> : <AcceptForm token={token} invitation={invitation.data} />;
}

function InvitationCallout({ invitation }: { invitation: InvitationPreview }) {
  return (
    <div className="fr-callout fr-mb-4w">
      {invitation.space && invitation.role ? (
        <p className="fr-callout__text">
          {invitation.invitedBy ? `${invitation.invitedBy} vous invite` : "Vous êtes invité(e)"} à rejoindre{" "}
          <strong>{invitation.space.name}</strong> en tant que <strong>{SPACE_ROLE_LABELS[invitation.role]}</strong>.
        </p>
      ) : (
        <p className="fr-callout__text">Vous êtes invité(e) à rejoindre Atelier.</p>
      )}
      {invitation.message && <p className="fr-mt-2w">« {invitation.message} »</p>}
    </div>
  );
}

/** The committee requires ProConnect: the invitee joins by signing in with it (the callback grants the invitation). */
function JoinWithProConnect({ invitation }: { invitation: InvitationPreview }) {
  usePageTitle(invitation.space ? `Invitation — ${invitation.space.name}` : undefined);
  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>Rejoindre Atelier</h1>
        <InvitationCallout invitation={invitation} />
        <p>
          Ce comité demande à ses membres de se connecter avec ProConnect, l'identité des agents publics et des professionnels.
          Identifiez-vous avec l'adresse <strong>{invitation.email}</strong> : l'invitation sera acceptée à votre première connexion.
        </p>
        <ProConnectSignIn />
      </div>
    </div>
  );
}

function AcceptForm({ token, invitation }: { token: string; invitation: InvitationPreview }) {
  const navigate = useNavigate();
  const { setUser } = useSession();
  const { run, pending, error, setError } = useAction();
  const [firstName, setFirstName] = useState(invitation.firstName);
  const [lastName, setLastName] = useState(invitation.lastName);
  const [password, setPassword] = useState({ password: "", confirm: "" });
  usePageTitle(invitation.space ? `Invitation — ${invitation.space.name}` : undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!firstName.trim() || !lastName.trim()) return setError("Indiquez votre prénom et votre nom.");
    const problem = newPasswordProblem(password);
    if (problem) return setError(problem);
    const reply = await run(
      () => acceptInvitation(token, { firstName: firstName.trim(), lastName: lastName.trim(), password: password.password }),
      "Bienvenue dans Atelier : votre compte est prêt.",
    );
    if (reply) {
      setUser(reply.user);
      navigate(reply.spaceId ? `/espaces/${reply.spaceId}` : "/espaces", { replace: true });
    }
  };

  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>Rejoindre Atelier</h1>
        <InvitationCallout invitation={invitation} />
        <p>
          Votre compte : <strong>{invitation.email}</strong>. Complétez votre nom et choisissez votre mot de passe.
        </p>
        <form onSubmit={submit} noValidate>
          <FormError id="invitation-erreur" message={error} />
          <Input
            label="Prénom"
            nativeInputProps={{ autoComplete: "given-name", value: firstName, onChange: (e) => setFirstName(e.target.value) }}
          />
          <Input
            label="Nom"
            nativeInputProps={{ autoComplete: "family-name", value: lastName, onChange: (e) => setLastName(e.target.value) }}
          />
          <NewPasswordFields value={password} onChange={setPassword} errorId="invitation-erreur" error={error} />
          <Button type="submit" disabled={pending}>
            Créer mon compte et rejoindre l'espace
          </Button>
        </form>
        <p className="fr-mt-3w">
          Vous avez déjà un compte ? <Link to="/connexion">Connectez-vous</Link>.
        </p>
      </div>
    </div>
  );
}
