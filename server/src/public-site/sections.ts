/**
 * What a public capability (events, practices, questionnaires…) brings to the site's shared pages:
 * a block of the home and its entries in the site map. The capability hands these in through
 * app.ts, so the public site never reads another capability's tables or imports its modules.
 */
import type { Child } from "hono/jsx";

export interface SiteMapEntry {
  path: string;
  title: string;
  children?: { path: string; title: string }[];
}

export interface PublicSection {
  /** Its block on the home page, in the order the sections are given. */
  home?: () => Promise<Child>;
  /** Its pages, for the site map and sitemap.xml. */
  siteMap?: () => Promise<SiteMapEntry>;
}
