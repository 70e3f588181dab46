import { Select } from 'antd';
import type { RoleAssignment } from '@sbd/contracts';

/** The toolbar's 社区 picker: one of the communities the staff member runs. */
export function CommunitySelect(props: {
  scopes: RoleAssignment[];
  value: number | null;
  onChange: (communityId: number) => void;
}) {
  return (
    <Select
      className="picker"
      aria-label="社区"
      value={props.value ?? undefined}
      options={props.scopes.map((s) => ({ value: s.scopeNodeId, label: s.scopeName }))}
      onChange={props.onChange}
    />
  );
}
