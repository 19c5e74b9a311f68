/** The links a registrant's mails carry: one token, for confirming and cancelling. */
import type { Services } from "../context.js";
import { appLink } from "../mail/links.js";

export const registrantLink = (s: Services, page: string, token: string) => appLink(s.config, page, { jeton: token });
