import type { Translate } from "../../i18n.ts";
import type { VoteResult, VoteTally } from "./votes.ts";

/** The vote's texts for every channel: the secretary's live tally and the minutes' lines. */

export function voteTallyText(t: Translate, v: VoteTally): string {
  const counts = {
    approve: v.approve,
    reject: v.reject,
    abstain: v.abstain,
    of: v.of,
    base: v.base,
    policy: v.policy,
  };
  const lines = [t("vote-tally-title", { text: v.text }), t("vote-tally-counts", counts)];
  if (v.status === "open") lines.push(t("vote-tally-open", counts));
  else if (v.status === "closed")
    lines.push(t("vote-result-line", { ...counts, passed: v.passed ? "yes" : "no" }));
  else lines.push(t("vote-annulled-line", { reason: v.annulReason ?? "" }));
  return lines.join("\n");
}

export function voteMinutesLines(t: Translate, votes: readonly VoteResult[]): string[] {
  if (votes.length === 0) return [];
  return [
    "",
    t("minutes-votes", { count: votes.length }),
    ...votes.flatMap((v, i) => [
      t("minutes-vote-line", { n: i + 1, text: v.text }),
      t("minutes-vote-counts", {
        approve: v.approve,
        reject: v.reject,
        abstain: v.abstain,
        of: v.of,
        base: v.base,
        policy: v.policy,
        passed: v.passed ? "yes" : "no",
      }),
    ]),
  ];
}
