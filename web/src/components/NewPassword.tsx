/** Choosing a password: typed twice, checked here before the server checks it again. */
import { Input } from "@codegouvfr/react-dsfr/Input";
import { PasswordSchema } from "@atelier/shared";

export interface NewPasswordValue {
  password: string;
  confirm: string;
}

/** The French problem with the chosen password, or null. */
export function newPasswordProblem({ password, confirm }: NewPasswordValue): string | null {
  const parsed = PasswordSchema.safeParse(password);
  if (!parsed.success) return parsed.error.issues[0]?.message ?? "Mot de passe non valable.";
  if (password !== confirm) return "Les deux mots de passe saisis ne sont pas identiques.";
  return null;
}

export function NewPasswordFields({
  value,
  onChange,
  errorId,
  error,
}: {
  value: NewPasswordValue;
  onChange(value: NewPasswordValue): void;
  errorId: string;
  error: string | null;
}) {
  const invalid = error ? { "aria-invalid": true as const } : {};
  return (
    <>
      <Input
        label="Nouveau mot de passe"
        hintText="Au moins 12 caractères. Une phrase de plusieurs mots est facile à retenir et difficile à deviner."
        nativeInputProps={{
          type: "password",
          autoComplete: "new-password",
          value: value.password,
          onChange: (e) => onChange({ ...value, password: e.target.value }),
          ...invalid,
          ...(error ? { "aria-describedby": errorId } : {}),
        }}
      />
      <Input
        label="Confirmez le mot de passe"
        nativeInputProps={{
          type: "password",
          autoComplete: "new-password",
          value: value.confirm,
          onChange: (e) => onChange({ ...value, confirm: e.target.value }),
          ...invalid,
          ...(error ? { "aria-describedby": errorId } : {}),
        }}
      />
    </>
  );
}
