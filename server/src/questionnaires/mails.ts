/** The mail a respondent who gave an address receives: their receipt, the link to confirm it and the one to withdraw it. */
import type { MailContent } from "../mail/templates.js";
import type { QuestionnaireRow } from "./queries.js";

export function receiptMail(qn: QuestionnaireRow, given: { question: string; answer: string }[], links: { confirm: string; withdraw: string }): MailContent {
  const copy = given.map((g) => `${g.question}\n${g.answer || "(sans réponse)"}`).join("\n\n");
  return {
    subject: `Confirmez votre réponse : ${qn.title}`,
    text: `Bonjour,

Vous avez répondu au questionnaire « ${qn.title} » (${qn.space_name}). Merci !

Pour que votre réponse soit prise en compte, confirmez votre adresse en ouvrant ce lien (valable 24 heures) :
${links.confirm}

Pour retirer votre réponse à tout moment :
${links.withdraw}

Votre réponse :

${copy}

Si vous n'avez rien envoyé, ignorez ce courriel : sans confirmation, la réponse est effacée.
—
États généraux du travail social. Ce courriel a été envoyé automatiquement : merci de ne pas y répondre.
`,
  };
}
