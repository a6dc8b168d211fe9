// The embedded database folder: one process at a time, and commits that reach the disk (lib/pglite-dir.ts).
// These open real folders in a temporary directory, whatever DATABASE_URL says.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DataDirInUseError, DurableNodeFS, lockDataDir, lockFileOf, openPgliteDir } from "@/lib/pglite-dir";

const work = mkdtempSync(path.join(tmpdir(), "rongshui-pglite-dir-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("embedded database folder", () => {
  it("really syncs: every commit does an fdatasync, which Emscripten's NODEFS would skip", async () => {
    const dir = path.join(work, "durable");
    const pglite = openPgliteDir(dir);
    try {
      await pglite.exec("CREATE TABLE t (x int)");
      const fs = (pglite as unknown as { fs: DurableNodeFS }).fs;
      expect(fs).toBeInstanceOf(DurableNodeFS);
      expect(fs.wired).toEqual({ fsync: true, fdatasync: true });
      const before = fs.syncs;
      for (let i = 0; i < 5; i++) await pglite.query("INSERT INTO t VALUES ($1)", [i]);
      expect(fs.syncs - before).toBeGreaterThanOrEqual(5);
      const { rows } = await pglite.query<{ fsync: string; synchronous_commit: string; full_page_writes: string }>(
        "SELECT current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS synchronous_commit, current_setting('full_page_writes') AS full_page_writes",
      );
      expect(rows[0]).toEqual({ fsync: "on", synchronous_commit: "on", full_page_writes: "on" });
    } finally {
      await pglite.close();
    }
  });

  it("is opened by one process at a time: a second open is refused while the first holds it, allowed after close", async () => {
    const dir = path.join(work, "durable"); // the folder of the test above (creating one costs seconds of fsyncs)
    const first = openPgliteDir(dir);
    await first.waitReady;
    expect(() => openPgliteDir(dir)).toThrow(DataDirInUseError);
    await first.close();
    const second = openPgliteDir(dir);
    await second.waitReady;
    await second.close();
  });

  it("takes over the lock of a process that died (kill -9, power loss)", () => {
    const dir = path.join(work, "stale");
    writeFileSync(lockFileOf(dir), JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname() }));
    const release = lockDataDir(dir);
    release();
  });
});
