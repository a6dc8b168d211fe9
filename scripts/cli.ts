// How the backup and restore commands end: a refusal the user can act on (the database in use, a target not
// empty, a bad file) is one line and exit 2; anything else is a crash with its stack and exit 1.
import { BackupRefused } from "../lib/backup";
import { DataDirInUseError } from "../lib/pglite-dir";

export function runCli(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    if (error instanceof BackupRefused || error instanceof DataDirInUseError) {
      console.error(`✗ ${error.message}`);
      process.exit(2);
    }
    console.error(error);
    process.exit(1);
  });
}
