/**
 * How an instant is shown: one function for the space's pages. A shared formatter (the person's
 * time zone, Europe/Paris by default) is coming; it replaces this file.
 */
const FORMAT = new Intl.DateTimeFormat("fr-FR", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Paris" });

export const formatDateTime = (iso: string) => FORMAT.format(new Date(iso));
