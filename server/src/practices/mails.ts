/** The mails the author of a proposed practice receives: French, plain text, the links they need and nothing more. */
import type { MailContent } from "../mail/templates.js";

const SIGNATURE =
  "\n—\nÉtats généraux du travail social. Ce courriel a été envoyé automatiquement : merci de ne pas y répondre.\n";

export function confirmProposalMail(title: string, link: string): MailContent {
  return {
    subject: `Confirmez votre proposition : ${title}`,
    text: `Bonjour,

Vous avez proposé la pratique inspirante « ${title} ».

Pour confirmer votre proposition et la transmettre au comité de votre territoire, ouvrez ce lien (valable 24 heures) :
${link}

Si vous n'avez rien proposé, ignorez ce courriel : sans confirmation, la proposition est effacée.
${SIGNATURE}`,
  };
}

export function acceptedMail(title: string, committee: string): MailContent {
  return {
    subject: `Votre proposition a été retenue : ${title}`,
    text: `Bonjour,

Le comité « ${committee} » a retenu votre proposition « ${title} » : il la complète à partir de votre fiche.
Elle ne sera publiée sur le site que si vous avez accepté sa diffusion publique.
${SIGNATURE}`,
  };
}

export function refusedMail(title: string, committee: string, reason: string): MailContent {
  return {
    subject: `Votre proposition n'a pas été retenue : ${title}`,
    text: `Bonjour,

Le comité « ${committee} » n'a pas retenu votre proposition « ${title} ». Voici pourquoi :

${reason}

Votre proposition et vos coordonnées ont été effacées.
${SIGNATURE}`,
  };
}
