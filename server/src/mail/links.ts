/** Links to pages of the web app, as mails give them. */
import type { Config } from "../config.js";

type LinkConfig = Pick<Config, "publicUrl">;

export const appLink = (config: LinkConfig, path: string, query: Record<string, string> = {}) => {
  const search = new URLSearchParams(query).toString();
  return `${config.publicUrl}${path}${search ? `?${search}` : ""}`;
};

export const spaceLink = (config: LinkConfig, spaceId: string) => appLink(config, `/espaces/${spaceId}`);
