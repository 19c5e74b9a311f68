/** Roles as the programme names them. Labels are what the interface shows. */
export const PLATFORM_ROLES = ["admin", "national"] as const;
export type PlatformRole = (typeof PLATFORM_ROLES)[number];

export const SPACE_ROLES = ["pilote", "membre", "contributeur", "lecteur"] as const;
export type SpaceRole = (typeof SPACE_ROLES)[number];

export const SPACE_LEVELS = ["national", "territorial", "regional"] as const;
export type SpaceLevel = (typeof SPACE_LEVELS)[number];

export const PLATFORM_ROLE_LABELS: Record<PlatformRole, string> = {
  admin: "Administrateur",
  national: "Équipe nationale",
};

export const SPACE_ROLE_LABELS: Record<SpaceRole, string> = {
  pilote: "Pilote",
  membre: "Membre",
  contributeur: "Contributeur (partenaire)",
  lecteur: "Lecteur",
};

export const SPACE_LEVEL_LABELS: Record<SpaceLevel, string> = {
  national: "COPIL national",
  territorial: "COPIL territorial",
  regional: "COPIL régional",
};
