import type { Role } from "../generated/prisma/enums";

/** Who is asking: re-read from the database on every request, so a changed role takes effect at once. */
export type Viewer = {
  id: number;
  email: string;
  name: string;
  role: Role;
  stationId: number | null;
  locale: string;
};
