import { randomBytes } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";

// Uploaded files live on disk under ./data/uploads (UPLOADS_DIR overrides it, e.g. for tests), never under public/:
// they are served only to signed-in users, through app/api/files/[kind]/[name]/route.ts.

export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

const TYPES = { jpg: "image/jpeg", png: "image/png", webp: "image/webp" } as const;
export type ImageExt = keyof typeof TYPES;
export type UploadKind = "products";

/** The image type from the file's first bytes (JPEG, PNG or WebP), whatever its name or declared type says; else null. */
export function sniffImage(bytes: Uint8Array): ImageExt | null {
  const at = (offset: number, sig: number[]) => sig.every((b, i) => bytes[offset + i] === b);
  if (bytes.length >= 3 && at(0, [0xff, 0xd8, 0xff])) return "jpg";
  if (bytes.length >= 8 && at(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (bytes.length >= 12 && at(0, [0x52, 0x49, 0x46, 0x46]) && at(8, [0x57, 0x45, 0x42, 0x50])) return "webp";
  return null;
}

function uploadsDir(): string {
  return process.env.UPLOADS_DIR || path.join(process.cwd(), "data", "uploads");
}

// Stored names are ours (random hex + extension): anything else asked for is not a file of ours.
const NAME = /^[0-9a-f]{32}\.(jpg|png|webp)$/;

/** Writes an already-checked image under a random name; returns the stored path, e.g. "products/3f…9a.png". */
export async function saveImage(kind: UploadKind, bytes: Uint8Array, ext: ImageExt): Promise<string> {
  const dir = path.join(uploadsDir(), kind);
  await mkdir(dir, { recursive: true });
  const name = `${randomBytes(16).toString("hex")}.${ext}`;
  await writeFile(path.join(dir, name), bytes, { flag: "wx" });
  return `${kind}/${name}`;
}

/** Reads a stored image by kind and name; null when the name is not one of ours or the file is gone. */
export async function readImage(kind: UploadKind, name: string): Promise<{ bytes: Buffer; contentType: string } | null> {
  const match = NAME.exec(name);
  if (!match) return null;
  try {
    const bytes = await readFile(path.join(uploadsDir(), kind, name));
    return { bytes, contentType: TYPES[match[1] as ImageExt] };
  } catch {
    return null;
  }
}

/** Removes a stored file (stored path as returned by saveImage); missing files are fine. */
export async function removeImage(storedPath: string | null | undefined): Promise<void> {
  if (!storedPath) return;
  const [kind, name] = storedPath.split("/");
  if (kind !== "products" || !NAME.test(name ?? "")) return;
  await rm(path.join(uploadsDir(), kind, name), { force: true });
}

/** The URL a stored image is served at (to signed-in users only). */
export function imageUrl(storedPath: string | null): string | null {
  return storedPath ? `/api/files/${storedPath}` : null;
}
