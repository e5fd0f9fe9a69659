// Heading anchors as GitHub makes them (lower case, punctuation dropped, spaces to hyphens), so
// that a link like `checks.md#uniqueness-lint-sr101sr108` works on GitHub and on the docs site
// alike: the site's config and the link tests use this one function.
export function slug(text) {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** The plain text of a Markdown heading line, as GitHub slugs it: code spans, links and emphasis unwrapped. */
export function headingText(markdown) {
  return markdown
    .replace(/`([^`]*)`/g, '$1')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_]{1,2}([^*_]+)[*_]{1,2}/g, '$1');
}

/** Every anchor of a Markdown page, in order, with GitHub's `-1`, `-2` suffixes for repeats. */
export function anchorsOf(markdown) {
  const seen = new Map();
  const anchors = [];
  for (const [, heading] of withoutCode(markdown).matchAll(/^#{1,6} +(.+?) *#*$/gm)) {
    const base = slug(headingText(heading));
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.push(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

/** The page with its fenced code blocks blanked (their lines kept, so line numbers stay right). */
export function withoutCode(markdown) {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, (block) => block.replace(/[^\n]/g, ''));
}
