import type { ProConnectFailure } from "@atelier/shared";

/** What the login page says after a ProConnect sign-in that did not end in Atelier, and what to do. */
export const PROCONNECT_FAILURE_MESSAGES: Record<ProConnectFailure, string> = {
  provider_unavailable:
    "ProConnect ne répond pas pour le moment. Réessayez dans quelques minutes, ou connectez-vous avec votre mot de passe.",
  invalid_state:
    "Votre connexion avec ProConnect n'a pas pu être vérifiée (elle a expiré ou a été ouverte dans un autre onglet). Cliquez de nouveau sur « S'identifier avec ProConnect ».",
  rejected_code:
    "ProConnect a refusé de confirmer votre connexion (lien déjà utilisé ou expiré). Cliquez de nouveau sur « S'identifier avec ProConnect ».",
  invalid_token:
    "La réponse de ProConnect n'a pas pu être vérifiée. Réessayez ; si cela se reproduit, écrivez à l'administrateur d'Atelier.",
  insufficient_acr:
    "Votre compte ProConnect ne donne pas le niveau de sécurité demandé par Atelier. Connectez-vous avec un autre fournisseur d'identité ou avec votre mot de passe.",
  unverified_email:
    "Votre fournisseur d'identité n'a pas confirmé votre adresse électronique : Atelier ne peut pas la relier à un compte. Connectez-vous avec votre mot de passe, ou demandez à votre fournisseur de confirmer l'adresse.",
  account_inactive: "Ce compte Atelier a été désactivé : adressez-vous à l'administrateur d'Atelier.",
  cancelled: "Vous avez interrompu la connexion avec ProConnect. Vous pouvez recommencer, ou vous connecter avec votre mot de passe.",
};

export const proConnectFailure = (code: string | null): string | null =>
  code && code in PROCONNECT_FAILURE_MESSAGES ? PROCONNECT_FAILURE_MESSAGES[code as ProConnectFailure] : null;
