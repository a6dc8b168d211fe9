import type { Msg } from "../errors";
import { allGuaranteesMet, isExitEligible, perCapitaFen, type FiveGuarantees } from "../progress/rules";
import { GUARANTEES, type GuaranteeKey } from "../validation/households";

export type Assessment = {
  year: number;
  size: number;
  /** The year's ledger sum (reversals included, so a reversed entry counts zero). */
  incomeFen: number;
  /** Per-capita net income, rounded down to whole fen for display; eligibility compares exactly. */
  perCapitaFen: number;
  /** The poverty line for the year in fen per person, or null when none is set for that year. */
  lineFen: number | null;
  guarantees: Record<GuaranteeKey, boolean>;
  eligible: boolean;
  /** Why not eligible, as message keys (empty when eligible). */
  reasons: Msg[];
};

/** Exit assessment of a household for a year (DESIGN §5), with the reasons when it is not eligible. */
export function buildAssessment(household: FiveGuarantees & { size: number }, year: number, incomeFen: number, lineFen: number | null): Assessment {
  const guarantees = Object.fromEntries(GUARANTEES.map((g) => [g, household[g]])) as Record<GuaranteeKey, boolean>;
  const reasons: Msg[] = [];
  if (lineFen === null) reasons.push({ key: "households.assessment.noLine", values: { year } });
  else if (!(incomeFen > lineFen * household.size)) reasons.push({ key: "households.assessment.incomeNotAbove", values: { year } });
  if (!allGuaranteesMet(household)) {
    for (const g of GUARANTEES) if (!household[g]) reasons.push({ key: `households.assessment.missing.${g}` });
  }
  const eligible = lineFen !== null && isExitEligible({ incomeFen, size: household.size, lineFen, guarantees: household });
  return { year, size: household.size, incomeFen, perCapitaFen: perCapitaFen(incomeFen, household.size), lineFen, guarantees, eligible, reasons };
}
