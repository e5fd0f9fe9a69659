// SARIF 2.1.0, the format GitHub code scanning uploads: one run, the rules with their help, and
// a result per finding with a repository-relative location (uriBaseId %SRCROOT%), a 1-based
// region, the notes as related locations, and a fingerprint that stays the same while the
// finding's line does, so code scanning can track it across commits.
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CheckFinding, FindingLocation } from './findings.js';
import { packageInfo } from './package-info.js';
import { allRules, ruleFor, type Rule } from './rules.js';

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
export const INFORMATION_URI = 'https://www.npmjs.com/package/snapshot-restore';
const SRCROOT = '%SRCROOT%';
const FINGERPRINT = 'snapshotRestore/v1';

export interface SarifOptions {
  /** The directory finding paths are relative to. */
  workingDir: string;
  /** The repository root: SARIF uris are relative to it. */
  root: string;
  /** Where findings without a location are reported (the entry or bundle checked). */
  fallbackFile: string;
  /** What could not be checked: reported as tool notifications. */
  limitations: string[];
  /** Why the check could not run: an error notification, and the execution marked unsuccessful. */
  error?: string;
}

interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

function artifactLocation(file: string, options: SarifOptions): ArtifactLocation {
  const absolute = path.resolve(options.workingDir, file);
  const relative = path.relative(options.root, absolute);
  // Outside the repository (a global package, a temp dir): no base can express it.
  if (relative.startsWith('..') || path.isAbsolute(relative)) return { uri: pathToFileURL(absolute).href };
  return { uri: encodeURI(relative.split(path.sep).join('/')), uriBaseId: SRCROOT };
}

function physicalLocation(location: FindingLocation, options: SarifOptions) {
  return {
    artifactLocation: artifactLocation(location.file, options),
    region: {
      // SARIF lines and columns are 1-based; esbuild's columns are 0-based.
      startLine: Math.max(1, location.line),
      startColumn: location.column + 1,
      ...(location.length > 0 ? { endLine: Math.max(1, location.line), endColumn: location.column + 1 + location.length } : {}),
      ...(location.lineText && location.lineText.length <= 500 ? { snippet: { text: location.lineText } } : {}),
    },
  };
}

function sarifRule(rule: Rule) {
  return {
    id: rule.id,
    name: rule.name,
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.help },
    help: { text: rule.help, markdown: `**${rule.id}: ${rule.title}**\n\n${rule.help}${rule.helpUri ? `\n\n[${rule.id} in the documentation](${rule.helpUri})` : ''}` },
    ...(rule.helpUri ? { helpUri: rule.helpUri } : {}),
    defaultConfiguration: { level: rule.defaultLevel },
    properties: { tags: ['snapstart', 'aws-lambda'] },
  };
}

/** Whether a note can be a related location: it has a place inside the repository. */
function isRelatable(note: CheckFinding['notes'][number], options: SarifOptions): boolean {
  return !!note.location && artifactLocation(note.location.file, options).uriBaseId === SRCROOT;
}

function messageText(finding: CheckFinding, options: SarifOptions): string {
  // Notes without a place in the repository have nowhere else to go; the suggestion is the fix.
  const unplaced = finding.notes.filter((n) => !isRelatable(n, options)).map((n) => n.text);
  const parts = [finding.message, ...(finding.suggestion ? [`Suggestion: ${finding.suggestion}`] : []), ...unplaced];
  return parts.map((part) => (/[.!?]$/.test(part) ? part : `${part}.`)).join(' ');
}

export function formatSarif(findings: CheckFinding[], options: SarifOptions): string {
  const rules = allRules();
  for (const code of new Set(findings.map((f) => f.code))) {
    if (!rules.some((r) => r.id === code)) rules.push(ruleFor(code));
  }
  const occurrences = new Map<string, number>();
  const results = findings.map((finding) => {
    const location: FindingLocation = finding.location ?? { file: options.fallbackFile, line: 1, column: 0, length: 0, lineText: '' };
    const artifact = artifactLocation(location.file, options);
    // Stable across runs and unrelated edits: the rule, the file and the trimmed line, plus a
    // counter for identical lines in one file.
    const hash = createHash('sha256').update(`${finding.code}\0${artifact.uri}\0${location.lineText.trim()}`).digest('hex').slice(0, 32);
    const seen = occurrences.get(hash) ?? 0;
    occurrences.set(hash, seen + 1);
    const related = finding.notes.filter((n) => isRelatable(n, options));
    return {
      ruleId: finding.code,
      ruleIndex: rules.findIndex((r) => r.id === finding.code),
      level: finding.severity,
      message: { text: messageText(finding, options) },
      locations: [{ physicalLocation: physicalLocation(location, options) }],
      ...(related.length > 0
        ? {
            relatedLocations: related.map((note, id) => ({
              id,
              message: { text: note.text },
              physicalLocation: physicalLocation(note.location!, options),
            })),
          }
        : {}),
      partialFingerprints: { [FINGERPRINT]: `${hash}:${seen + 1}` },
    };
  });
  const { name, version } = packageInfo();
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name, version, semanticVersion: version, informationUri: INFORMATION_URI, rules: rules.map(sarifRule) } },
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(options.root + path.sep).href } },
        columnKind: 'utf16CodeUnits',
        invocations: [
          {
            executionSuccessful: options.error === undefined,
            toolExecutionNotifications: [
              ...(options.error !== undefined ? [{ level: 'error', message: { text: options.error } }] : []),
              ...options.limitations.map((text) => ({ level: 'note', message: { text } })),
            ],
          },
        ],
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
