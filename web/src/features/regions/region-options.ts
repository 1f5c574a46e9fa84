import type { Region } from '@groundbreak/contract';
import type { ListFilterTreeNode } from '../../components/use-list-search-params';
import type { RegionNode } from './region-tree';
import { buildRegionTree, limitRegionTree } from './region-tree';

function toOption(node: RegionNode): ListFilterTreeNode {
  return { value: node.id, title: node.name, children: node.children?.map(toOption) };
}

/** The region tree as options of a 所属区划 filter or field, limited to `scopeIds` when given. */
export function toRegionTreeOptions(
  regions: readonly Region[],
  scopeIds: readonly string[] = [],
): ListFilterTreeNode[] {
  return limitRegionTree(buildRegionTree(regions), scopeIds).map(toOption);
}
