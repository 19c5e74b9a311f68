/** @jsxImportSource hono/jsx */
/**
 * Registering to a public event, as a classic form (no JavaScript needed): the visitor's details,
 * a confirmation by e-mail before anything counts, then a place or the waiting line, the .ics in
 * the mail and a link to cancel. The form is defended like every public form (form-guard.ts).
 */
import { programme, RegistrationForm } from "@atelier/shared";
import type { Services } from "../context.js";
import { clientAddress } from "../http/client-address.js";
import { HttpError } from "../http/errors.js";
import { authorizeVisitor } from "../policy/index.js";
import { ChoiceField, Field, formField, GuardFields, parseForm, TokenForm } from "../public-site/fields.js";
import { render, type PublicRouter } from "../public-site/render.js";
import { calendar } from "./ics.js";
import { registrantLink } from "./links.js";
import { confirmAddressMail, placeFreedMail, registeredMail } from "./mails.js";
import { eventById, type EventRow } from "./queries.js";
import { byToken, cancelRegistration, confirm, confirmedRegistrations, register, renewToken, standingOf, type Standing } from "./registrations.js";
import { visibleEvent } from "./visible.js";

type Values = Partial<Record<"nom" | "organisation" | "groupe" | "email", string>>;

export const registrationOpen = (e: EventRow, now = new Date()) => e.registration_open && !e.cancelled_at && e.ends_at > now;

function Notice({ days }: { days: number }) {
  return (
    <div class="fr-callout fr-my-3w">
      <h3 class="fr-callout__title fr-h6">Vos données personnelles</h3>
      <p class="fr-callout__text fr-text--sm">
        Votre nom, votre organisme, votre groupe d'acteurs et votre adresse électronique servent uniquement à organiser cet
        événement : le comité organisateur les voit pour préparer l'accueil. Ils sont effacés {days} jours après
        l'événement ; une demande non confirmée est effacée après 24 heures. Vous pouvez annuler votre inscription à tout moment
        par le lien reçu par courriel.
      </p>
    </div>
  );
}

export function RegistrationSection({ e, s, values = {}, errors = {}, message }: { e: EventRow; s: Services; values?: Values; errors?: Values; message?: string }) {
  if (!registrationOpen(e)) return null;
  const left = e.capacity === null ? null : Math.max(0, e.capacity - e.registrants);
  return (
    <section class="fr-my-6w" aria-labelledby="inscription">
      <h2 id="inscription">S'inscrire</h2>
      <p>
        {left === null
          ? "L'inscription est libre et gratuite."
          : left > 0
            ? `${left} place${left > 1 ? "s" : ""} restante${left > 1 ? "s" : ""} sur ${e.capacity}.`
            : "L'événement est complet : en vous inscrivant, vous rejoignez la liste d'attente."}
      </p>
      {message ? (
        <div class="fr-alert fr-alert--error fr-mb-3w" role="alert" id="inscription-erreur">
          <p>{message}</p>
        </div>
      ) : null}
      <form method="post" action={`/evenements/${e.slug}/inscription`} class="fr-col-12 fr-col-md-8">
        <p class="fr-hint-text">Tous les champs sont obligatoires sauf mention contraire.</p>
        <Field prefix="inscription" name="nom" label="Nom et prénom" value={values.nom} autocomplete="name" error={errors.nom} />
        <Field prefix="inscription" name="organisation" label="Organisme (facultatif)" value={values.organisation} autocomplete="organization" error={errors.organisation} />
        <ChoiceField
          prefix="inscription"
          name="groupe"
          label="Groupe d'acteurs"
          placeholder="Choisissez votre groupe"
          options={programme.actors.map((a) => ({ value: a, label: a }))}
          value={values.groupe}
          error={errors.groupe}
        />
        <Field prefix="inscription" name="email" label="Adresse électronique" hint="Format attendu : nom@domaine.fr. Un lien vous y sera envoyé pour confirmer." type="email" value={values.email} autocomplete="email" error={errors.email} />
        <GuardFields prefix="inscription" />
        <Notice days={s.config.REGISTRATION_RETENTION_DAYS} />
        <button class="fr-btn" type="submit">
          Recevoir le lien de confirmation
        </button>
      </form>
    </section>
  );
}

function Message({ title, children }: { title: string; children: unknown }) {
  return (
    <>
      <h1>{title}</h1>
      {children}
    </>
  );
}

const standingText = (st: Standing) =>
  st.place ? "Votre inscription est confirmée : une place vous est réservée." : `L'événement est complet : vous êtes sur la liste d'attente, en position ${st.waiting}.`;

/** The registrant's link, or a page saying it no longer works. */
async function registrationOf(s: Services, token: string) {
  const r = token ? await byToken(s.db, token) : undefined;
  const e = r ? await eventById(s.db, r.event_id) : undefined;
  if (!r || !e) throw new HttpError(404, "not_found", "Ce lien ne fonctionne plus.");
  authorizeVisitor("event.read", { published: e.published });
  return { r, e };
}


/** Sends the confirmed registrant their mail: their standing, the .ics, the link to cancel. */
async function mailRegistered(s: Services, e: EventRow, email: string, standing: Standing, token: string) {
  await s.mailer.send({
    to: email,
    ...registeredMail(e, standing, registrantLink(s, "/inscriptions/annuler", token)),
    attachments: [{ filename: `${e.slug}.ics`, content: calendar(e.title, [e], s.config.publicUrl), contentType: "text/calendar; charset=utf-8; method=PUBLISH" }],
  });
}

export function registrationPages(s: Services, site: PublicRouter) {
  site.post("/evenements/:slug/inscription", async (c) => {
    const slug = c.req.param("slug") ?? "";
    const body = (await c.req.parseBody()) as Record<string, unknown>;
    // Before anything is looked up or written: limits, honeypot, timing.
    await s.formGuard.check(body, clientAddress(c, s.config.TRUST_PROXY), `inscription:${slug}`);
    const e = await visibleEvent(s.db, slug);
    if (!registrationOpen(e)) throw new HttpError(409, "registration_closed", "Les inscriptions à cet événement sont closes.");
    const values: Values = { nom: formField(body, "nom"), organisation: formField(body, "organisation"), groupe: formField(body, "groupe"), email: formField(body, "email") };
    const parsed = parseForm(RegistrationForm, values);
    if ("errors" in parsed) {
      return render(
        c,
        s,
        { title: `Erreur dans le formulaire — ${e.title}`, description: "", path: `/evenements/${e.slug}` },
        <>
          <h1>{e.title}</h1>
          <RegistrationSection e={e} s={s} values={values} errors={parsed.errors} message="Le formulaire contient des erreurs : corrigez les champs signalés." />
        </>,
        400,
      );
    }
    const form = parsed.data;
    const registration = await register(s.db, e.id, form);
    if (registration.confirmed) {
      // Already registered: nothing of theirs changes, and the address's owner gets their links again.
      await mailRegistered(s, e, form.email, standingOf(await confirmedRegistrations(s.db, e.id), registration.id, e.capacity), registration.token);
    } else {
      await s.mailer.send({ to: form.email, ...confirmAddressMail(e, registrantLink(s, "/inscriptions/confirmer", registration.token)) });
    }
    return render(
      c,
      s,
      { title: "Vérifiez votre messagerie", description: "", path: `/evenements/${e.slug}/inscription` },
      <Message title="Vérifiez votre messagerie">
        <p>
          Un courriel vient d'être envoyé à <strong>{form.email}</strong>. Ouvrez le lien qu'il contient pour confirmer votre
          inscription à « {e.title} » : sans confirmation, votre demande n'est pas prise en compte et elle est effacée après 24 heures.
        </p>
        <p>
          <a class="fr-link" href={`/evenements/${e.slug}`}>
            Revenir à l'événement
          </a>
        </p>
      </Message>,
    );
  });

  site.get("/inscriptions/confirmer", async (c) => {
    const token = c.req.query("jeton") ?? "";
    const { e } = await registrationOf(s, token);
    return render(
      c,
      s,
      { title: "Confirmer mon inscription", description: "", path: "/inscriptions/confirmer" },
      <Message title="Confirmer mon inscription">
        <p>« {e.title} »</p>
        <TokenForm action="/inscriptions/confirmer" token={token} label="Confirmer mon inscription" />
      </Message>,
    );
  });

  site.post("/inscriptions/confirmer", async (c) => {
    const token = formField(await c.req.parseBody(), "jeton");
    const { r, e } = await registrationOf(s, token);
    if (r.cancelled_at) throw new HttpError(409, "registration_cancelled", "Cette inscription a été annulée.");
    if (!r.confirmed_at) await confirm(s.db, r.id);
    const standing = standingOf(await confirmedRegistrations(s.db, e.id), r.id, e.capacity);
    if (!r.confirmed_at) await mailRegistered(s, e, r.email, standing, token);
    return render(
      c,
      s,
      { title: "Inscription confirmée", description: "", path: "/inscriptions/confirmer" },
      <Message title={standing.place ? "Inscription confirmée" : "Vous êtes sur la liste d'attente"}>
        <p>{standingText(standing)}</p>
        <p>Un courriel vous a été envoyé avec l'événement à ajouter à votre agenda et le lien pour annuler.</p>
        <p>
          <a class="fr-link" href={`/evenements/${e.slug}`}>
            Revenir à « {e.title} »
          </a>
        </p>
      </Message>,
    );
  });

  site.get("/inscriptions/annuler", async (c) => {
    const token = c.req.query("jeton") ?? "";
    const { r, e } = await registrationOf(s, token);
    return render(
      c,
      s,
      { title: "Annuler mon inscription", description: "", path: "/inscriptions/annuler" },
      <Message title="Annuler mon inscription">
        <p>« {e.title} »</p>
        {r.cancelled_at ? <p>Cette inscription est déjà annulée.</p> : <TokenForm action="/inscriptions/annuler" token={token} label="Annuler mon inscription" />}
      </Message>,
    );
  });

  site.post("/inscriptions/annuler", async (c) => {
    const token = formField(await c.req.parseBody(), "jeton");
    const { r, e } = await registrationOf(s, token);
    if (!r.cancelled_at) {
      const promoted = await cancelRegistration(s.db, r, e.capacity);
      if (promoted) {
        const link = registrantLink(s, "/inscriptions/annuler", await renewToken(s.db, promoted.id));
        await s.mailer.send({ to: promoted.email, ...placeFreedMail(e, link) });
      }
    }
    return render(
      c,
      s,
      { title: "Inscription annulée", description: "", path: "/inscriptions/annuler" },
      <Message title="Inscription annulée">
        <p>Votre inscription à « {e.title} » est annulée. Merci de nous avoir prévenus.</p>
      </Message>,
    );
  });
}
