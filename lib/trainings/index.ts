import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { writeAudit } from "../audit";
import { AppError, invalid, parseInput, type Msg } from "../errors";
import { authorize, can, readScope } from "../auth/policy";
import type { Viewer } from "../auth/viewer";
import { isoDate } from "../format";
import { pageArgs } from "../stations/access";
import { onceFor, type Idempotency, type IdempotencyGuard } from "../idempotency";
import { trainingInputSchema, trainingsQuerySchema } from "../validation/trainings";

const TRAINING_INCLUDE = {
  station: { select: { id: true, code: true, name: true } },
  attendees: { select: { household: { select: { id: true, code: true, headName: true } } }, orderBy: { householdId: "asc" } },
} satisfies Prisma.TrainingSessionInclude;

function toTrainingDto(t: Prisma.TrainingSessionGetPayload<{ include: typeof TRAINING_INCLUDE }>) {
  return {
    id: t.id,
    date: isoDate(t.date),
    topic: t.topic,
    attendeeCount: t.attendeeCount,
    station: t.station,
    households: t.attendees.map((a) => a.household),
  };
}

export type TrainingDto = ReturnType<typeof toTrainingDto>;

/**
 * Records a training session at a station: date (not in the future), topic, attendee households and the head count
 * (at least the number of listed households). An OPERATOR records only for their own station and lists only
 * households their station serves.
 */
export async function recordTraining(viewer: Viewer, input: unknown, opts: { idempotency?: Idempotency } = {}): Promise<TrainingDto> {
  return onceFor(opts.idempotency, (guard) => recordTrainingOnce(viewer, input, guard));
}

async function recordTrainingOnce(viewer: Viewer, input: unknown, guard: IdempotencyGuard): Promise<TrainingDto> {
  authorize(viewer, "trainings.create");
  const data = parseInput(trainingInputSchema, input);
  authorize(viewer, "trainings.create", { stationId: data.stationId });
  return db.$transaction(async (tx) => {
    await guard.claim(tx);
    const station = await tx.station.findUnique({ where: { id: data.stationId }, select: { countyId: true } });
    if (!station) throw invalid({ stationId: { key: "sales.errors.unknownStation" } });
    const households = await tx.household.findMany({ where: { id: { in: data.householdIds } }, select: { id: true, code: true, stationId: true } });
    const byId = new Map(households.map((h) => [h.id, h]));
    const missing = data.householdIds.filter((id) => !byId.has(id));
    if (missing.length > 0) throw invalid({ householdIds: { key: "trainings.errors.unknownHouseholds", values: { ids: missing.join(", ") } } });
    {
      const foreign = households.filter((h) => !can(viewer, "trainings.create", { stationId: h.stationId }));
      const fields: Record<string, Msg> = { householdIds: { key: "trainings.errors.householdsNotServed", values: { codes: foreign.map((h) => h.code).join(", ") } } };
      if (foreign.length > 0) throw new AppError("FORBIDDEN", { key: "sales.errors.householdsNotServed" }, fields);
    }
    const created = await tx.trainingSession.create({
      data: {
        countyId: station.countyId, stationId: data.stationId, date: data.date, topic: data.topic, attendeeCount: data.attendeeCount, recordedById: viewer.id,
        attendees: { create: data.householdIds.map((householdId) => ({ householdId })) },
      },
      include: TRAINING_INCLUDE,
    });
    const dto = toTrainingDto(created);
    await writeAudit(tx, viewer, { action: "create", entity: "TrainingSession", entityId: created.id, after: dto });
    return guard.done(tx, dto);
  });
}

/** Training sessions, newest first, for one station or the county (an OPERATOR: their own station), with totals. */
export async function listTrainings(viewer: Viewer, query: unknown = {}) {
  authorize(viewer, "trainings.read");
  const q = parseInput(trainingsQuerySchema, query);
  const scope = readScope(viewer, "trainings.read", q.stationId);
  const where: Prisma.TrainingSessionWhereInput = {
    stationId: scope ?? q.stationId,
    date: q.from || q.to ? { gte: q.from, lte: q.to } : undefined,
  };
  const { page, skip, take, pageSize } = pageArgs(q.page);
  const [rows, total, sums, households] = await Promise.all([
    db.trainingSession.findMany({ where, orderBy: [{ date: "desc" }, { id: "desc" }], skip, take, include: TRAINING_INCLUDE }),
    db.trainingSession.count({ where }),
    db.trainingSession.aggregate({ where, _sum: { attendeeCount: true } }),
    db.trainingAttendee.groupBy({ by: ["householdId"], where: { training: where } }),
  ]);
  return {
    items: rows.map(toTrainingDto),
    total,
    page,
    pageSize,
    totals: { sessions: total, attendees: sums._sum.attendeeCount ?? 0, households: households.length },
  };
}
