// How the function will be deployed, as far as the build can tell: a zip function on Lambda's
// Node.js runtime (`nodejs2x.x`) can never turn SnapStart on, so SR007 tells a build for one that
// no lifecycle will run there. The `deploy` option says it; with `auto` (the default) the build
// reads the deploy configuration it can see in its working directory, the files the deploy tools
// themselves read: a SAM template, serverless.yml, sst.config.ts. CDK's code is a program, so a
// CDK build says it (`--deploy zip` in a NodejsFunction's afterBundling check).
import * as fs from 'node:fs';
import * as path from 'node:path';

export type DeployOption = 'auto' | 'zip' | 'image';

export interface DeployKind {
  kind: 'zip' | 'image';
  /** Why the build thinks so, for the message: `option deploy: 'zip'`, `template.yaml: Runtime: nodejs24.x`. */
  why: string;
}

function read(file: string): string | undefined {
  // Most builds have none of these files: asking first is cheaper than an ENOENT error each.
  if (!fs.statSync(file, { throwIfNoEntry: false })?.isFile()) return undefined;
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** A YAML line `key: nodejsNN.x` (not commented out), as `key: nodejsNN.x`. */
function nodeRuntime(yaml: string, key: string): string | undefined {
  return new RegExp(`^[ \\t-]*${key}:[ \\t]*['"]?(nodejs\\d+\\.x)['"]?[ \\t]*(#.*)?$`, 'm').exec(yaml)?.[1];
}

/** What the configuration in `workingDir` deploys, or undefined when it says nothing. */
export function detectDeploy(workingDir: string, option: DeployOption = 'auto'): DeployKind | undefined {
  if (option !== 'auto') return { kind: option, why: `option deploy: '${option}'` };
  for (const name of ['template.yaml', 'template.yml']) {
    const template = read(path.join(workingDir, name));
    if (template === undefined) continue;
    // A SAM function is a zip unless it says PackageType: Image (then it has no Runtime at all).
    if (/^[ \t]*PackageType:[ \t]*['"]?Image\b/m.test(template)) return { kind: 'image', why: `${name}: PackageType: Image` };
    const runtime = nodeRuntime(template, 'Runtime');
    if (runtime) return { kind: 'zip', why: `${name}: Runtime: ${runtime}` };
  }
  for (const name of ['serverless.yml', 'serverless.yaml']) {
    const config = read(path.join(workingDir, name));
    if (config === undefined) continue;
    // A Serverless function built from a container image names an `image:` instead of a runtime.
    if (/^[ \t]+image:/m.test(config)) return { kind: 'image', why: `${name}: image` };
    const runtime = nodeRuntime(config, 'runtime');
    if (runtime) return { kind: 'zip', why: `${name}: runtime: ${runtime}` };
  }
  // SST deploys its Node.js functions as zip files: it has no container option for them.
  if (fs.existsSync(path.join(workingDir, 'sst.config.ts'))) return { kind: 'zip', why: 'sst.config.ts: an SST Node.js function' };
  return undefined;
}
