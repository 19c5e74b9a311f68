/** The answer to the link of a space the person cannot read: whose it is, and the request for access. */
import { useCallback } from "react";
import { committee } from "../../directory/api";
import { Refusal } from "../../directory/Refusal";

export function AccessDenied({ spaceId }: { spaceId: string }) {
  const load = useCallback(() => committee(spaceId), [spaceId]);
  return <Refusal what="space" load={load} />;
}
