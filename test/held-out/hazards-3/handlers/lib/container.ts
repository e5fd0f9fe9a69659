// A small dependency-injection container (no decorators): factories are registered by name and made on resolve();
// singletons are kept in the container's Map.
type Factory<T> = () => T;

export class Container {
  #factories = new Map<string, { make: Factory<unknown>; singleton: boolean }>();
  #instances = new Map<string, unknown>();

  register<T>(name: string, make: Factory<T>, { singleton = true } = {}) {
    this.#factories.set(name, { make, singleton });
    return this;
  }

  resolve<T>(name: string): T {
    const entry = this.#factories.get(name);
    if (!entry) throw new Error(`nothing registered as ${name}`);
    if (!entry.singleton) return entry.make() as T;
    if (!this.#instances.has(name)) this.#instances.set(name, entry.make());
    return this.#instances.get(name) as T;
  }

  reset(name: string) {
    this.#instances.delete(name);
  }
}

export const container = new Container();
