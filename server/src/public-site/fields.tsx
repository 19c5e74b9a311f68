/** @jsxImportSource hono/jsx */
/** The controls public pages share: a filter's list of choices, a form's field with its error, a form's guard fields, a mailed link's button. */
import type { z } from "zod";
import { HttpError } from "../http/errors.js";
import { parseWith } from "../http/validate.js";
import { HONEYPOT, TIMING } from "./form-guard.js";
import { TIMING_SLOT } from "./page-cache.js";

/** A filter of a list (GET form): "Tous" or one of the choices. */
export function Select({ name, label, value, options }: { name: string; label: string; value?: string; options: { value: string; label: string }[] }) {
  return (
    <div class="fr-select-group">
      <label class="fr-label" for={`filtre-${name}`}>
        {label}
      </label>
      <select class="fr-select" id={`filtre-${name}`} name={name}>
        <option value="">Tous</option>
        {options.map((o) => (
          <option value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A form's input (or text area, `rows`) with its label, hint and error, the error tied to it for screen readers. */
export function Field(p: {
  prefix: string;
  name: string;
  label: string;
  hint?: string;
  value?: string;
  type?: string;
  autocomplete?: string;
  error?: string;
  rows?: number;
  maxlength?: number;
}) {
  const id = `${p.prefix}-${p.name}`;
  const described = p.error ? `${id}-erreur` : undefined;
  return (
    <div class={`fr-input-group${p.error ? " fr-input-group--error" : ""}`}>
      <label class="fr-label" for={id}>
        {p.label}
        {p.hint ? <span class="fr-hint-text">{p.hint}</span> : null}
      </label>
      {p.rows ? (
        <textarea class="fr-input" id={id} name={p.name} rows={p.rows} maxlength={p.maxlength} aria-describedby={described}>
          {p.value ?? ""}
        </textarea>
      ) : (
        <input class="fr-input" id={id} name={p.name} type={p.type ?? "text"} value={p.value ?? ""} autocomplete={p.autocomplete} aria-describedby={described} />
      )}
      {p.error ? (
        <p class="fr-error-text" id={described}>
          {p.error}
        </p>
      ) : null}
    </div>
  );
}

/** A form's required choice (a select with no choice made at first), with its label, hint and error. */
export function ChoiceField(p: {
  prefix: string;
  name: string;
  label: string;
  hint?: string;
  placeholder: string;
  options: { value: string; label: string }[];
  value?: string;
  error?: string;
}) {
  const id = `${p.prefix}-${p.name}`;
  const described = p.error ? `${id}-erreur` : undefined;
  return (
    <div class={`fr-select-group${p.error ? " fr-select-group--error" : ""}`}>
      <label class="fr-label" for={id}>
        {p.label}
        {p.hint ? <span class="fr-hint-text">{p.hint}</span> : null}
      </label>
      <select class="fr-select" id={id} name={p.name} aria-describedby={described}>
        <option value="" selected={!p.value} disabled hidden>
          {p.placeholder}
        </option>
        {p.options.map((o) => (
          <option value={o.value} selected={p.value === o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {p.error ? (
        <p class="fr-error-text" id={described}>
          {p.error}
        </p>
      ) : null}
    </div>
  );
}

/** What form-guard.ts checks: a honeypot people never see nor fill, and the signed time the form was shown. */
/** The timing value is written in as the page leaves (page-cache.ts `formStamp`), so a kept page stays the same. */
export function GuardFields({ prefix }: { prefix: string }) {
  return (
    <>
      {/* People never see this field; a robot filling every input does fill it. */}
      <div class="form-pot">
        <label for={`${prefix}-site`}>Ne remplissez pas ce champ</label>
        <input id={`${prefix}-site`} name={HONEYPOT} type="text" tabindex={-1} autocomplete="off" value="" />
      </div>
      <input type="hidden" name={TIMING} value={TIMING_SLOT} />
    </>
  );
}

/** A public form's values checked by its schema: the data, or each field's first error in French. */
export function parseForm<S extends z.ZodType>(schema: S, values: Record<string, string>): { data: z.infer<S> } | { errors: Record<string, string> } {
  try {
    return { data: parseWith(schema, values) };
  } catch (err) {
    if (!(err instanceof HttpError)) throw err;
    const errors: Record<string, string> = {};
    for (const i of (err.details as { path: string; message: string }[]) ?? []) errors[i.path] ??= i.message;
    return { errors };
  }
}

/**
 * The button behind a mailed link (confirm, cancel, withdraw): the link opens a page, and only this
 * POST acts, so a mail scanner following links changes nothing.
 */
export function TokenForm({ action, token, label }: { action: string; token: string; label: string }) {
  return (
    <form method="post" action={action}>
      <input type="hidden" name="jeton" value={token} />
      <button class="fr-btn" type="submit">
        {label}
      </button>
    </form>
  );
}

/** A text field of a parsed form body ("" when absent or a file). */
export const formField = (body: Record<string, unknown>, name: string) => (typeof body[name] === "string" ? (body[name] as string) : "");
