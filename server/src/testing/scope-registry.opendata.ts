import type { ScopeFixture, ScopeRegistry } from './scope-matrix';

// The opendata module's entries of the scope matrix, merged into SCOPE_REGISTRY (scope-registry.ts).

export const OPENDATA_SCOPE: ScopeRegistry = { idRoutes: {}, lists: {}, writes: {}, exempt: {} };

/** The module's objects in and outside each caller's scope (run after the other seeds). */
export async function seedScopeOpenData(_f: ScopeFixture, _now: Date): Promise<void> {}
