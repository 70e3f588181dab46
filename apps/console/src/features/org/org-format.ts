import { ORG_NODE_TYPE_LABELS, OrgNodeType, type MeDto, type OrgNodeDto, type Role } from '@sbd/contracts';
import { mayAppoint, roleFitsNode } from '@sbd/domain';
import type { TreeDataNode } from 'antd';

/** Node types that hold no staff and would only lengthen the tree. */
const HIDDEN_TYPES: OrgNodeType[] = [OrgNodeType.Building, OrgNodeType.PartyGroup];

export interface OrgTreeNode extends TreeDataNode {
  key: number;
  node: OrgNodeDto;
  children?: OrgTreeNode[];
}

export function treeNode(node: OrgNodeDto): OrgTreeNode {
  const type = ORG_NODE_TYPE_LABELS[node.type] ?? node.type;
  return {
    key: node.id,
    node,
    title: `${node.name}（${type}${node.closedAt ? '，已撤销' : ''}）`,
    isLeaf: node.type === OrgNodeType.Grid,
  };
}

export function visibleChildren(nodes: OrgNodeDto[]): OrgNodeDto[] {
  return nodes.filter((n) => !HIDDEN_TYPES.includes(n.type));
}

/** The tree with `children` set under `key`. */
export function withChildren(tree: OrgTreeNode[], key: number, children: OrgTreeNode[]): OrgTreeNode[] {
  return tree.map((t) =>
    t.key === key ? { ...t, children } : t.children ? { ...t, children: withChildren(t.children, key, children) } : t,
  );
}

/** Roles the user may appoint over a node of this type (the API checks the subtree as well). */
export function appointableRoles(user: MeDto, nodeType: OrgNodeDto['type'], all: readonly Role[]): Role[] {
  return all.filter((role) => roleFitsNode(role, nodeType) && user.roles.some((r) => mayAppoint(r.role, role)));
}

/** "2026-12-04 至 长期" for a term. */
export function termText(startsAt: string, endsAt: string | null): string {
  const day = (iso: string) => new Date(iso).toLocaleDateString('zh-CN');
  return `${day(startsAt)} 至 ${endsAt ? day(endsAt) : '长期'}`;
}

/** The keys of the node `key` and everything loaded below it. */
export function subtreeKeys(tree: OrgTreeNode[], key: number): number[] {
  const all = (t: OrgTreeNode): number[] => [t.key, ...(t.children ?? []).flatMap(all)];
  for (const t of tree) {
    if (t.key === key) return all(t);
    const below = subtreeKeys(t.children ?? [], key);
    if (below.length) return below;
  }
  return [];
}
