/** Bulk import of members from a CSV file, with a dry run that writes nothing. */
import { ImportQuery, type ImportReport } from "@atelier/shared";
import { Hono, type Context } from "hono";
import type { AppEnv, Services } from "../context.js";
import type { Queryable } from "../db/index.js";
import type { AccessChange } from "../events/bus.js";
import { HttpError, badRequest } from "../http/errors.js";
import { readQuery } from "../http/validate.js";
import { sendInvitation, type InvitationResult } from "../invitations/service.js";
import { requireActor } from "../policy/index.js";
import { adminAudit, auditMembership, type Audit } from "./audit.js";
import { requirePlatform } from "./guard.js";
import { assertSize, decodeCsv, parseMembersCsv, type CsvLine } from "./import.csv.js";
import { planImport, type ImportPlan } from "./import.plan.js";
import { upsertMembership } from "./memberships.queries.js";
import { insertUser } from "./users.queries.js";

async function readCsvBody(c: Context): Promise<CsvLine[]> {
  const type = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "text/csv") {
    throw badRequest("unsupported_content_type", "Envoyez le fichier au format CSV (type text/csv).");
  }
  assertSize(Number(c.req.header("content-length") ?? 0));
  return parseMembersCsv(decodeCsv(await c.req.arrayBuffer()));
}

interface Applied {
  changes: AccessChange[];
  /** One invitation per new account, to deliver once the transaction has committed. */
  invitations: InvitationResult[];
}

/** Writes a plan without bad lines: new accounts (invited into their first space) and memberships. */
async function applyImport(s: Services, q: Queryable, plan: ImportPlan, invitedBy: string, audit: Audit): Promise<Applied> {
  const created = new Map<string, string>();
  const invitations: InvitationResult[] = [];
  for (const person of plan.newPeople) {
    const id = await insertUser(q, { ...person, platformRole: null });
    created.set(person.email, id);
    await audit(q, { kind: "user.created", target: { type: "user", id }, details: { email: person.email, via: "import" } });
  }
  const changes: AccessChange[] = [];
  for (const line of plan.lines) {
    const userId = line.userId ?? created.get(line.email)!;
    if (line.membership === "unchanged") continue;
    const previousRole = await upsertMembership(q, userId, line.spaceId, line.role);
    await auditMembership(audit, q, { userId, spaceId: line.spaceId, role: line.role, previousRole, via: "import" });
    changes.push({ kind: "membership", userId, spaceId: line.spaceId });
  }
  for (const person of plan.newPeople) {
    const first = plan.lines.find((l) => l.email === person.email)!;
    invitations.push(await sendInvitation(s, q, { ...person, spaceId: first.spaceId, role: first.role, invitedBy }));
  }
  return { changes, invitations };
}

export function adminImportRoutes(s: Services) {
  const app = new Hono<AppEnv>();
  app.use("*", requirePlatform("admin.users"));

  app.post("/members", async (c) => {
    const actor = requireActor(c.get("user"));
    const audit = adminAudit(c, s);
    const dryRun = readQuery(c, ImportQuery).dryRun === "true";
    const csv = await readCsvBody(c);
    // Planned and written in one transaction, so the plan holds for what is written.
    const { plan, applied } = await s.db.tx(async (q) => {
      const plan = await planImport(q, csv);
      const write = !dryRun && plan.errors.length === 0;
      return { plan, applied: write ? await applyImport(s, q, plan, actor.id, audit) : null };
    });
    const report: ImportReport = {
      dryRun,
      applied: applied !== null,
      lines: csv.length,
      errors: plan.errors,
      plan: plan.lines.map(({ spaceId: _s, userId: _u, ...l }) => l),
      counts: plan.counts,
    };
    if (!dryRun && !report.applied) {
      throw new HttpError(
        400,
        "import_invalid",
        `${plan.errors.length} erreur(s) dans le fichier : rien n'a été importé. Corrigez les lignes signalées puis recommencez.`,
        report,
      );
    }
    for (const change of applied?.changes ?? []) s.bus.accessChanged(change);
    for (const invitation of applied?.invitations ?? []) await invitation.deliver();
    return c.json(report);
  });

  return app;
}
