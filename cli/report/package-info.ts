// The package's own name and version, for reports (SARIF's tool.driver, the JSON report).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PackageInfo {
  name: string;
  version: string;
}

let cached: PackageInfo | undefined;

/** Walks up from this file to the tools package's package.json (dist/cli/ installed, cli/ in a checkout). */
export function packageInfo(): PackageInfo {
  if (cached) return cached;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const json = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<PackageInfo>;
      // Reports name the command (`snapshot-restore`), whose package is the tools'.
      if (json.name === 'snapshot-restore-tools') return (cached = { name: 'snapshot-restore', version: json.version ?? '0.0.0' });
    }
    const parent = path.dirname(dir);
    if (parent === dir) return (cached = { name: 'snapshot-restore', version: '0.0.0' });
    dir = parent;
  }
}
