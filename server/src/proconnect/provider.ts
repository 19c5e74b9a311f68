/**
 * The relying party, with openid-client: ProConnect's discovery document, the authorization
 * request (code with PKCE, state, nonce, acr), the code exchange with the ID token's checks,
 * signed userinfo, and the end-session address.
 */
import * as oidc from "openid-client";
import type { Config } from "../config.js";

/** What Atelier asks ProConnect for (its scopes, one claim each). */
const SCOPES = "openid email given_name usual_name uid siret idp_id";

export interface ProConnectIdentity {
  sub: string;
  email: string;
  /** false only when the provider says so: ProConnect's identity providers verify addresses. */
  emailVerified: boolean;
  givenName: string;
  usualName: string;
  siret: string;
  idTokenHint: string;
}

/** A step of the sign-in that failed, with the code the login page explains. */
export class ProConnectError extends Error {
  constructor(
    readonly code: "provider_unavailable" | "rejected_code" | "invalid_token" | "insufficient_acr" | "cancelled",
    readonly reason: string,
  ) {
    super(reason);
  }
}

export const callbackUrl = (config: Config) => `${config.publicUrl}/api/auth/proconnect/callback`;
export const afterLogoutUrl = (config: Config) => `${config.publicUrl}/connexion`;
const acceptedAcr = (config: Config) => config.PROCONNECT_ACR.split(",").map((v) => v.trim()).filter(Boolean);

export interface Checks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** Fresh values for one sign-in, as openid-client makes them. */
export const newChecks = (): Checks => ({
  state: oidc.randomState(),
  nonce: oidc.randomNonce(),
  codeVerifier: oidc.randomPKCECodeVerifier(),
});

export interface ProConnect {
  authorizationUrl(checks: Checks): Promise<string>;
  exchange(currentUrl: URL, checks: Checks): Promise<ProConnectIdentity>;
  endSessionUrl(idTokenHint: string): Promise<string | null>;
}

export function proConnect(config: Config): ProConnect | null {
  const { PROCONNECT_ISSUER: issuer, PROCONNECT_CLIENT_ID: clientId, PROCONNECT_CLIENT_SECRET: secret } = config;
  if (!issuer || !clientId || !secret) return null;
  // Discovered on first use and kept; a failed discovery is tried again on the next sign-in.
  let discovered: Promise<oidc.Configuration> | null = null;
  const configuration = () => {
    discovered ??= oidc
      .discovery(
        new URL(issuer),
        clientId,
        {
          client_secret: secret,
          id_token_signed_response_alg: config.PROCONNECT_SIGNING_ALG,
          userinfo_signed_response_alg: config.PROCONNECT_SIGNING_ALG,
          [oidc.clockTolerance]: config.PROCONNECT_CLOCK_TOLERANCE_S,
        },
        oidc.ClientSecretPost(secret),
        // A provider on plain http is only ever a local one (tests, development).
        issuer.startsWith("http:") ? { execute: [oidc.allowInsecureRequests] } : undefined,
      )
      .catch((err: unknown) => {
        discovered = null;
        throw new ProConnectError("provider_unavailable", `discovery: ${String(err)}`);
      });
    return discovered;
  };

  return {
    async authorizationUrl({ state, nonce, codeVerifier }) {
      const acr = acceptedAcr(config);
      return oidc
        .buildAuthorizationUrl(await configuration(), {
          redirect_uri: callbackUrl(config),
          scope: SCOPES,
          state,
          nonce,
          code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
          code_challenge_method: "S256",
          // ProConnect reads the level asked for from the claims parameter.
          claims: JSON.stringify({ id_token: { acr: { essential: true, values: acr } } }),
          acr_values: acr.join(" "),
        })
        .toString();
    },

    async exchange(currentUrl, { state, nonce, codeVerifier }) {
      const conf = await configuration();
      let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
      try {
        tokens = await oidc.authorizationCodeGrant(conf, currentUrl, {
          pkceCodeVerifier: codeVerifier,
          expectedState: state,
          expectedNonce: nonce,
          idTokenExpected: true,
        });
      } catch (err) {
        throw classify(err);
      }
      const claims = tokens.claims()!;
      const acr = acceptedAcr(config);
      if (acr.length > 0 && !acr.includes(String(claims.acr ?? ""))) {
        throw new ProConnectError("insufficient_acr", `acr ${String(claims.acr)} not in ${acr.join(",")}`);
      }
      let info: oidc.UserInfoResponse;
      try {
        info = await oidc.fetchUserInfo(conf, tokens.access_token, claims.sub);
      } catch (err) {
        throw classify(err);
      }
      const text = (v: unknown) => (typeof v === "string" ? v.trim() : "");
      return {
        sub: claims.sub,
        email: text(info.email).toLowerCase(),
        emailVerified: info.email_verified !== false && text(info.email) !== "",
        givenName: text(info.given_name),
        usualName: text(info.usual_name),
        siret: text(info.siret),
        idTokenHint: tokens.id_token!,
      };
    },

    async endSessionUrl(idTokenHint) {
      const conf = await configuration().catch(() => null);
      if (!conf?.serverMetadata().end_session_endpoint) return null;
      return oidc
        .buildEndSessionUrl(conf, {
          id_token_hint: idTokenHint,
          post_logout_redirect_uri: afterLogoutUrl(config),
          state: oidc.randomState(),
        })
        .toString();
    },
  };
}

/** The person turned back at the provider, a refused code (used, expired, not ours), a bad token, or no provider. */
function classify(err: unknown): ProConnectError {
  if (err instanceof ProConnectError) return err;
  if (err instanceof oidc.AuthorizationResponseError) return new ProConnectError("cancelled", `${err.error}: ${err.error_description ?? ""}`);
  if (err instanceof oidc.ResponseBodyError) return new ProConnectError("rejected_code", `${err.error}: ${err.error_description ?? ""}`);
  if (err instanceof oidc.ClientError) return new ProConnectError("invalid_token", `${err.code ?? ""} ${err.message}${claimOf(err)}`);
  return new ProConnectError("provider_unavailable", String(err));
}

/** The claim a failed comparison was about (aud, iss, nonce…), found in the error's causes, for the audit. */
function claimOf(err: unknown): string {
  for (let e = err as { cause?: unknown; claim?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (typeof e.claim === "string") return ` (claim "${e.claim}")`;
  }
  return "";
}
