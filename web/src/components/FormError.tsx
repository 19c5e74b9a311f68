/** The error of a form, in a DSFR alert the fields point to with aria-describedby. */
export function FormError({ id, message }: { id: string; message: string | null }) {
  if (!message) return null;
  return (
    <div id={id} className="fr-alert fr-alert--error fr-alert--sm fr-mb-3w">
      <p>{message}</p>
    </div>
  );
}

/** Props for a field that the form's error concerns. */
export const describedBy = (errorId: string, error: string | null) =>
  error ? { "aria-invalid": true as const, "aria-describedby": errorId } : {};
