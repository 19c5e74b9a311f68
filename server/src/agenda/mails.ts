/** The mails a registrant receives: French, plain text, with the links they need and nothing more. */
import type { MailContent } from "../mail/templates.js";
import { when } from "./cards.js";
import type { EventRow } from "./queries.js";
import type { Standing } from "./registrations.js";

const SIGNATURE =
  "\n—\nÉtats généraux du travail social. Ce courriel a été envoyé automatiquement : merci de ne pas y répondre.\n";

const about = (e: EventRow) => `« ${e.title} »\n${when(e)}\n${e.place}, ${e.address}`;

export function confirmAddressMail(e: EventRow, link: string): MailContent {
  return {
    subject: `Confirmez votre inscription : ${e.title}`,
    text: `Bonjour,

Vous avez demandé à vous inscrire à :
${about(e)}

Pour confirmer votre inscription, ouvrez ce lien (valable 24 heures) :
${link}

Si vous n'avez rien demandé, ignorez ce courriel : sans confirmation, votre demande est effacée.
${SIGNATURE}`,
  };
}

export function registeredMail(e: EventRow, standing: Standing, cancelLink: string): MailContent {
  const status = standing.place
    ? "Votre inscription est confirmée : une place vous est réservée."
    : `L'événement est complet : vous êtes sur la liste d'attente (position ${standing.waiting}). Nous vous écrirons si une place se libère.`;
  return {
    subject: standing.place ? `Inscription confirmée : ${e.title}` : `Liste d'attente : ${e.title}`,
    text: `Bonjour,

${status}

${about(e)}

Le fichier joint (.ics) ajoute l'événement à votre agenda.

Pour annuler votre inscription :
${cancelLink}
${SIGNATURE}`,
  };
}

export function placeFreedMail(e: EventRow, cancelLink: string): MailContent {
  return {
    subject: `Une place s'est libérée : ${e.title}`,
    text: `Bonjour,

Une place s'est libérée : vous êtes désormais inscrit(e) à
${about(e)}

Pour annuler votre inscription :
${cancelLink}
${SIGNATURE}`,
  };
}

export function reminderMail(e: EventRow, cancelLink: string): MailContent {
  return {
    subject: `Rappel : ${e.title}, demain`,
    text: `Bonjour,

Nous vous rappelons votre inscription à :
${about(e)}

Si vous ne pouvez plus venir, annulez votre inscription pour laisser votre place :
${cancelLink}
${SIGNATURE}`,
  };
}

/** An organiser's own words to the registrants, framed so they know who writes and why. */
export function organiserMail(e: EventRow, subject: string, message: string, cancelLink: string): MailContent {
  return {
    subject: `${subject} — ${e.title}`,
    text: `Bonjour,

Le comité organisateur (${e.space_name}) vous écrit au sujet de :
${about(e)}

${message}

Vous recevez ce message parce que vous êtes inscrit(e) à cet événement. Pour annuler votre inscription :
${cancelLink}
${SIGNATURE}`,
  };
}
