import { CreateSynthesisReply, SpaceSummary, SynthesisReply, type CreateSynthesisBody } from "@atelier/shared";
import { z } from "zod";
import { request } from "../api/client";

const synthesis = (id: string) => `/api/documents/${encodeURIComponent(id)}/synthesis`;

/** The national space, among the spaces the person reaches (none for most people). */
export const findNationalSpace = async () =>
  (await request("/api/spaces", z.object({ spaces: z.array(SpaceSummary) }))).spaces.find((s) => s.level === "national") ?? null;

export const createSynthesis = (spaceId: string, body: CreateSynthesisBody) =>
  request(`/api/spaces/${encodeURIComponent(spaceId)}/syntheses`, CreateSynthesisReply, { method: "POST", body });

export const getSynthesis = (id: string) => request(synthesis(id), SynthesisReply);

export const addSource = (id: string, documentId: string) =>
  request(`${synthesis(id)}/sources`, SynthesisReply, { method: "POST", body: { documentId } });

export const refreshSource = (id: string, sourceId: string) =>
  request(`${synthesis(id)}/sources/${encodeURIComponent(sourceId)}/refresh`, SynthesisReply, { method: "POST" });
