// Status changes (exit, monitoring and back): the policy's transitions, exit only when eligible, with history.
import { db } from "../db";
import { writeAudit } from "../audit";
import { AppError, conflict, invalid, parseInput } from "../errors";
import { authorize, canChangeStatus } from "../auth/policy";
import type { Viewer } from "../auth/viewer";
import { buildAssessment } from "./assessment";
import { refreshWarnings } from "../monitoring/warnings";
import { readableHousehold } from "./access";
import { currentDetail } from "./profile";
import { lineFor, yearIncome } from "./years";
import { currentYear, statusChangeSchema, statusFormSchema } from "../validation/households";

/**
 * Status changes, ADMIN or STAFF only: POOR → EXITED when the household is exit-eligible for the year (which becomes
 * its exit year); EXITED → MONITORED (relapse risk) and back. Each writes the status history and the audit log.
 */
export async function changeHouseholdStatus(viewer: Viewer, id: number, input: unknown, opts: { yearRequired?: boolean } = {}) {
  authorize(viewer, "households.changeStatus");
  // The API may leave the year out (last year, the annual review); the form asks for it and never assumes one.
  const data = parseInput(opts.yearRequired ? statusFormSchema : statusChangeSchema, input);
  return db.$transaction(async (tx) => {
    const household = await readableHousehold(viewer, id, tx);
    // A household entered for monitoring only was never registered poor: its status is not a decision to change.
    if (household.kind === "MONITORING") throw invalid({ toStatus: { key: "households.errors.monitoringKind" } });
    if (!canChangeStatus(household.status, data.toStatus)) {
      throw invalid({ toStatus: { key: "households.errors.transition", values: { from: household.status, to: data.toStatus } } });
    }
    let exitYear = household.exitYear;
    let year: number | null = null;
    if (household.status === "POOR") {
      year = data.year ?? currentYear() - 1;
      if (year < household.registeredYear) throw invalid({ year: { key: "households.validation.exitBeforeRegistered" } });
      const assessment = buildAssessment(household, year, await yearIncome(tx, id, year), await lineFor(tx, year));
      if (!assessment.eligible) {
        throw new AppError("VALIDATION", { key: "households.errors.notEligible", values: { year } }, { toStatus: { key: "households.errors.notEligible", values: { year } } }, { assessment });
      }
      exitYear = year;
    }
    const { count } = await tx.household.updateMany({
      where: { id, version: household.version },
      data: { status: data.toStatus, exitYear, version: { increment: 1 } },
    });
    if (count === 0) throw conflict({ key: "households.errors.stale" }, { current: await currentDetail(tx, id) });
    await refreshWarnings(tx, [id]); // an exit starts relapse monitoring
    await tx.householdStatusChange.create({
      data: { householdId: id, fromStatus: household.status, toStatus: data.toStatus, year: year ?? exitYear, reason: data.reason, changedById: viewer.id },
    });
    await writeAudit(tx, viewer, {
      action: "statusChange", entity: "Household", entityId: id,
      before: { status: household.status, exitYear: household.exitYear },
      after: { status: data.toStatus, exitYear, reason: data.reason },
    });
    return currentDetail(tx, id);
  });
}

