import type { Region } from '@groundbreak/contract';

export interface RegionNode extends Region {
  children?: RegionNode[];
}

/** Builds the 省 > 市 > 区(县) > 板块 tree from the flat list; siblings by `sortOrder`, then code. */
export function buildRegionTree(regions: readonly Region[]): RegionNode[] {
  const byId = new Map<string, RegionNode>(regions.map((region) => [region.id, { ...region }]));
  const roots: RegionNode[] = [];
  for (const node of byId.values()) {
    const parent = node.parentId ? byId.get(node.parentId) : undefined;
    if (!parent) roots.push(node);
    else if (parent.children) parent.children.push(node);
    else parent.children = [node];
  }
  const sortLevel = (nodes: RegionNode[]) => {
    nodes.sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code));
    for (const node of nodes) if (node.children) sortLevel(node.children);
  };
  sortLevel(roots);
  return roots;
}

/**
 * The parts of the tree a user may pick from: the subtrees of their scope regions. No scope regions
 * means no limit (the server still checks every save).
 */
export function limitRegionTree(roots: readonly RegionNode[], scopeIds: readonly string[]): RegionNode[] {
  if (scopeIds.length === 0) return [...roots];
  const picked: RegionNode[] = [];
  const visit = (nodes: readonly RegionNode[]) => {
    for (const node of nodes) {
      if (scopeIds.includes(node.id)) picked.push(node);
      else if (node.children) visit(node.children);
    }
  };
  visit(roots);
  return picked;
}
