/** A form's buttons, side by side: the one that sends it, and the one that leaves it unsent. */
import { Button } from "@codegouvfr/react-dsfr/Button";
import type { ReactNode } from "react";

export function FormActions({
  submit,
  disabled,
  onCancel,
  cancel = "Annuler",
}: {
  submit: ReactNode;
  disabled?: boolean;
  onCancel?: () => void;
  cancel?: string;
}) {
  return (
    <ul className="fr-btns-group fr-btns-group--inline-md">
      <li>
        <Button type="submit" disabled={disabled}>
          {submit}
        </Button>
      </li>
      {onCancel && (
        <li>
          <Button type="button" priority="secondary" onClick={onCancel}>
            {cancel}
          </Button>
        </li>
      )}
    </ul>
  );
}
