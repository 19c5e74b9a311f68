/** For each kind of event, whether I want a mail at once, in the daily digest, or none. The bell lists them all anyway. */
import {
  NOTIFICATION_KIND_LABELS,
  NOTIFICATION_KINDS,
  NOTIFICATION_MODE_LABELS,
  NOTIFICATION_MODES,
  type NotificationPreferences,
} from "@atelier/shared";
import { useEffect, useState, type FormEvent } from "react";
import { Link } from "react-router";
import { FormError } from "../components/FormError";
import { LoadError } from "../components/LoadError";
import { useAction } from "../shell/useAction";
import { useLoad } from "../shell/useLoad";
import { getPreferences, savePreferences } from "./api";

const TITLE = "Préférences de notification";

export function PreferencesPage() {
  const loaded = useLoad(getPreferences, []);
  const [prefs, setPrefs] = useState<NotificationPreferences | null>(null);
  const { run, pending, error } = useAction();
  // The form starts from what was loaded, once: the loaded data keeps its identity between renders.
  const saved = loaded.state === "ready" ? loaded.data : null;
  useEffect(() => {
    if (saved) setPrefs(saved);
  }, [saved]);

  if (loaded.state === "error") return <LoadError title={TITLE} error={loaded.error} />;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (prefs) await run(() => savePreferences(prefs), "Vos préférences de notification sont enregistrées.");
  };
  return (
    <>
      <h1>{TITLE}</h1>
      <p>
        Toutes les notifications apparaissent dans <Link to="/notifications">Mes notifications</Link>. Choisissez, pour chaque
        type, si vous voulez aussi un courriel.
      </p>
      {!prefs ? (
        <p>Chargement…</p>
      ) : (
        <form onSubmit={submit} noValidate>
          <FormError id="preferences-erreur" message={error} />
          {NOTIFICATION_KINDS.map((kind) => (
            <fieldset key={kind} className="fr-fieldset">
              <legend className="fr-fieldset__legend">{NOTIFICATION_KIND_LABELS[kind]}</legend>
              {NOTIFICATION_MODES.map((mode) => {
                const id = `pref-${kind}-${mode}`;
                return (
                  <div key={mode} className="fr-fieldset__element fr-fieldset__element--inline">
                    <div className="fr-radio-group">
                      <input type="radio" id={id} name={`pref-${kind}`} value={mode} checked={prefs[kind] === mode}
                        onChange={() => setPrefs({ ...prefs, [kind]: mode })} />
                      <label className="fr-label" htmlFor={id}>
                        {NOTIFICATION_MODE_LABELS[mode]}
                      </label>
                    </div>
                  </div>
                );
              })}
            </fieldset>
          ))}
          <button type="submit" className="fr-btn" disabled={pending}>
            Enregistrer mes préférences
          </button>
        </form>
      )}
    </>
  );
}

export default PreferencesPage;
