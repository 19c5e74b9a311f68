/** The directory of committees: every committee and where the caller stands; never a committee's content. */
import { DirectoryEntryReply, DirectoryReply } from "@atelier/shared";
import { request } from "../api/client";

export const listCommittees = async () => (await request("/api/directory", DirectoryReply)).spaces;

export const committee = async (spaceId: string) =>
  (await request(`/api/directory/spaces/${encodeURIComponent(spaceId)}`, DirectoryEntryReply)).space;

/** The committee a document belongs to (for a refused document: whose it is, not its title). */
export const committeeOfDocument = async (documentId: string) =>
  (await request(`/api/directory/documents/${encodeURIComponent(documentId)}`, DirectoryEntryReply)).space;
