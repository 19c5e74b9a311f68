import type { SpaceSummary } from "@atelier/shared";
import { describe, expect, test } from "vitest";
import { safeReturn } from "./auth/LoginPage";
import { spaceTree } from "./MySpacesPage";

const space = (id: string, name: string, level: SpaceSummary["level"], parentId: string | null): SpaceSummary => ({
  id,
  slug: id,
  name,
  level,
  parentId,
  role: "lecteur",
  archived: false,
});

describe("spaceTree", () => {
  test("nests regions under their territory and territories under the national space, sorted by name", () => {
    const tree = spaceTree([
      space("r2", "Corse", "regional", "t1"),
      space("t1", "Grand-Sud", "territorial", "n"),
      space("n", "National", "national", null),
      space("r1", "Auvergne", "regional", "t1"),
    ]);
    expect(tree.map((n) => n.space.id)).toEqual(["n"]);
    expect(tree[0]!.children.map((n) => n.space.id)).toEqual(["t1"]);
    expect(tree[0]!.children[0]!.children.map((n) => n.space.name)).toEqual(["Auvergne", "Corse"]);
  });

  test("a space whose parent is out of reach is a root", () => {
    const tree = spaceTree([space("t1", "Grand-Sud", "territorial", "n"), space("r1", "Corse", "regional", "t1")]);
    expect(tree.map((n) => n.space.id)).toEqual(["t1"]);
    expect(tree[0]!.children).toHaveLength(1);
  });
});

describe("safeReturn", () => {
  test("follows paths of this app only", () => {
    expect(safeReturn("/espaces/abc?x=1")).toBe("/espaces/abc?x=1");
    expect(safeReturn("//ailleurs.example/")).toBe("/espaces");
    expect(safeReturn("https://ailleurs.example/")).toBe("/espaces");
    expect(safeReturn(null)).toBe("/espaces");
  });
});
