/**
 * My preferences: the time zone every date is shown in (the overseas committees), and for each kind
 * of event whether I want a mail at once, in the daily digest, or none. The bell lists them all anyway.
 * And my data: the download of what Atelier holds about me.
 */
import {
  NOTIFICATION_KIND_LABELS,
  NOTIFICATION_KINDS,
  NOTIFICATION_MODE_LABELS,
  NOTIFICATION_MODES,
  TIME_ZONE_VALUES,
  TIME_ZONES,
  type Me,
  type NotificationPreferences,
  type TimeZone,
} from "@atelier/shared";
import { useEffect, useState, type FormEvent } from "react";
import { Link } from "react-router";
import { saveTimeZone } from "../api/auth";
import { describedBy, FormError } from "../components/FormError";
import { useSession } from "../shell/session";
import { LoadError } from "../components/LoadError";
import { useAction } from "../shell/useAction";
import { useLoad } from "../shell/useLoad";
import { getPreferences, savePreferences } from "./api";

const TITLE = "Mes préférences";

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
      <TimeZoneForm />
      <h2>Notifications</h2>
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
      <MyData />
    </>
  );
}

/** The RGPD right of access: everything Atelier holds about me, as one JSON file in a ZIP. */
function MyData() {
  return (
    <section className="fr-mt-6w">
      <h2>Mes données</h2>
      <p>
        Téléchargez ce qu'Atelier conserve sur vous : votre compte, vos espaces, vos sessions, vos commentaires, les fichiers
        que vous avez déposés, vos notifications et les entrées du journal qui vous concernent. Rien de ce qui concerne
        d'autres personnes n'y figure.
      </p>
      <a className="fr-btn fr-btn--secondary fr-btn--icon-left fr-icon-download-line" href="/api/me/export" download>
        Télécharger mes données
      </a>
      <p className="fr-hint-text fr-mt-1w">Archive ZIP contenant un fichier JSON.</p>
    </section>
  );
}

/** Where dates and times are shown: saved at once for the whole account, on every device. */
function TimeZoneForm() {
  const { user, setUser } = useSession();
  const [zone, setZone] = useState<TimeZone | undefined>(user?.timeZone);
  const { run, pending, error } = useAction();
  if (!user || !zone) return null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const saved = await run(() => saveTimeZone(zone), "Votre fuseau horaire est enregistré : les dates et heures y sont affichées.");
    if (saved) setUser(saved satisfies Me);
  };
  return (
    <form onSubmit={submit} noValidate className="fr-mb-6w">
      <h2>Fuseau horaire</h2>
      <FormError id="fuseau-erreur" message={error} />
      <div className="fr-select-group">
        <label className="fr-label" htmlFor="fuseau">
          Fuseau horaire des dates et heures
          <span className="fr-hint-text">Pour les COPIL d'outre-mer : toutes les dates d'Atelier sont affichées dans ce fuseau.</span>
        </label>
        <select id="fuseau" className="fr-select" value={zone} onChange={(e) => setZone(e.target.value as TimeZone)}
          {...describedBy("fuseau-erreur", error)}>
          {TIME_ZONE_VALUES.map((z) => (
            <option key={z} value={z}>
              {TIME_ZONES[z]}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="fr-btn fr-btn--secondary" disabled={pending}>
        Enregistrer le fuseau horaire
      </button>
    </form>
  );
}

export default PreferencesPage;
