// A hand-written tsyringe-style container with standard (TC39) decorators: @Injectable({ eager }) registers a class
// and, for eager ones, constructs it as soon as the class is defined (decorators run at class definition, at init);
// @Inject(token) records a field's dependency. Lazy classes are constructed on first resolve().
type Ctor<T = unknown> = new () => T;
const registry = new Map<string, { ctor: Ctor; instance?: unknown }>();
const pendingEager: string[] = [];

export function Injectable(options: { token: string; eager?: boolean }) {
  return function <T extends Ctor>(target: T, context: ClassDecoratorContext<T>) {
    registry.set(options.token, { ctor: target });
    if (options.eager) {
      context.addInitializer(() => {
        pendingEager.push(options.token);
        resolve(options.token);
      });
    }
  };
}

export function Inject(token: string) {
  return function (_value: undefined, _context: ClassFieldDecoratorContext) {
    return () => resolve(token);
  };
}

export function resolve<T>(token: string): T {
  const entry = registry.get(token);
  if (!entry) throw new Error(`no provider for ${token}`);
  entry.instance ??= new entry.ctor();
  return entry.instance as T;
}

export function reset(token: string): void {
  const entry = registry.get(token);
  if (entry) entry.instance = undefined;
}

export const eagerTokens = pendingEager;
