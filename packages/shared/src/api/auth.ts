import { z } from "zod";
import { PLATFORM_ROLES } from "../roles.js";
import { TimeZoneSchema } from "../time.js";
import { EmailSchema, PasswordSchema } from "./common.js";

export const LoginBody = z.strictObject({
  email: EmailSchema,
  password: z.string().min(1).max(256),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const ForgotPasswordBody = z.strictObject({ email: EmailSchema });
export const ResetPasswordBody = z.strictObject({ token: z.string().min(10).max(200), password: PasswordSchema });

export const Me = z.object({
  id: z.string(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  organisation: z.string(),
  platformRole: z.enum(PLATFORM_ROLES).nullable(),
  /** Where every date and time is shown for this person. */
  timeZone: TimeZoneSchema,
});
export type Me = z.infer<typeof Me>;
