import fs from 'node:fs';
import path from 'node:path';

// Files the app keeps under its data directory (attachments, uploaded sheets): listing a tree, and
// removing the files no row points at any more once they are old enough.

/** Every file under `dir`, as a path relative to it with '/' separators; none when `dir` is absent. */
export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .flatMap((entry) =>
      entry.isFile()
        ? [path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/')]
        : [],
    );
}

/** Removes the files under `root` older than `olderThanMs` at `now` that `isKept` does not claim; how many. */
export function removeStrayFiles(
  root: string,
  options: { isKept: (relative: string) => boolean; olderThanMs: number; now: Date },
): number {
  let removed = 0;
  for (const relative of filesUnder(root)) {
    const full = path.join(root, relative);
    if (options.isKept(relative) || options.now.getTime() - fs.statSync(full).mtimeMs <= options.olderThanMs)
      continue;
    fs.rmSync(full, { force: true });
    removed++;
  }
  return removed;
}
