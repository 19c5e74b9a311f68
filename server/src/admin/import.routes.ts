/** Bulk import of members from a CSV file, with a dry run that writes nothing. */
import { IMPORT_COLUMNS, ImportQuery, type ImportReport } from "@atelier/shared";
import { Hono, type Context } from "hono";
import type { AppEnv, Services } from "../context.js";
import type { Queryable } from "../db/index.js";
import type { AccessChange } from "../events/bus.js";
import { HttpError, badRequest, conflict, refuseDuplicate } from "../http/errors.js";
import { readQuery } from "../http/validate.js";
import { sendInvitation, type InvitationResult } from "../invitations/service.js";
import { requireActor } from "../policy/index.js";
import { adminAudit, auditMembership, type Audit } from "./audit.js";
import { requirePlatform } from "./guard.js";
import { assertSize, decodeCsv, parseMembersCsv, type CsvLine } from "./import.csv.js";
import { planImport, type ImportPlan } from "./import.plan.js";
import { upsertMemberships } from "./memberships.queries.js";
import { insertUsers } from "./users.queries.js";

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
  // Accounts and memberships go in one statement each; audit entries and invitations one by one.
  // Another request may have created one of these accounts since the file was checked.
  const createdMeanwhile = () =>
    conflict(
      "email_taken",
      "Un compte vient d'être créé avec l'une des adresses du fichier : rien n'a été importé. Relancez l'import pour en tenir compte.",
    );
  const ids = await refuseDuplicate(insertUsers(q, plan.newPeople.map((p) => ({ ...p, platformRole: null }))), createdMeanwhile);
  const created = new Map(plan.newPeople.map((p, i) => [p.email, ids[i]!]));
  for (const [email, id] of created) {
    await audit(q, { kind: "user.created", target: { type: "user", id }, details: { email, via: "import" } });
  }
  const changed = plan.lines
    .filter((l) => l.membership !== "unchanged")
    .map((l) => ({ ...l, userId: l.userId ?? created.get(l.email)! }));
  await upsertMemberships(q, changed);
  for (const { userId, spaceId, role, previousRole } of changed) {
    await auditMembership(audit, q, { userId, spaceId, role, previousRole, via: "import" });
  }
  // Each new person is invited into the space of their first line.
  const firstLine = new Map([...plan.lines].reverse().map((l) => [l.email, l]));
  const invitations: InvitationResult[] = [];
  for (const person of plan.newPeople) {
    const { spaceId, role } = firstLine.get(person.email)!;
    invitations.push(await sendInvitation(s, q, { ...person, spaceId, role, invitedBy }));
  }
  return {
    changes: changed.map(({ userId, spaceId }) => ({ kind: "membership", userId, spaceId })),
    invitations,
  };
}

/** Sends the mails a few at a time: thousands one after the other would hold the answer too long. */
async function deliverAll(invitations: InvitationResult[], concurrency = 8): Promise<void> {
  const queue = [...invitations];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await next.deliver();
    }),
  );
}

export function adminImportRoutes(s: Services) {
  const app = new Hono<AppEnv>();
  app.use("*", requirePlatform("admin.users"));

  // A file to fill in, that spreadsheets open with the accents intact (BOM) and French separators.
  app.get("/members/modele.csv", (c) => {
    const csv = `\uFEFF${IMPORT_COLUMNS.join(";")}\r\nprenom.nom@exemple.gouv.fr;Nom;Prénom;Organisme;grand-sud;membre\r\n`;
    return c.body(csv, 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="modele-import-membres.csv"',
    });
  });

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
    for (const change of applied?.changes ?? []) await s.bus.accessChanged(change);
    await deliverAll(applied?.invitations ?? []);
    return c.json(report);
  });

  return app;
}
