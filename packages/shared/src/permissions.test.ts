import { describe, expect, it } from "vitest";
import { canAsVisitor, canInSpace, canOnDocument, CONTENT_ACTIONS, standingIn, type SpaceFacts } from "./permissions.js";

const facts = (over: Partial<SpaceFacts>): SpaceFacts => ({
  level: "territorial",
  archived: false,
  ownRole: null,
  neighbourMember: false,
  ...over,
});

describe("standingIn", () => {
  it("gives nothing to a stranger", () => {
    expect(standingIn(null, facts({}))).toBeNull();
  });
  it("lets the national team edit the national space and review the others", () => {
    expect(standingIn("national", facts({ level: "national" }))).toBe("membre");
    expect(standingIn("national", facts({ level: "regional" }))).toBe("national");
  });
  it("keeps the strongest grant", () => {
    expect(standingIn("national", facts({ ownRole: "pilote" }))).toBe("pilote");
    expect(standingIn(null, facts({ ownRole: "contributeur", neighbourMember: true }))).toBe("contributeur");
    expect(standingIn(null, facts({ neighbourMember: true }))).toBe("inherited");
  });
});

describe("canInSpace", () => {
  it("never lets a contributeur or a reader edit texts", () => {
    for (const s of ["contributeur", "lecteur", "national", "inherited"] as const) {
      expect(canInSpace(s, "document.edit")).toBe(false);
      expect(canInSpace(s, "space.read")).toBe(true);
      expect(canInSpace(s, "space.comment")).toBe(true);
    }
  });
  it("lets partners upload but not manage others' files", () => {
    expect(canInSpace("contributeur", "file.upload")).toBe(true);
    expect(canInSpace("contributeur", "file.manageAny")).toBe(false);
  });
  it("keeps the recycle bin and the library's kinds to pilotes", () => {
    for (const action of ["file.restore", "file.manageKinds"] as const) {
      expect(canInSpace("pilote", action)).toBe(true);
      expect(canInSpace("membre", action)).toBe(false);
      expect(canInSpace("contributeur", action)).toBe(false);
    }
  });
  it("freezes an archived space for everyone but admins", () => {
    expect(canInSpace("pilote", "document.edit", true)).toBe(false);
    expect(canInSpace("pilote", "space.read", true)).toBe(true);
    expect(canInSpace("admin", "document.edit", true)).toBe(true);
  });
});

describe("canOnDocument", () => {
  it("refuses the text of a frozen document to everyone, and nothing else", () => {
    const frozen = { archived: false, frozen: true };
    for (const action of CONTENT_ACTIONS) {
      for (const s of ["admin", "pilote", "membre"] as const) {
        expect(canOnDocument(s, action, frozen), `${s} ${action}`).toBe(false);
        expect(canOnDocument(s, action, { archived: false, frozen: false }), `${s} ${action}`).toBe(true);
      }
    }
    expect(canOnDocument("membre", "space.comment", frozen)).toBe(true);
    expect(canOnDocument("pilote", "document.reopen", frozen)).toBe(true);
    expect(canOnDocument("membre", "document.reopen", frozen)).toBe(false);
  });
});

describe("canAsVisitor", () => {
  it("opens the public site to anyone, and an event only once published", () => {
    expect(canAsVisitor("site.read")).toBe(true);
    expect(canAsVisitor("event.read", { published: true })).toBe(true);
    expect(canAsVisitor("event.read", { published: false })).toBe(false);
  });

  it("shows an image of a published text only while its snapshot shows it", () => {
    expect(canAsVisitor("published.image.read", { published: true, attached: true })).toBe(true);
    expect(canAsVisitor("published.image.read", { published: true, attached: false })).toBe(false);
    expect(canAsVisitor("published.image.read", { published: false, attached: true })).toBe(false);
  });
});
