import { OrgNodeType, Role } from '@sbd/contracts';
import { appointersOf, mayAppoint, roleFitsNode } from './appointment';

describe('who may appoint whom', () => {
  it('should let a district admin appoint street, community and unit admins but not another district admin', () => {
    expect(mayAppoint(Role.DistrictAdmin, Role.StreetAdmin)).toBe(true);
    expect(mayAppoint(Role.DistrictAdmin, Role.UnitAdmin)).toBe(true);
    expect(mayAppoint(Role.DistrictAdmin, Role.DistrictAdmin)).toBe(false);
  });

  it('should let a community admin appoint only branch secretaries and grid leaders', () => {
    expect(mayAppoint(Role.CommunityAdmin, Role.GridLeader)).toBe(true);
    expect(mayAppoint(Role.CommunityAdmin, Role.BranchSecretary)).toBe(true);
    expect(mayAppoint(Role.CommunityAdmin, Role.CommunityAdmin)).toBe(false);
    expect(mayAppoint(Role.CommunityAdmin, Role.DistrictAdmin)).toBe(false);
  });

  it('should never let members or residents appoint anyone', () => {
    expect(mayAppoint(Role.Member, Role.GridLeader)).toBe(false);
    expect(mayAppoint(Role.Resident, Role.CommunityAdmin)).toBe(false);
  });

  it('should name the platform admin among the appointers of every staff role', () => {
    expect(appointersOf(Role.GridLeader)).toEqual([Role.PlatformAdmin, Role.CommunityAdmin]);
    expect(appointersOf(Role.PlatformAdmin)).toEqual([Role.PlatformAdmin]);
  });

  it('should hold each role over its own kind of node only', () => {
    expect(roleFitsNode(Role.GridLeader, OrgNodeType.Grid)).toBe(true);
    expect(roleFitsNode(Role.GridLeader, OrgNodeType.Community)).toBe(false);
    expect(roleFitsNode(Role.PlatformAdmin, null)).toBe(true);
    expect(roleFitsNode(Role.StreetAdmin, null)).toBe(false);
    expect(roleFitsNode(Role.Member, OrgNodeType.Community)).toBe(false);
  });
});
