import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { forgotPassword } from "../../api/auth";
import { describedBy, FormError } from "../../components/FormError";
import { Success } from "../../components/Success";
import { useAction } from "../../shell/useAction";

export function ForgotPasswordPage() {
  const { run, pending, error, setError } = useAction();
  const [email, setEmail] = useState("");
  const [sent, setSent] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!email.trim()) {
      setError("Saisissez l'adresse électronique de votre compte.");
      return;
    }
    const reply = await run(() => forgotPassword(email.trim()), (r) => r.message);
    if (reply) setSent(reply.message);
  };

  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>Mot de passe oublié</h1>
        <p>Indiquez l'adresse électronique de votre compte : nous vous enverrons un lien pour choisir un nouveau mot de passe.</p>
        <Success message={sent} />
        <form onSubmit={submit} noValidate>
          <FormError id="oubli-erreur" message={error} />
          <Input
            label="Adresse électronique"
            hintText="Format attendu : nom@domaine.fr"
            nativeInputProps={{
              type: "email",
              autoComplete: "email",
              value: email,
              onChange: (e) => setEmail(e.target.value),
              ...describedBy("oubli-erreur", error),
            }}
          />
          <Button type="submit" disabled={pending}>
            Recevoir un lien
          </Button>
        </form>
        <p className="fr-mt-3w">
          <Link to="/connexion" className="fr-link">
            Retour à la connexion
          </Link>
        </p>
      </div>
    </div>
  );
}
