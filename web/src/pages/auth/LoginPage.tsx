import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useEffect, useState, type FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { login, proConnectStatus } from "../../api/auth";
import { describedBy, FormError } from "../../components/FormError";
import { Success } from "../../components/Success";
import { useSession } from "../../shell/session";
import { useAction } from "../../shell/useAction";
import { proConnectFailure } from "./proConnectFailures";
import { ProConnectSignIn } from "./ProConnectSignIn";

/** Only paths of this app are followed after login (never another site). */
export const safeReturn = (value: string | null) => (value && value.startsWith("/") && !value.startsWith("//") ? value : "/espaces");

export function LoginPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { setUser } = useSession();
  const { run, pending, error, setError } = useAction();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [proConnect, setProConnect] = useState(false);
  useEffect(() => {
    let live = true;
    // Without an answer the button stays hidden: the password form is always there.
    proConnectStatus().then((s) => live && setProConnect(s.enabled), () => undefined);
    return () => {
      live = false;
    };
  }, []);
  const proConnectError = proConnectFailure(params.get("proconnect"));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!email.trim() || !password) {
      setError("Saisissez votre adresse électronique et votre mot de passe.");
      return;
    }
    const user = await run(() => login({ email: email.trim(), password }));
    if (user) {
      setUser(user);
      navigate(safeReturn(params.get("retour")), { replace: true });
    }
  };

  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>Connexion à Atelier</h1>
        {params.get("retour") && <p>Connectez-vous pour accéder à cette page.</p>}
        <Success message={params.get("deverrouillage") === "ok" ? "Votre compte est débloqué : vous pouvez vous connecter." : null} />
        {params.get("deverrouillage") === "invalide" && (
          <FormError id="deverrouillage-erreur" message="Ce lien de déblocage n'est plus valide : il a déjà servi, ou le blocage a pris fin. Essayez de vous connecter." />
        )}
        {proConnectError && <FormError id="proconnect-erreur" message={proConnectError} />}
        {proConnect && (
          <section aria-labelledby="proconnect-titre" className="fr-mb-4w">
            <h2 id="proconnect-titre" className="fr-h5">
              Agents publics et professionnels
            </h2>
            <ProConnectSignIn />
            <p className="fr-hr-or">ou</p>
          </section>
        )}
        <form onSubmit={submit} noValidate>
          <FormError id="connexion-erreur" message={error} />
          <Input
            label="Adresse électronique"
            hintText="Format attendu : nom@domaine.fr"
            nativeInputProps={{
              type: "email",
              name: "email",
              autoComplete: "email",
              value: email,
              onChange: (e) => setEmail(e.target.value),
              ...describedBy("connexion-erreur", error),
            }}
          />
          <Input
            label="Mot de passe"
            nativeInputProps={{
              type: "password",
              name: "password",
              autoComplete: "current-password",
              value: password,
              onChange: (e) => setPassword(e.target.value),
              ...describedBy("connexion-erreur", error),
            }}
          />
          <p>
            <Link to="/mot-de-passe-oublie" className="fr-link">
              Mot de passe oublié ?
            </Link>
          </p>
          <Button type="submit" disabled={pending}>
            Se connecter
          </Button>
        </form>
      </div>
    </div>
  );
}
