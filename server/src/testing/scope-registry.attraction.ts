import type { ScopeFixture, ScopeRegistry } from './scope-matrix';

// The attraction module's entries of the scope matrix, merged into SCOPE_REGISTRY (scope-registry.ts).

export const ATTRACTION_SCOPE: ScopeRegistry = { idRoutes: {}, lists: {}, writes: {}, exempt: {} };

/** The module's objects in and outside each caller's scope (run after the other seeds). */
export async function seedScopeAttraction(_f: ScopeFixture, _now: Date): Promise<void> {}
