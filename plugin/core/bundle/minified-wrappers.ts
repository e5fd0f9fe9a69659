// A minified esbuild bundle read alone has no `// path` comments, but it keeps esbuild's module
// wrappers: a CommonJS module is `var x=T((e,s)=>{...})` and a lazily initialised ES module
// `var y=F(()=>{...})`, where T and F are esbuild's `__commonJS` and `__esm` helpers, renamed but
// recognisable by their bodies (`(e={exports:{}}).exports` and `e&&(s=e(e=0))`); and esbuild
// hoists every ES module's function declarations to the top level. Most of a large bundle is such
// library code (the AWS SDK's dist-cjs, mongoose, ...). The hook rules only need the code that can
// reach the runtime: a wrapped module or a top-level function that names neither a register
// function, nor the runtime's exports, nor (in turn) a wrapper or function that does, cannot
// register a hook, run snapStart() or construct a class that does. Their bodies are blanked out
// before the bundle is parsed (spaces, newlines kept in place, so lines and columns stay where they
// were), so that the analysis parses and walks only the code that can matter.
//
// Finding a body's end needs a scan that knows strings, template literals, comments and regular
// expressions (a `}` inside a string is no end). The scan is a heuristic for the one thing a
// tokenizer cannot tell without parsing (whether `/` starts a regular expression); when it is
// wrong, the blanked text does not parse, and the caller reads the bundle as it is instead.

/** The names of esbuild's `__commonJS` and `__esm` helpers in a minified bundle, by their bodies. */
export function wrapperHelpers(source: string): Set<string> {
  const helpers = new Set<string>();
  const head = source.slice(0, 20_000); // esbuild writes its helpers before any module
  const commonJs = /(?<![\w$.])([\w$]+)=\(([\w$]+),([\w$]+)\)=>\(\)=>[\s\S]{0,80}?\(\3=\{exports:\{\}\}\)\.exports,\3\)/g;
  const esm = /(?<![\w$.])([\w$]+)=\(([\w$]+),([\w$]+)(?:,[\w$]+)?\)=>\(\)=>[\s\S]{0,80}?\2&&\(\3=\2\(\2=0\)\)/g;
  for (const match of head.matchAll(commonJs)) helpers.add(match[1]!);
  for (const match of head.matchAll(esm)) helpers.add(match[1]!);
  return helpers;
}

/** A body that may be blanked: a wrapped module's function, or a top-level function declaration. */
export interface Unit {
  /** The top-level name it is bound to (`var x=T(...)`, `function x(`), when there is one. */
  name: string | undefined;
  /** The `{` that opens the body, and the `}` that closes it. */
  open: number;
  close: number;
  /** A function declaration (not a wrapped module). */
  fn: boolean;
}

/** A top-level declarator (`var x=...`) or class declaration: never blanked, but its name reaches what it names. */
export interface Declarator {
  name: string;
  start: number;
  end: number;
}

export interface Scanned {
  units: Unit[];
  declarators: Declarator[];
  /** Where each name in code is (not in strings, templates' text, regular expressions or comments; not a property), in order. */
  references: number[];
  /** The hash of each (nameHash). */
  hashes: number[];
  /** The indexes of the references that are assigned (`a=`, not `a==` or `a=>`), in order. */
  assignments: number[];
}

/** The hash scanUnits gives a name. */
export function nameHash(name: string): number {
  let hash = 2166136261;
  for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 16777619);
  return hash;
}

enum Prev {
  /** After an operator, `(`, `[`, `{`, `,`, `;` or a keyword that takes an expression: `/` is a regular expression. */
  Operand,
  /** After a name, a number, `)` or `]`: `/` divides. */
  Value,
}

const REGEX_KEYWORDS = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);
const CONDITION_KEYWORDS = new Set(['if', 'while', 'for', 'with']);

function isIdentChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 36 || code === 95 || code > 127;
}

/**
 * The bodies of the top-level calls of the given helpers whose argument is a function with a block
 * body (`T((e,s)=>{...})`, `F(()=>{...})`, `T(function(e,s){...})`), and of the top-level function
 * declarations. Undefined when the scan loses track (unbalanced brackets): the caller then blanks
 * nothing.
 */
export function scanUnits(source: string, helpers: Set<string>): Scanned | undefined {
  const units: Unit[] = [];
  const references: number[] = [];
  const hashes: number[] = [];
  const assignments: number[] = [];
  const declarators: Declarator[] = [];
  // Top-level `var`/`let`/`const` declarators and class declarations: the one being read, whether
  // the next name starts one (after `var` or a `,` of a declaration), whether a declaration is open.
  let declarator: { name: string; start: number } | undefined;
  let expectName = false;
  let inDeclaration = false;
  const endDeclarator = (end: number) => {
    if (declarator) declarators.push({ ...declarator, end });
    declarator = undefined;
  };
  // Open brackets: the character; for `(` whether it holds an `if`/`while`/`for` condition (after
  // its `)`, `/` starts a regular expression) or a helper call (its start); for `{` the top-level
  // function whose body it opens.
  const stack: Array<{ char: number; at: number; condition: boolean; call: number; fn: string | undefined }> = [];
  // After `function` at the top level: '' until its name is read, then the name, until its body opens.
  let declaring: string | undefined;
  // Template literals: the stack depth at each open `${`, to know which `}` resumes the template.
  const templates: number[] = [];
  let prev = Prev.Operand;
  let lastWord = '';
  const n = source.length;
  let i = 0;

  // Skips a template literal's text from i (just after "`" or "}"): returns at "`" end or "${".
  const templateText = (): boolean => {
    while (i < n) {
      const c = source.charCodeAt(i);
      if (c === 92)
        i += 2; // backslash
      else if (c === 96) {
        i++;
        return false; // the template ends
      } else if (c === 36 && source.charCodeAt(i + 1) === 123) {
        i += 2;
        return true; // a substitution starts
      } else i++;
    }
    return false;
  };
  // A template's text, from its "`" or from the `}` that ends a substitution: a substitution
  // that starts is a bracket level to come back from; a template that ends is a value.
  const readTemplateText = (): void => {
    if (templateText()) {
      templates.push(stack.length);
      prev = Prev.Operand;
    } else prev = Prev.Value;
    lastWord = '';
  };

  while (i < n) {
    const c = source.charCodeAt(i);
    if (c === 32 || c === 10 || c === 9 || c === 13) {
      i++;
      continue;
    }
    if (c === 34 || c === 39) {
      // "..." or '...'
      i++;
      while (i < n) {
        const d = source.charCodeAt(i);
        if (d === 92) i += 2;
        else if (d === c) break;
        else i++;
      }
      i++;
      prev = Prev.Value;
      lastWord = '';
      continue;
    }
    if (c === 96) {
      i++;
      readTemplateText();
      continue;
    }
    if (c === 47) {
      const d = source.charCodeAt(i + 1);
      if (d === 47) {
        const end = source.indexOf('\n', i);
        i = end < 0 ? n : end;
        continue;
      }
      if (d === 42) {
        const end = source.indexOf('*/', i + 2);
        i = end < 0 ? n : end + 2;
        continue;
      }
      if (prev === Prev.Operand) {
        // A regular expression: to its closing `/` (not inside a class), then its flags.
        i++;
        let inClass = false;
        while (i < n) {
          const e = source.charCodeAt(i);
          if (e === 92) i += 2;
          else if (e === 10) return undefined;
          else {
            i++;
            if (e === 91) inClass = true;
            else if (e === 93) inClass = false;
            else if (e === 47 && !inClass) break;
          }
        }
        while (i < n && isIdentChar(source.charCodeAt(i))) i++;
        prev = Prev.Value;
        lastWord = '';
        continue;
      }
      i++;
      prev = Prev.Operand;
      lastWord = '';
      continue;
    }
    if (isIdentChar(c)) {
      const start = i;
      let hash = 2166136261;
      while (i < n) {
        const d = source.charCodeAt(i);
        if (!isIdentChar(d)) break;
        hash = Math.imul(hash ^ d, 16777619);
        i++;
      }
      // Inside brackets only keywords matter (all lowercase, 2 to 10 letters): most names of
      // minified code are not sliced out.
      const word = stack.length === 0 || (c >= 97 && c <= 122 && i - start >= 2 && i - start <= 10) ? source.slice(start, i) : '';
      if (c >= 48 && c <= 57) {
        // A number (its `.5`, `e+3` parts: `.` and `+` read as operators, harmlessly).
        prev = Prev.Value;
        lastWord = '';
        continue;
      }
      const property = source.charCodeAt(start - 1) === 46; // `.return`: a name, not the keyword
      // A reference (not a property name, not an object key `{a:` / `,a:`): where, which, and
      // whether it is assigned (`a=`, not `a==` or `a=>`).
      const after = source.charCodeAt(i);
      const before = source.charCodeAt(start - 1);
      if (!property && !(after === 58 && (before === 123 || before === 44))) {
        references.push(start);
        hashes.push(hash);
        if (after === 61 && source.charCodeAt(i + 1) !== 61 && source.charCodeAt(i + 1) !== 62) assignments.push(references.length - 1);
      }
      if (stack.length === 0 && !property) {
        if (word === 'function') {
          // A declaration, unless it is a declarator's value (`var x=function y(){}`).
          const expression = declarator && inDeclaration && !/[;}\n]\s*(?:async\s+)?$/.test(source.slice(Math.max(0, start - 8), start));
          if (!expression) {
            endDeclarator(start);
            inDeclaration = false;
            declaring = '';
          }
        } else if (declaring === '') declaring = word;
        if (word === 'var' || word === 'let' || word === 'const' || word === 'class') {
          endDeclarator(start);
          expectName = true;
          inDeclaration = word !== 'class';
        } else if (expectName) {
          declarator = { name: word, start };
          expectName = false;
        }
      }
      lastWord = property ? '' : word;
      prev = REGEX_KEYWORDS.has(lastWord) ? Prev.Operand : Prev.Value;
      if (stack.length === 0 && helpers.has(word) && source.charCodeAt(i) === 40 && source.charCodeAt(start - 1) !== 46) {
        // A helper call at the top level: its `(` is pushed next, marked as the call.
        stack.push({ char: 40, at: i, condition: false, call: start, fn: undefined });
        i++;
        prev = Prev.Operand;
        lastWord = '';
      }
      continue;
    }
    if (c === 40 || c === 91 || c === 123) {
      const fn = c === 123 && stack.length === 0 && declaring ? declaring : undefined;
      if (c === 123 && stack.length === 0) declaring = undefined;
      if (stack.length === 0) expectName = false; // `var {a} = ...`: a pattern, not followed
      stack.push({ char: c, at: i, condition: c === 40 && CONDITION_KEYWORDS.has(lastWord), call: -1, fn });
      i++;
      prev = Prev.Operand;
      lastWord = '';
      continue;
    }
    if (c === 41 || c === 93 || c === 125) {
      if (c === 125 && templates.length > 0 && templates[templates.length - 1] === stack.length) {
        // The `}` of a `${...}`: the template goes on.
        templates.pop();
        i++;
        readTemplateText();
        continue;
      }
      const top = stack.pop();
      if (!top || top.char !== (c === 41 ? 40 : c === 93 ? 91 : 123)) return undefined;
      if (top.call >= 0) {
        const body = functionBody(source, top.call, i);
        if (body) units.push(body);
      } else if (top.fn) {
        units.push({ name: top.fn, open: top.at, close: i, fn: true });
      } else if (c === 125 && stack.length === 0 && declarator && !inDeclaration) {
        endDeclarator(i + 1); // a class declaration's body
      }
      i++;
      // After `if (...)` an expression statement may start with a regular expression; after a
      // block's `}` too. After `)`, `]` and an object's `}` in an expression, `/` divides:
      // minified code does not divide an object literal.
      prev = c === 41 ? (top.condition ? Prev.Operand : Prev.Value) : c === 93 ? Prev.Value : Prev.Operand;
      lastWord = '';
      continue;
    }
    // Any other punctuator.
    if (stack.length === 0 && (c === 44 || c === 59)) {
      // `,` ends a declarator of an open declaration; `;` ends the declaration.
      if (c === 59 || inDeclaration) endDeclarator(i);
      if (c === 59) inDeclaration = false;
      else if (inDeclaration) expectName = true;
    }
    i++;
    prev = Prev.Operand;
    lastWord = '';
  }
  endDeclarator(n);
  return stack.length === 0 && templates.length === 0 ? { units, declarators, references, hashes, assignments } : undefined;
}

/** `var x=T((e,s)=>{...})`, `F(()=>{...})`, `T(e=>{...})`, `T(function(e,s){...})`: the block body, or undefined. */
function functionBody(source: string, call: number, close: number): Unit | undefined {
  if (source.charCodeAt(close - 1) !== 125) return undefined;
  const head = /^[\w$]+\((?:\([\w$,]*\)=>|[\w$]+=>|(?:async )?function\s*[\w$]*\([\w$,]*\))\{/.exec(source.slice(call, call + 200));
  if (!head) return undefined;
  const name = /(?<![\w$.])([\w$]+)\s*=\s*$/.exec(source.slice(Math.max(0, call - 64), call))?.[1];
  return { name, open: call + head[0].length - 1, close: close - 1, fn: false };
}

interface Item {
  name: string | undefined;
  from: number;
  to: number;
  unit?: Unit;
}

/** Names the runtime is reached by from CommonJS code (`__toCommonJS(ns).registerAfterRestore`), and its own strings. */
const RUNTIME_WORDS = /registerAfterRestore|registerBeforeSnapshot|snapStart|snapshotHooks|snapshot-restore|snap-start|Lambda MicroVMs/;

/**
 * The minified bundle with the body of every unit that cannot reach the runtime blanked out (same
 * length, newlines in place), and how many were. `names`: the local names of the register
 * functions (the runtime's definitions, which are top-level variables, not units). A unit is kept
 * when its text names the runtime (RUNTIME_WORDS) or a kept name, and then its own name is kept:
 * to a fixed point, so that a handler that calls a function that calls a register function is
 * kept, and so is the CommonJS module that calls the wrapper of one that registers.
 */
export function blankUnreachingUnits(source: string, names: Iterable<string>): { source: string; blanked: number; bytes: number } {
  const helpers = wrapperHelpers(source);
  if (helpers.size === 0) return { source, blanked: 0, bytes: 0 };
  const scanned = scanUnits(source, helpers);
  if (!scanned) return { source, blanked: 0, bytes: 0 };
  const { units, declarators, references, hashes, assignments } = scanned;
  // The items names are reached through: units, and declarators, which are never blanked
  // (`var x=()=>{register(...)}` keeps the function that calls x). `var x=T(...)`: the wrapper's
  // unit stands for its declarator. Items do not overlap then, and are sorted by position.
  const wrapped = new Set(units.flatMap((unit) => (unit.fn || !unit.name ? [] : [unit.name])));
  const items: Item[] = [
    ...units.map((unit) => ({ name: unit.name, from: unit.open, to: unit.close, unit })),
    ...declarators.filter((d) => !wrapped.has(d.name)).map((d) => ({ name: d.name, from: d.start + d.name.length, to: d.end })),
  ].sort((a, b) => a.from - b.from);
  // Which items mention each name (by hash: a collision keeps more, never less); and which
  // top-level names a wrapper assigns (`var a,b,x=F(()=>{a=...;b=...})`: an ES module's
  // variables, which reach what its body reaches).
  const topLevel = new Set(declarators.map((d) => nameHash(d.name)));
  const mentionedBy = new Map<number, number[]>();
  const assigns = new Map<number, number[]>();
  let at = 0;
  let assignment = 0;
  for (let k = 0; k < references.length; k++) {
    const position = references[k]!;
    const assigned = assignments[assignment] === k;
    if (assigned) assignment++;
    while (at < items.length && items[at]!.to <= position) at++;
    if (at === items.length) break;
    if (position < items[at]!.from) continue;
    const hash = hashes[k]!;
    if (assigned && topLevel.has(hash)) {
      const list = assigns.get(at);
      if (list) list.push(hash);
      else assigns.set(at, [hash]);
    }
    const list = mentionedBy.get(hash);
    if (!list) mentionedBy.set(hash, [at]);
    else if (list[list.length - 1] !== at) list.push(at);
  }
  const kept = new Set<number>();
  const reached = new Set<number>();
  const queue: number[] = [];
  const reachName = (hash: number) => {
    if (reached.has(hash)) return;
    reached.add(hash);
    queue.push(hash);
  };
  const keep = (index: number) => {
    if (kept.has(index)) return;
    kept.add(index);
    const item = items[index]!;
    if (item.name) reachName(nameHash(item.name));
    if (item.unit && !item.unit.fn) for (const hash of assigns.get(index) ?? []) reachName(hash);
  };
  for (const name of names) reachName(nameHash(name));
  // The runtime's namespace object (`import * as sr`, inlined as `__export(ns,{registerAfterRestore:()=>r,...})`):
  // code that indexes it (`sr[phase](...)`) reaches the register functions.
  for (const key of ['registerAfterRestore:', 'registerBeforeSnapshot:']) {
    for (let found = source.indexOf(key); found !== -1; found = source.indexOf(key, found + 1)) {
      const namespace = /\(([\w$]+),\s*\{[^{}]*$/.exec(source.slice(Math.max(0, found - 500), found))?.[1];
      if (namespace) reachName(nameHash(namespace));
    }
  }
  // The runtime kept external: the names a top-level import or require of it binds
  // (`import{registerAfterRestore as r}from"snapshot-restore"`, `var{snapStart:s}=require(...)`).
  for (let found = source.indexOf('snapshot-restore'); found !== -1; found = source.indexOf('snapshot-restore', found + 1)) {
    if (units.some((unit) => unit.open < found && found < unit.close)) continue;
    const before = source.slice(Math.max(0, found - 1000), found + 1);
    const bound =
      /import\s*(?:([\w$]+)\s*,?\s*)?(?:\{([^}]*)\}|\*\s*as\s+([\w$]+))?\s*from\s*["'`]s$/.exec(before) ?? /(?:([\w$]+)|\{([^}]*)\})\s*=\s*[\w$]*\(\s*["'`]s$/.exec(before);
    for (const part of bound?.slice(1) ?? []) for (const name of part?.match(/[\w$]+/g) ?? []) if (name !== 'as') reachName(nameHash(name));
  }
  items.forEach((item, index) => {
    if (RUNTIME_WORDS.test(source.slice(item.from, item.to))) keep(index);
  });
  while (queue.length > 0) for (const index of mentionedBy.get(queue.pop()!) ?? []) keep(index);
  const blank = items.flatMap((item, index) => (item.unit && !kept.has(index) ? [item.unit] : []));
  // Units do not nest (both kinds are at the top level).
  const parts: string[] = [];
  let from = 0;
  let bytes = 0;
  for (const { open, close } of blank) {
    const start = open + 1;
    parts.push(source.slice(from, start), blankOf(source.slice(start, close)));
    from = close;
    bytes += close - start;
  }
  parts.push(source.slice(from));
  return { source: parts.join(''), blanked: blank.length, bytes };
}

/**
 * Spaces as long as text, its newlines where text has them. Not a block comment: Babel counts a
 * comment's lines with a search that runs on to the next newline after it, which in minified code
 * is up to megabytes away, for each comment; spaces are skipped one at a time, but in one loop.
 */
function blankOf(text: string): string {
  const pieces: string[] = [];
  let from = 0;
  for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', nl + 1)) {
    pieces.push(' '.repeat(nl - from), '\n');
    from = nl + 1;
  }
  pieces.push(' '.repeat(text.length - from));
  return pieces.join('');
}
