import type { MenuGroup } from '@groundbreak/contract';

/** What a route tells the frame about itself when the server's menu does not list it. */
export interface RouteHandle {
  crumb?: { group?: MenuGroup; title: string };
}

export function isRouteHandle(handle: unknown): handle is RouteHandle {
  return typeof handle === 'object' && handle !== null && 'crumb' in handle;
}
