import type { DashboardDocument, DashboardReply, DocumentStatus } from "@atelier/shared";
import { describe, expect, it } from "vitest";
import { rowSummary, statusRows } from "./counts";

const doc = (id: string, status: DocumentStatus): DashboardDocument => ({
  id,
  title: id,
  kind: "livrable",
  themes: [],
  status,
  statusChangedAt: "2026-11-30T10:00:00.000Z",
  lastChangeAt: "2026-11-30T10:00:00.000Z",
  openComments: 0,
  link: `/documents/${id}`,
});

const reply: DashboardReply = {
  kinds: ["livrable"],
  territories: [
    {
      id: "t1",
      slug: "grand-sud",
      name: "COPIL territorial Grand-Sud",
      level: "territorial",
      hasLivrable: true,
      documents: [doc("a", "brouillon"), doc("b", "brouillon"), doc("c", "valide")],
      regions: [{ id: "r1", slug: "corse", name: "COPIL régional Corse", level: "regional", documents: [doc("d", "transmis")] }],
    },
    { id: "t2", slug: "nord", name: "COPIL territorial Nord", level: "territorial", hasLivrable: false, documents: [], regions: [] },
  ],
};

describe("the dashboard's counts", () => {
  it("counts each COPIL's documents by status, territories followed by their regions as in the table", () => {
    const rows = statusRows(reply);
    expect(rows.map((r) => [r.name, r.total])).toEqual([
      ["COPIL territorial Grand-Sud", 3],
      ["COPIL régional Corse", 1],
      ["COPIL territorial Nord", 0],
    ]);
    expect(rows[0]!.counts).toEqual({ brouillon: 2, "en-relecture": 0, valide: 1, transmis: 0, "modifications-demandees": 0 });
  });

  it("says the counts in words, for those who do not see the colours", () => {
    const [grandSud, corse, nord] = statusRows(reply);
    expect(rowSummary(grandSud!)).toBe("2 brouillons, 1 validé");
    expect(rowSummary(corse!)).toBe("1 transmis au national");
    expect(rowSummary(nord!)).toBe("aucun document");
  });
});
