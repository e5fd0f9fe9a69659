// An error as text for stderr and for Lambda's error bodies: its stack, then each cause's stack,
// so that what a hook itself threw reaches CloudWatch. Bounded, since causes can form a cycle.
const MAX_CAUSES = 5;

export function formatError(error: unknown): string {
  const parts: string[] = [];
  for (let current = error, depth = 0; current !== undefined && depth <= MAX_CAUSES; depth++) {
    const text = current instanceof Error ? (current.stack ?? `${current.name}: ${current.message}`) : String(current);
    parts.push(depth === 0 ? text : `Caused by: ${text}`);
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join('\n');
}
