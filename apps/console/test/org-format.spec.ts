import { OrgNodeType, Role, type MeDto, type OrgNodeDto } from '@sbd/contracts';
import { APPOINTABLE_ROLES } from '@sbd/domain';
import { appointableRoles, subtreeKeys, treeNode, visibleChildren, withChildren } from '@/features/org/org-format';

const node = (id: number, type: OrgNodeType, name: string, closedAt: string | null = null): OrgNodeDto => ({
  id,
  type,
  name,
  code: null,
  parentId: null,
  address: null,
  latitude: null,
  longitude: null,
  closedAt,
});

describe('the org page', () => {
  it('should offer only the roles the user may appoint that fit the node', () => {
    const district = { roles: [{ role: Role.DistrictAdmin, scopeNodeId: 1, scopeName: '崇川区' }] } as MeDto;
    expect(appointableRoles(district, OrgNodeType.Street, APPOINTABLE_ROLES)).toEqual([Role.StreetAdmin]);
    expect(appointableRoles(district, OrgNodeType.District, APPOINTABLE_ROLES)).toEqual([]);
    const community = { roles: [{ role: Role.CommunityAdmin, scopeNodeId: 7, scopeName: '桃园社区' }] } as MeDto;
    expect(appointableRoles(community, OrgNodeType.Grid, APPOINTABLE_ROLES)).toEqual([Role.GridLeader]);
    expect(appointableRoles(community, OrgNodeType.Community, APPOINTABLE_ROLES)).toEqual([]);
  });

  it('should show closed nodes as such, hide buildings and party groups, and hang loaded children', () => {
    expect(treeNode(node(3, OrgNodeType.Community, '永兴社区', '2026-01-01T00:00:00Z')).title).toBe(
      '永兴社区（社区，已撤销）',
    );
    const kids = visibleChildren([node(4, OrgNodeType.Grid, '一网格'), node(5, OrgNodeType.Building, '1号楼')]);
    expect(kids.map((k) => k.id)).toEqual([4]);
    const tree = withChildren([treeNode(node(1, OrgNodeType.District, '崇川区'))], 1, kids.map(treeNode));
    expect(tree[0].children?.map((k) => [k.key, k.isLeaf])).toEqual([[4, true]]);
  });

  it('should name a node and what is loaded below it, for a refresh after an import', () => {
    const streets = [treeNode(node(2, OrgNodeType.Street, '甲街道')), treeNode(node(3, OrgNodeType.Street, '乙街道'))];
    let tree = withChildren([treeNode(node(1, OrgNodeType.District, '崇川区'))], 1, streets);
    tree = withChildren(tree, 2, [treeNode(node(4, OrgNodeType.Community, '桃园社区'))]);
    expect(subtreeKeys(tree, 1)).toEqual([1, 2, 4, 3]);
    expect(subtreeKeys(tree, 2)).toEqual([2, 4]);
    expect(subtreeKeys(tree, 3)).toEqual([3]);
    expect(subtreeKeys(tree, 99)).toEqual([]);
  });
});
