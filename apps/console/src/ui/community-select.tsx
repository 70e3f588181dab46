import { Select } from 'antd';
import { OrgNodeType, ROUTES, Role, type MeDto, type RoleAssignment } from '@sbd/contracts';
import { useEffect, useState } from 'react';
import { call } from '@/platform/api';

export interface CommunityChoice {
  id: number;
  name: string;
}

/** Roles over a street or district: their pages may pick any open community of that subtree. */
const SUBTREE_ROLES: readonly Role[] = [Role.StreetAdmin, Role.DistrictAdmin];

const choicesOf = (scopes: RoleAssignment[]): CommunityChoice[] =>
  scopes.map((s) => ({ id: s.scopeNodeId as number, name: s.scopeName ?? '' }));

/**
 * The communities a page may work on: the ones the user runs (at once), then the open
 * communities under each street or district they administer (from the org tree, one request per
 * scope node), without repeats.
 */
export function useScopeCommunities(user: MeDto, own: RoleAssignment[]): CommunityChoice[] {
  const [below, setBelow] = useState<CommunityChoice[]>([]);
  const parents = user.roles
    .filter((r) => SUBTREE_ROLES.includes(r.role) && r.scopeNodeId !== null)
    .map((r) => r.scopeNodeId as number);
  const key = parents.join(',');
  useEffect(() => {
    if (!key) return;
    let live = true;
    const ids = key.split(',').map(Number);
    void Promise.all(
      ids.map((id) =>
        call(ROUTES.org.children, { params: { id }, query: { type: OrgNodeType.Community } }).catch(() => []),
      ),
    ).then((lists) => {
      if (live) setBelow(lists.flat().map((n) => ({ id: n.id, name: n.name })));
    });
    return () => {
      live = false;
    };
  }, [key]);
  const all = [...choicesOf(own), ...below];
  return all.filter((c, i) => all.findIndex((d) => d.id === c.id) === i);
}

/** The toolbar's 社区 picker: one of the communities the staff member may work on. */
export function CommunitySelect(props: {
  scopes?: RoleAssignment[];
  communities?: CommunityChoice[];
  value: number | null;
  onChange: (communityId: number) => void;
}) {
  const choices = props.communities ?? choicesOf(props.scopes ?? []);
  return (
    <Select
      className="picker"
      aria-label="社区"
      value={props.value ?? undefined}
      options={choices.map((c) => ({ value: c.id, label: c.name }))}
      onChange={props.onChange}
    />
  );
}
