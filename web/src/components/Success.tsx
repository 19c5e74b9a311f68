/** A confirmation shown on the page (it is also announced through the live region). */
export function Success({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <div className="fr-alert fr-alert--success fr-alert--sm fr-mb-3w">
      <p>{message}</p>
    </div>
  );
}
