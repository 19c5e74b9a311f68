import { Button } from "@codegouvfr/react-dsfr/Button";
import { useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { resetPassword } from "../../api/auth";
import { FormError } from "../../components/FormError";
import { newPasswordProblem, NewPasswordFields } from "../../components/NewPassword";
import { Success } from "../../components/Success";
import { useAction } from "../../shell/useAction";

const DONE = "Votre mot de passe a été changé. Vous pouvez maintenant vous connecter.";

export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get("jeton") ?? "";
  const { run, pending, error, setError } = useAction();
  const [value, setValue] = useState({ password: "", confirm: "" });
  const [done, setDone] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = newPasswordProblem(value);
    if (problem) return setError(problem);
    if ((await run(() => resetPassword(token, value.password).then(() => true), DONE)) === true) setDone(true);
  };

  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>Choisir un nouveau mot de passe</h1>
        {!token ? (
          <div className="fr-alert fr-alert--error fr-mb-3w">
            <p>
              Ce lien n'est pas complet. Copiez le lien entier reçu par courriel, ou{" "}
              <Link to="/mot-de-passe-oublie">demandez un nouveau lien</Link>.
            </p>
          </div>
        ) : done ? (
          <>
            <Success message={DONE} />
            <Link to="/connexion" className="fr-btn">
              Se connecter
            </Link>
          </>
        ) : (
          <form onSubmit={submit} noValidate>
            <FormError id="reinitialisation-erreur" message={error} />
            <NewPasswordFields value={value} onChange={setValue} errorId="reinitialisation-erreur" error={error} />
            <Button type="submit" disabled={pending}>
              Enregistrer le mot de passe
            </Button>
          </form>
        )}
      </div>
    </div>
  );
}
