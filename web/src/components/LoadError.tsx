import { errorMessage } from "../api/client";

/** Data that could not be loaded: the French reason, under the page's title when given. */
export function LoadError({ title, error }: { title?: string; error: unknown }) {
  return (
    <>
      {title && <h1>{title}</h1>}
      <div className="fr-alert fr-alert--error">
        <p>{errorMessage(error)}</p>
      </div>
    </>
  );
}
