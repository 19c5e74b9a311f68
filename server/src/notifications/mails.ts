/** The notification mails: one event now, or the day's events together. French, plain text. */
import type { MailContent } from "../mail/templates.js";

const SIGNATURE =
  "\n—\nAtelier, l'espace de travail des COPIL des États généraux du travail social.\n" +
  "Pour choisir quels courriels vous recevez : Mes notifications > Préférences.\n";

export interface MailedNotification {
  summary: string;
  /** When it happened, already worded in the recipient's time zone. */
  at: string;
  link: string;
}

export function notificationMail(n: MailedNotification, preferencesLink: string): MailContent {
  return {
    subject: n.summary,
    text: `Bonjour,

${n.summary}
(le ${n.at})

Pour le voir dans Atelier :
${n.link}

Préférences de notification : ${preferencesLink}
${SIGNATURE}`,
  };
}

export function digestMail(items: MailedNotification[], preferencesLink: string): MailContent {
  const list = items.map((n) => `- ${n.summary}\n  le ${n.at} : ${n.link}`).join("\n");
  return {
    subject: items.length === 1 ? "Atelier : 1 nouveauté aujourd'hui" : `Atelier : ${items.length} nouveautés aujourd'hui`,
    text: `Bonjour,

Voici ce qui s'est passé depuis votre dernier résumé :

${list}

Préférences de notification : ${preferencesLink}
${SIGNATURE}`,
  };
}
