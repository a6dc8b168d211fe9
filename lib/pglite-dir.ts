// Opening an embedded PGlite database folder: one process at a time (a lock file), and with real fsyncs.
import { closeSync, existsSync, fdatasyncSync, fsyncSync, mkdirSync, openSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";
import { PGlite, type PGliteOptions } from "@electric-sql/pglite";
import { NodeFS } from "@electric-sql/pglite/nodefs";

/** Another process has the folder open (normally the web server of `npm start`). */
export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly lockFile: string,
    readonly owner: { pid: number; host: string; startedAt?: string; command?: string },
  ) {
    super(
      `The embedded database ${dataDir} is in use by process ${owner.pid}${owner.command ? ` (${owner.command})` : ""}` +
        `${owner.startedAt ? `, open since ${owner.startedAt}` : ""}. Stop it (the web server of npm start) and try again. ` +
        `If no such process is running, delete ${lockFile}.`,
    );
  }
}

export const lockFileOf = (dataDir: string) => `${path.resolve(dataDir)}.lock`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * PGlite is PostgreSQL in one process with no postmaster: two processes opening one folder corrupt it, and PGlite
 * itself does not stop that (its postmaster.pid always says -42). So whoever opens a folder first writes
 * `<folder>.lock` (next to it, so backups of the folder never contain it) with its process id; a lock whose process
 * is gone (kill -9, power loss) is taken over. Returns the release function; the lock is also released at exit.
 */
export function lockDataDir(dataDir: string): () => void {
  const lockFile = lockFileOf(dataDir);
  mkdirSync(path.dirname(lockFile), { recursive: true });
  const mine = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), command: process.argv.slice(1, 3).map((a) => path.basename(a)).join(" ") };
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(lockFile, JSON.stringify(mine), { flag: "wx" });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST" || attempt > 2) throw error;
      let owner: typeof mine | undefined;
      try {
        owner = JSON.parse(readFileSync(lockFile, "utf8"));
      } catch {
        owner = undefined; // half-written or garbage: treat as stale
      }
      // A lock from another machine (a shared folder) cannot be checked: respect it.
      if (owner && (owner.host !== mine.host || alive(owner.pid))) throw new DataDirInUseError(path.resolve(dataDir), lockFile, owner);
      try {
        unlinkSync(lockFile);
      } catch {
        // someone else took it over first; the next attempt sees their lock
      }
    }
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.removeListener("exit", release);
    try {
      if (JSON.parse(readFileSync(lockFile, "utf8")).pid === process.pid) unlinkSync(lockFile);
    } catch {
      // already gone
    }
  };
  process.on("exit", release);
  return release;
}

/**
 * PGlite 0.3.16 on Node stores the folder through Emscripten's NODEFS, which implements neither fsync nor
 * fdatasync: PostgreSQL's WAL flush at every commit and its checkpoint fsyncs reach the operating system's cache
 * but never the disk, so a power loss can lose recent commits and, because the WAL-before-data ordering is then not
 * enforced, leave the folder unrecoverable. This filesystem wires both calls to Node's fsyncSync/fdatasyncSync:
 * fsync through NODEFS's stream operations (Emscripten calls stream_ops.fsync when present) and fdatasync, which
 * Emscripten stubs to "return 0", by replacing that one import before the WebAssembly module is instantiated.
 * Measured: one real fdatasync per commit (about 2–4 ms on an SSD). Written against PGlite 0.3.16 (pinned): if a
 * later version changes these internals, the patch steps aside (see `wired`) instead of breaking the database.
 */
export class DurableNodeFS extends NodeFS {
  /** Real syncs done (tests read it to prove a commit reaches the disk). */
  syncs = 0;
  /** Whether both calls were wired (false if PGlite's internals no longer look as expected). */
  wired = { fsync: false, fdatasync: false };

  override async init(pg: PGlite, opts: Parameters<NodeFS["init"]>[1]) {
    const result = await super.init(pg, opts);
    const o = result.emscriptenOpts as Record<string, unknown> & { preRun?: unknown[]; instantiateWasm?: (imports: Record<string, Record<string, unknown>>, cb: unknown) => unknown };
    type Stream = { nfd?: number; node: unknown; stream_ops: { fsync?: (s: Stream) => number } };
    type Module = { FS: { getStream(fd: number): Stream | null; filesystems: Record<string, { stream_ops: Stream["stream_ops"]; realPath(node: unknown): string }>; ErrnoError: new (errno: number) => Error } };
    let mod: Module | undefined;
    const EIO = 29; // Emscripten's errno numbering
    const sync = (stream: Stream, data: boolean) => {
      if (stream.nfd !== undefined) {
        (data ? fdatasyncSync : fsyncSync)(stream.nfd);
      } else {
        // A directory (PostgreSQL fsyncs them after creating or renaming files): Emscripten keeps no descriptor.
        // Windows cannot open a directory for syncing; there the call is a no-op as before.
        try {
          const fd = openSync(mod!.FS.filesystems.NODEFS.realPath(stream.node), "r");
          try {
            fsyncSync(fd);
          } finally {
            closeSync(fd);
          }
        } catch {
          return;
        }
      }
      this.syncs++;
    };
    const innerInstantiate = o.instantiateWasm;
    if (innerInstantiate) {
      o.instantiateWasm = (imports, cb) => {
        if (typeof imports.env?.__syscall_fdatasync === "function") {
          imports.env.__syscall_fdatasync = (fd: number) => {
            const stream = mod?.FS.getStream(fd);
            if (!stream) return -8; // EBADF
            try {
              sync(stream, true);
              return 0;
            } catch {
              return -EIO;
            }
          };
          this.wired.fdatasync = true;
        }
        return innerInstantiate(imports, cb);
      };
    }
    o.preRun = [
      ...(o.preRun ?? []),
      (m: Module) => {
        mod = m;
        const nodefs = m.FS.filesystems.NODEFS;
        if (!nodefs?.stream_ops || nodefs.stream_ops.fsync) return;
        nodefs.stream_ops.fsync = (stream: Stream) => {
          try {
            sync(stream, false);
          } catch {
            throw new m.FS.ErrnoError(EIO);
          }
          return 0;
        };
        this.wired.fsync = true;
      },
    ];
    return result;
  }
}

/** Whether a folder holds a PGlite database (opening an empty folder would create a new, empty one). */
export function hasDatabase(dataDir: string): boolean {
  return existsSync(path.join(dataDir, "PG_VERSION"));
}

/**
 * Opens a PGlite folder for this process: takes the lock (throws DataDirInUseError when another process has it),
 * uses DurableNodeFS, and releases the lock when the database is closed or the process exits.
 */
export function openPgliteDir(dataDir: string, options: Omit<PGliteOptions, "dataDir" | "fs"> = {}): PGlite {
  mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
  const release = lockDataDir(dataDir);
  let pglite: PGlite;
  try {
    pglite = new PGlite({ ...options, fs: new DurableNodeFS(dataDir), relaxedDurability: false });
  } catch (error) {
    release();
    throw error;
  }
  const close = pglite.close.bind(pglite);
  pglite.close = async () => {
    try {
      await close();
    } finally {
      release();
    }
  };
  pglite.waitReady.catch(() => release());
  return pglite;
}
