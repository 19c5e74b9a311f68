import { frenchDefaults, frenchIssue } from "@atelier/shared";
import type { Context } from "hono";
import type { z } from "zod";
import { badRequest } from "./errors.js";

/** Lists what is wrong with an input, field by field and in French, for the client to show. */
export function issuesOf(error: z.ZodError) {
  return error.issues.map((i) => ({ path: i.path.join("."), message: frenchIssue(i), code: i.code }));
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const res = schema.safeParse(value, { error: frenchDefaults });
  if (!res.success) {
    const issues = issuesOf(res.error);
    throw badRequest("invalid_input", [...new Set(issues.map((i) => i.message))].join(" "), issues);
  }
  return res.data;
}

/** Reads a JSON body and validates it; malformed JSON and wrong shapes are 400s that say why. */
export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const type = c.req.header("content-type") ?? "";
  if (!type.includes("application/json")) {
    throw badRequest("unsupported_content_type", "Le corps de la requête doit être du JSON (application/json).");
  }
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw badRequest("invalid_json", "Le corps de la requête n'est pas du JSON valide.");
  }
  return parseWith(schema, body);
}

export function readQuery<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  return parseWith(schema, c.req.query());
}
