import * as fs from 'node:fs';
import * as path from 'node:path';

/** Compiled test files (`*.test.js`) under a folder, sorted so runs are repeatable. */
export function testFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) {
        walk(full);
      } else if (entry.name.endsWith('.test.js')) {
        out.push(full);
      }
    }
  };
  if (fs.existsSync(dir)) {
    walk(dir);
  }
  return out.sort();
}
