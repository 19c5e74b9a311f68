/**
 * The mails Atelier sends about accounts: French, plain text, short. Each function returns the
 * subject and body; the caller addresses and sends them through services.mailer.
 */
import { INVITATION_TTL_DAYS, SPACE_ROLE_LABELS, type SpaceRole } from "@atelier/shared";

export interface MailContent {
  subject: string;
  text: string;
}

const SIGNATURE = "\n—\nAtelier, l'espace de travail des COPIL des États généraux du travail social.\nCe courriel a été envoyé automatiquement : merci de ne pas y répondre.\n";

const greeting = (firstName: string) => (firstName ? `Bonjour ${firstName},` : "Bonjour,");
const roleLabel = (role: SpaceRole) => SPACE_ROLE_LABELS[role].toLowerCase();
/** A personal message, set apart so that nobody mistakes it for Atelier's own words. */
const quoted = (intro: string, message: string) =>
  message ? `\n${intro}\n${message.split("\n").map((l) => `> ${l}`).join("\n")}\n` : "";

export function passwordResetMail(p: { firstName: string; link: string }): MailContent {
  return {
    subject: "Réinitialisation de votre mot de passe Atelier",
    text: `${greeting(p.firstName)}

Vous avez demandé à choisir un nouveau mot de passe pour Atelier. Ouvrez ce lien :

${p.link}

Ce lien est valable 1 heure et ne sert qu'une fois. Une fois le mot de passe changé, vous serez
déconnecté de tous vos appareils.

Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.
${SIGNATURE}`,
  };
}

export function invitationMail(p: {
  firstName: string;
  inviter: string | null;
  spaceName: string | null;
  role: SpaceRole | null;
  message: string;
  link: string;
}): MailContent {
  const who = p.inviter ?? "L'équipe d'Atelier";
  const where =
    p.spaceName && p.role
      ? `à rejoindre l'espace « ${p.spaceName} » en tant que ${roleLabel(p.role)}`
      : "à rejoindre Atelier";
  return {
    subject: p.spaceName ? `Invitation à rejoindre « ${p.spaceName} » sur Atelier` : "Invitation à rejoindre Atelier",
    text: `${greeting(p.firstName)}

${who} vous invite ${where}.
${quoted("Son message :", p.message)}
Pour accepter, choisissez votre mot de passe en ouvrant ce lien :

${p.link}

Ce lien est valable ${INVITATION_TTL_DAYS} jours et ne sert qu'une fois.
${SIGNATURE}`,
  };
}

export function addedToSpaceMail(p: {
  firstName: string;
  inviter: string | null;
  spaceName: string;
  role: SpaceRole;
  message: string;
  link: string;
}): MailContent {
  const who = p.inviter ?? "L'équipe d'Atelier";
  return {
    subject: `Vous avez été ajouté à l'espace « ${p.spaceName} »`,
    text: `${greeting(p.firstName)}

${who} vous a ajouté à l'espace « ${p.spaceName} » en tant que ${roleLabel(p.role)}.
${quoted("Son message :", p.message)}
Connectez-vous avec votre compte habituel pour y accéder :

${p.link}
${SIGNATURE}`,
  };
}

export function accessRequestedMail(p: {
  requester: string;
  requesterEmail: string;
  spaceName: string;
  message: string;
  link: string;
  /** Admins hear of requests to spaces that have no pilote or are archived. */
  toAdmins: boolean;
}): MailContent {
  const yours = p.toAdmins ? "que seul un administrateur peut ouvrir à de nouveaux membres" : "dont vous êtes pilote";
  return {
    subject: `Demande d'accès à l'espace « ${p.spaceName} »`,
    text: `Bonjour,

${p.requester} (${p.requesterEmail}) demande l'accès à l'espace « ${p.spaceName} », ${yours}.
${quoted("Son message :", p.message)}
Pour accorder un rôle ou refuser, ouvrez l'espace :

${p.link}
${SIGNATURE}`,
  };
}

export function accessGrantedMail(p: { firstName: string; spaceName: string; role: SpaceRole; link: string }): MailContent {
  return {
    subject: `Votre demande d'accès à « ${p.spaceName} » est acceptée`,
    text: `${greeting(p.firstName)}

Votre demande d'accès est acceptée : vous rejoignez l'espace « ${p.spaceName} » en tant que ${roleLabel(p.role)}.

${p.link}
${SIGNATURE}`,
  };
}

/** Names nothing of the space: the asker could not read it and still cannot. */
export function accessDeclinedMail(p: { firstName: string; reason: string; link: string }): MailContent {
  return {
    subject: "Votre demande d'accès n'a pas été acceptée",
    text: `${greeting(p.firstName)}

Votre demande d'accès à l'espace suivant n'a pas été acceptée :

${p.link}
${quoted("Motif indiqué :", p.reason)}
Si vous pensez qu'il s'agit d'une erreur, adressez-vous au pilote de votre COPIL.
${SIGNATURE}`,
  };
}

export function unlockMail(p: { firstName: string; link: string }): MailContent {
  return {
    subject: "Connexions à votre compte Atelier suspendues",
    text: `${greeting(p.firstName)}

De nombreuses tentatives de connexion avec un mauvais mot de passe ont visé votre compte Atelier :
les connexions sont suspendues quelques minutes par précaution.

Si c'était vous, ou pour vous reconnecter tout de suite, ouvrez ce lien depuis votre navigateur :

${p.link}

Ce lien ne sert qu'une fois. Si ce n'était pas vous, votre mot de passe n'a pas été trouvé ; vous pouvez
aussi le changer avec « Mot de passe oublié ».
${SIGNATURE}`,
  };
}

/** To the administrators: an agent signed in with ProConnect and asks for an account. */
export function proConnectRequestMail(p: {
  requester: string;
  requesterEmail: string;
  organisation: string;
  siret: string;
  message: string;
  link: string;
}): MailContent {
  return {
    subject: `Demande d'accès à Atelier : ${p.requester}`,
    text: `Bonjour,

${p.requester} (${p.requesterEmail}), ${p.organisation}${p.siret ? ` (SIRET ${p.siret})` : ""}, s'est identifié avec ProConnect et demande un compte Atelier.
${quoted("Son message :", p.message)}
Pour lui ouvrir l'accès, créez son compte avec cette adresse dans l'administration des utilisateurs, puis invitez-le dans les espaces utiles : à sa prochaine connexion avec ProConnect, il y sera relié.

${p.link}
${SIGNATURE}`,
  };
}

/** Before the personal data of an account unused for years is erased (retention). */
export function inactivityWarningMail(p: { firstName: string; years: number; erasedOn: string; link: string }): MailContent {
  return {
    subject: "Votre compte Atelier inutilisé sera effacé",
    text: `${greeting(p.firstName)}

Vous ne vous êtes pas connecté à Atelier depuis ${p.years} ans. Pour protéger vos données personnelles,
votre nom, votre organisation et votre adresse électronique seront effacés le ${p.erasedOn}.
Vos contributions resteront dans les documents des comités, sous le nom « Ancien membre ».

Pour garder votre compte, il suffit de vous connecter avant cette date :

${p.link}
${SIGNATURE}`,
  };
}
