import { db } from "../db";
import type { Viewer } from "../auth/viewer";
import { coversVillages } from "../progress/rules"; // the coverage rule, shared with the dashboard

// Station coverage (DESIGN §5): a poor village is covered when at least one ACTIVE station covers it; coverage is
// covered poor villages / all poor villages. County figures: every signed-in role may read them (dashboards).

async function poorVillages() {
  const villages = await db.village.findMany({
    where: { isPoor: true },
    orderBy: { code: "asc" },
    select: {
      id: true, code: true, name: true, registeredPopulation: true,
      township: { select: { id: true, code: true, name: true, nameEn: true } },
      coveredBy: { select: { station: { select: { id: true, code: true, status: true } } } },
    },
  });
  return villages.map(({ coveredBy, ...v }) => {
    const stations = coveredBy.map((c) => c.station);
    return { ...v, covered: stations.some((s) => coversVillages(s.status)), inactiveStations: stations.filter((s) => !coversVillages(s.status)) };
  });
}

/** Coverage of poor villages by ACTIVE stations: percent (null without poor villages), counts, and the uncovered list. */
export async function coverage(_viewer: Viewer) {
  const villages = await poorVillages();
  const covered = villages.filter((v) => v.covered).length;
  return {
    poorVillages: villages.length,
    covered,
    uncovered: villages.length - covered,
    percent: villages.length > 0 ? (covered / villages.length) * 100 : null,
    // Uncovered poor villages; inactiveStations names the suspended or closed stations that would cover them.
    uncoveredVillages: villages.filter((v) => !v.covered).map(({ covered: _c, ...v }) => v),
  };
}

export type Coverage = Awaited<ReturnType<typeof coverage>>;

/** The network at a glance: per township, its stations (all and active), poor villages and covered poor villages. */
export async function networkOverview(_viewer: Viewer) {
  const [townships, stations, villages] = await Promise.all([
    db.township.findMany({ orderBy: { code: "asc" }, select: { id: true, code: true, name: true, nameEn: true } }),
    db.station.groupBy({ by: ["townshipId", "status"], _count: { _all: true } }),
    poorVillages(),
  ]);
  return townships.map((t) => {
    const mine = stations.filter((s) => s.townshipId === t.id);
    const poor = villages.filter((v) => v.township.id === t.id);
    const covered = poor.filter((v) => v.covered).length;
    return {
      ...t,
      stations: mine.reduce((n, s) => n + s._count._all, 0),
      activeStations: mine.filter((s) => s.status === "ACTIVE").reduce((n, s) => n + s._count._all, 0),
      poorVillages: poor.length,
      coveredPoorVillages: covered,
      percent: poor.length > 0 ? (covered / poor.length) * 100 : null,
    };
  });
}

export type NetworkTownship = Awaited<ReturnType<typeof networkOverview>>[number];
