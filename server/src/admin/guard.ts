import type { MiddlewareHandler } from "hono";
import type { PlatformAction } from "@atelier/shared";
import type { AppEnv } from "../context.js";
import { authorizePlatform, requireActor } from "../policy/index.js";

/** Every admin route asks the policy first: 401 when anonymous, 403 for anyone the rules refuse. */
export const requirePlatform =
  (action: PlatformAction): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    authorizePlatform(requireActor(c.get("user")), action);
    await next();
  };
