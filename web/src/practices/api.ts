/** The inspiring practices from the workspace: a fiche's publication, the public's proposals to moderate. */
import { AcceptProposalReply, PracticeProposalsReply, PracticePublicationReply } from "@atelier/shared";
import { request, requestVoid } from "../api/client";

const publication = (documentId: string) => `/api/documents/${encodeURIComponent(documentId)}/publication`;

export const getPublication = async (documentId: string) => (await request(publication(documentId), PracticePublicationReply)).publication;
export const publish = async (documentId: string) => (await request(publication(documentId), PracticePublicationReply, { method: "POST" })).publication;
export const unpublish = async (documentId: string) => (await request(publication(documentId), PracticePublicationReply, { method: "DELETE" })).publication;

export const listProposals = async (spaceId: string) =>
  (await request(`/api/spaces/${encodeURIComponent(spaceId)}/practice-proposals`, PracticeProposalsReply)).proposals;
export const acceptProposal = async (id: string) =>
  (await request(`/api/practice-proposals/${encodeURIComponent(id)}/accept`, AcceptProposalReply, { method: "POST" })).documentId;
export const refuseProposal = (id: string, reason: string) =>
  requestVoid(`/api/practice-proposals/${encodeURIComponent(id)}/refuse`, { method: "POST", body: { reason } });
