import { canInSpace } from "@atelier/shared";
import { useLoad } from "../shell/useLoad";
import { findNationalSpace } from "./api";

/** The national space where the person may write (admins, the national team), null for anyone else. */
export function useNationalWriting() {
  const national = useLoad(findNationalSpace, []);
  const space = national.state === "ready" ? national.data : null;
  return { loading: national.state === "loading", space: space && canInSpace(space.role, "document.create", space.archived) ? space : null };
}
