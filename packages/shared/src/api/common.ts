import { z } from "zod";

/** Trimmed text with bounds, the usual shape of a name or a title. */
export const text = (max: number, min = 1) => z.string().trim().min(min).max(max);

export const EmailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email());

/** Passwords: 12 to 256 characters, as the issue and OWASP ask. */
export const PasswordSchema = z
  .string()
  .min(12, "Le mot de passe doit contenir au moins 12 caractères.")
  .max(256, "Le mot de passe ne peut dépasser 256 caractères.");

export const IdSchema = z.string().uuid();
