import { describe, expect, it } from "vitest";
import { canInSpace, SPACE_ACTIONS } from "../permissions.js";
import { DOCUMENT_STATUSES, findTransition, TRANSITIONS, transitionsFrom, type DocumentStatus } from "./workflow.js";

describe("the workflow's transitions table", () => {
  it("names real actions, once per pair of statuses", () => {
    for (const t of TRANSITIONS) expect(SPACE_ACTIONS).toContain(t.action);
    expect(new Set(TRANSITIONS.map((t) => `${t.from}>${t.to}`)).size).toBe(TRANSITIONS.length);
  });

  it("reaches every status from the draft, and leaves none a dead end", () => {
    const seen = new Set<DocumentStatus>(["brouillon"]);
    for (let size = 0; seen.size !== size; ) {
      size = seen.size;
      for (const t of TRANSITIONS) if (seen.has(t.from)) seen.add(t.to);
    }
    expect([...seen].sort()).toEqual([...DOCUMENT_STATUSES].sort());
    for (const s of DOCUMENT_STATUSES) expect(transitionsFrom(s).length, s).toBeGreaterThan(0);
  });

  it("gives validation and transmission to the pilote, sending back to the national team with a comment", () => {
    const validate = findTransition("en-relecture", "valide")!;
    const transmit = findTransition("valide", "transmis")!;
    const back = findTransition("transmis", "modifications-demandees")!;
    for (const t of [validate, transmit]) {
      expect(canInSpace("pilote", t.action)).toBe(true);
      expect(canInSpace("membre", t.action)).toBe(false);
      expect(t.freezesVersion).toBe(true);
    }
    expect(canInSpace("national", back.action)).toBe(true);
    expect(canInSpace("pilote", back.action)).toBe(false);
    expect(back.commentRequired).toBe(true);
    expect(findTransition("brouillon", "transmis")).toBeUndefined();
    // Reopening a validated text is the pilote's, and says why.
    const reopen = findTransition("valide", "brouillon")!;
    expect(canInSpace("pilote", reopen.action)).toBe(true);
    expect(canInSpace("membre", reopen.action)).toBe(false);
    expect(reopen.commentRequired).toBe(true);
  });
});
