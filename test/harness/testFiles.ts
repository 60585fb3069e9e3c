import * as fs from 'node:fs';
import * as path from 'node:path';

/** Test files under a folder (compiled `*.test.js` by default; `*.test.ts` for the sources), sorted so runs are repeatable. */
export function testFiles(dir: string, ending = '.test.js'): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) {
        walk(full);
      } else if (entry.name.endsWith(ending)) {
        out.push(full);
      }
    }
  };
  if (fs.existsSync(dir)) {
    walk(dir);
  }
  return out.sort();
}
