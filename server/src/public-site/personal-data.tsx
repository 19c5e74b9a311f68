/** @jsxImportSource hono/jsx */
/**
 * "Données personnelles": how long Atelier keeps each kind of personal data and how each person uses their
 * rights. The durations are read from the configuration the periodic tasks apply, so the page cannot
 * state other delays than the ones in force.
 */
import { FILE_TRASH_DAYS, UPLOAD_EXPIRY_HOURS } from "@atelier/shared";
import type { Config } from "../config.js";

const days = (n: number) => (n === 1 ? "1 jour" : `${n} jours`);
const years = (n: number) => (n === 1 ? "1 an" : `${n} ans`);

/** What is kept, and for how long; `c` is the configuration the retention tasks run with. */
export function retentionRows(c: Config): [string, string][] {
  return [
    ["Sessions de connexion", `supprimées après ${days(c.SESSION_INACTIVITY_DAYS)} sans activité`],
    ["Liens d'invitation et de réinitialisation du mot de passe", `supprimés ${days(c.EXPIRED_LINK_RETENTION_DAYS)} après leur expiration, leur utilisation ou leur annulation`],
    ["Notifications", `supprimées ${days(c.NOTIFICATION_RETENTION_DAYS)} après leur envoi, lues ou non`],
    ["Journal d'audit (connexions, changements de droits)", `entrées supprimées après ${days(c.AUDIT_RETENTION_DAYS)}`],
    ["Fichiers placés dans la corbeille", `supprimés définitivement après ${days(FILE_TRASH_DAYS)}`],
    ["Dépôts de fichiers interrompus", `supprimés après ${UPLOAD_EXPIRY_HOURS} heures sans reprise`],
    ["Inscriptions aux événements", `non confirmées : supprimées après 1 jour ; confirmées : supprimées ${days(c.REGISTRATION_RETENTION_DAYS)} après l'événement`],
    ["Réponses au questionnaire", `non confirmées : supprimées après 1 jour ; coordonnées des répondants effacées ${days(c.QUESTIONNAIRE_RETENTION_DAYS)} après la réponse`],
    ["Propositions de pratiques inspirantes", "non confirmées : supprimées après 1 jour"],
    [
      "Comptes inutilisés",
      `nom, organisation et adresse électronique effacés après ${years(c.INACTIVE_ACCOUNT_YEARS)} sans connexion, après un courriel d'avertissement ${days(c.INACTIVE_WARNING_DAYS)} avant`,
    ],
  ];
}

export function PersonalDataPage({ config }: { config: Config }) {
  return (
    <>
      <h1>Données personnelles</h1>
      <p>
        Atelier conserve les données personnelles nécessaires au travail des comités de pilotage et au site public des
        États généraux du travail social, pour la durée indiquée ci-dessous. Une tâche automatique applique ces durées
        plusieurs fois par jour.
      </p>
      <h2>Durées de conservation</h2>
      <div class="fr-table">
        <table>
          <caption>Ce qui est conservé, et combien de temps</caption>
          <thead>
            <tr>
              <th scope="col">Données</th>
              <th scope="col">Durée de conservation</th>
            </tr>
          </thead>
          <tbody>
            {retentionRows(config).map(([what, how]) => (
              <tr>
                <th scope="row">{what}</th>
                <td>{how}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Vos droits</h2>
      <ul>
        <li>
          <strong>Accès</strong> : une fois connecté, « Télécharger mes données » sur la page « Mes préférences »
          donne tout ce qu'Atelier conserve sur vous (fichier ZIP).
        </li>
        <li>
          <strong>Effacement</strong> : sur demande à l'administrateur de la plateforme, votre nom, votre organisation
          et votre adresse électronique sont effacés ; vos contributions restent dans les documents des comités sous le
          nom « Ancien membre ».
        </li>
        <li>
          <strong>Inscriptions et réponses</strong> : le courriel de confirmation d'une inscription à un événement
          contient un lien pour l'annuler.
        </li>
      </ul>
    </>
  );
}
