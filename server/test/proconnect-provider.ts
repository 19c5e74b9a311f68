/**
 * A real OpenID Connect provider (oidc-provider) on a free port, configured like ProConnect: its
 * scopes and claims (sub, email, given_name, usual_name, uid, siret, idp_id), eidas acr values, the
 * claims parameter, signed userinfo, PKCE, and RP-initiated logout. Its sign-in page asks only for
 * the agent's address (the agents are the test's). `agentBrowser()` drives it over HTTP for server tests.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, decodeJwt, SignJWT, type JWK } from "jose";
import Provider, { type KoaContextWithOIDC } from "oidc-provider";

export interface Agent {
  sub: string;
  email: string;
  given_name: string;
  usual_name: string;
  uid: string;
  siret: string;
  idp_id: string;
  email_verified?: boolean;
}

export const CLIENT_ID = "atelier";
export const CLIENT_SECRET = "un-secret-de-test-assez-long-pour-proconnect";
const SCOPE = "openid email given_name usual_name uid siret idp_id";

export interface TestProvider {
  issuer: string;
  /** The environment an Atelier instance needs to use this provider. */
  env: Record<string, string>;
  /** Registers Atelier (its public URL) as the client, once its port is known. */
  register(atelierUrl: string): Promise<void>;
  agents: Map<string, Agent>;
  /** ID tokens issued from now on carry this audience instead of the client's (re-signed with the provider's key). */
  tamperAudience: string | null;
  close(): Promise<void>;
}

const page = (title: string, body: string) => `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>${title} — ProConnect (test)</title></head>
<body><main><h1>${title}</h1>${body}</main></body></html>`;

export async function startTestProvider(agents: Agent[]): Promise<TestProvider> {
  let provider: Provider | null = null;
  const server = http.createServer((req, res) => {
    if (!provider) return void res.writeHead(503).end();
    if (req.url?.startsWith("/interaction/")) return void interaction(provider, req, res).catch((err) => res.writeHead(500).end(String(err)));
    provider.callback()(req, res);
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const jwk: JWK = { ...(await exportJWK(privateKey)), kid: "test-key", alg: "RS256", use: "sig" };
  const byEmail = new Map(agents.map((a) => [a.email, a]));
  const bySub = () => new Map([...byEmail.values()].map((a) => [a.sub, a]));

  const result: TestProvider = {
    issuer,
    env: { PROCONNECT_ISSUER: issuer, PROCONNECT_CLIENT_ID: CLIENT_ID, PROCONNECT_CLIENT_SECRET: CLIENT_SECRET },
    agents: byEmail,
    tamperAudience: null,
    async register(atelierUrl) {
      provider = new Provider(issuer, {
        clients: [
          {
            client_id: CLIENT_ID,
            client_secret: CLIENT_SECRET,
            redirect_uris: [`${atelierUrl}/api/auth/proconnect/callback`],
            post_logout_redirect_uris: [`${atelierUrl}/connexion`],
            token_endpoint_auth_method: "client_secret_post",
            id_token_signed_response_alg: "RS256",
            userinfo_signed_response_alg: "RS256",
          },
        ],
        jwks: { keys: [jwk] },
        scopes: SCOPE.split(" "),
        claims: {
          openid: ["sub"],
          email: ["email", "email_verified"],
          given_name: ["given_name"],
          usual_name: ["usual_name"],
          uid: ["uid"],
          siret: ["siret"],
          idp_id: ["idp_id"],
          acr: null,
        },
        acrValues: ["eidas1", "eidas2", "eidas3"],
        features: {
          devInteractions: { enabled: false },
          claimsParameter: { enabled: true },
          jwtUserinfo: { enabled: true },
          rpInitiatedLogout: {
            enabled: true,
            logoutSource: async (ctx: KoaContextWithOIDC, form: string) => {
              ctx.body = page(
                "Se déconnecter de ProConnect",
                `${form}<p>Vous quittez aussi votre session ProConnect.</p><button type="submit" form="op.logoutForm" name="logout" value="yes">Me déconnecter</button>`,
              );
            },
          },
        },
        pkce: { required: () => true },
        ttl: { Interaction: 600, Grant: 600, Session: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
        cookies: { keys: ["des-cles-de-test"] },
        findAccount: (_ctx, sub) => {
          const agent = bySub().get(sub);
          if (!agent) return undefined;
          return { accountId: sub, claims: () => ({ ...agent, email_verified: agent.email_verified ?? true }) };
        },
        // ProConnect asks no consent of agents: the grant is made at sign-in.
        loadExistingGrant: async (ctx) => {
          const oidc = ctx.oidc;
          const grant = new oidc.provider.Grant({ clientId: oidc.client!.clientId, accountId: oidc.session!.accountId! });
          grant.addOIDCScope(SCOPE);
          grant.addOIDCClaims(["acr"]);
          await grant.save();
          return grant;
        },
        renderError: async (ctx, out) => {
          ctx.type = "html";
          ctx.body = page("Erreur", `<p>${String(out.error)} : ${String(out.error_description ?? "")}</p>`);
        },
      });
      provider.use(async (ctx, next) => {
        await next();
        const body = ctx.body as { id_token?: string } | undefined;
        if (ctx.path === "/token" && result.tamperAudience && body?.id_token) {
          const claims = decodeJwt(body.id_token);
          body.id_token = await new SignJWT({ ...claims, aud: result.tamperAudience })
            .setProtectedHeader({ alg: "RS256", kid: jwk.kid! })
            .sign(privateKey);
        }
      });
    },
    close: () =>
      new Promise<void>((done) => {
        if (!server.listening) return done();
        server.close(() => done());
        server.closeAllConnections();
      }),
  };

  /** The provider's sign-in page: the agent gives the address of their identity. */
  async function interaction(p: Provider, req: http.IncomingMessage, res: http.ServerResponse) {
    const details = await p.interactionDetails(req, res);
    if (req.method === "POST") {
      const form = new URLSearchParams(await readBody(req));
      const agent = byEmail.get(form.get("email") ?? "");
      if (agent) {
        await p.interactionFinished(req, res, { login: { accountId: agent.sub, acr: "eidas1", amr: ["pwd"] } }, { mergeWithLastSubmission: false });
        return;
      }
    }
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(
      page(
        "S'identifier avec ProConnect",
        `<form method="post" action="/interaction/${details.uid}">
          <label for="email">Adresse électronique professionnelle</label>
          <input id="email" name="email" type="email" autocomplete="email">
          <button type="submit">Continuer</button>
        </form>`,
      ),
    );
  }
  return result;
}

const readBody = (req: http.IncomingMessage) =>
  new Promise<string>((done, fail) => {
    let text = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (text += chunk));
    req.on("end", () => done(text));
    req.on("error", fail);
  });

/** An agent's browser at the provider, over plain HTTP: its cookies, and the steps a person takes there. */
export function agentBrowser() {
  const jar = new Map<string, string>();
  async function go(url: string, init: RequestInit = {}) {
    const res = await fetch(url, {
      ...init,
      redirect: "manual",
      headers: { ...(init.headers as Record<string, string>), cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") },
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair!.indexOf("=");
      const [k, v] = [pair!.slice(0, at), pair!.slice(at + 1)];
      if (/expires=thu, 01 jan 1970|max-age=0/i.test(line) || v === "") jar.delete(k);
      else jar.set(k, v);
    }
    return res;
  }
  /** Follows the provider's redirects from `url` until it sends the browser elsewhere (or shows a page). */
  async function follow(url: string, init?: RequestInit): Promise<{ url: string; res: Response }> {
    let res = await go(url, init);
    while (res.status >= 300 && res.status < 400) {
      const next = new URL(res.headers.get("location")!, url).toString();
      if (new URL(next).origin !== new URL(url).origin) return { url: next, res };
      url = next;
      res = await go(url);
    }
    return { url, res };
  }
  return {
    /** From the authorization URL Atelier sent: signs in as `email` when asked, and returns where the provider sends back. */
    async signIn(authorizationUrl: string, email: string): Promise<string> {
      let at = await follow(authorizationUrl);
      if (new URL(at.url).origin === new URL(authorizationUrl).origin && at.url.includes("/interaction/")) {
        await at.res.text();
        at = await follow(at.url, {
          method: "POST",
          body: new URLSearchParams({ email }).toString(),
          headers: { "content-type": "application/x-www-form-urlencoded" },
        });
      }
      return at.url;
    },
    /** Whether the provider would ask who the agent is (no session of theirs there). */
    async asksToSignIn(authorizationUrl: string): Promise<boolean> {
      const at = await follow(authorizationUrl);
      return at.url.includes("/interaction/");
    },
    /** Opens the end-session address and confirms, as the provider's page asks. */
    async endSession(endSessionUrl: string): Promise<string> {
      const at = await follow(endSessionUrl);
      const html = await at.res.text();
      const action = /action="([^"]+)"/.exec(html)?.[1];
      const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
      if (!action || !xsrf) throw new Error(`no logout form: ${html.slice(0, 300)}`);
      const done = await follow(new URL(action, at.url).toString(), {
        method: "POST",
        body: new URLSearchParams({ xsrf, logout: "yes" }).toString(),
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
      return done.url;
    },
  };
}
