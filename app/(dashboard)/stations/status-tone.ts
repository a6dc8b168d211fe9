/** Badge colours of the station statuses. */
export const STATUS_TONE = { ACTIVE: "green", SUSPENDED: "amber", CLOSED: "red" } as const;
