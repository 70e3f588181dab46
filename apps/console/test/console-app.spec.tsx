import { Role, type MeDto } from '@sbd/contracts';
import { render, screen } from '@testing-library/react';
import { ConsoleApp } from '@/console-app';
import { menuFor } from '@/features/shell/menu';
import { isStaff } from '@/platform/roles';

const user = (...roles: Role[]): MeDto => ({
  id: 1,
  name: '陈芳',
  phone: null,
  hasWechat: false,
  roles: roles.map((role) => ({ role, scopeNodeId: 7, scopeName: '桃园社区' })),
  consentVersion: null,
  consentAt: null,
});

describe('the console shell', () => {
  beforeAll(() => {
    // antd's responsive helpers ask for matchMedia, which jsdom lacks.
    window.matchMedia ??= ((query: string) => ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    })) as unknown as typeof window.matchMedia;
  });

  it('should ask for a staff sign-in when nobody is signed in', () => {
    sessionStorage.clear();
    render(<ConsoleApp />);
    expect(screen.getByText('双报到 · 管理后台')).toBeTruthy();
    expect(screen.getByLabelText('手机号')).toBeTruthy();
  });

  it('should count only staff roles as console users', () => {
    expect(isStaff(user(Role.Member, Role.Resident))).toBe(false);
    expect(isStaff(user(Role.Member, Role.BranchSecretary))).toBe(true);
  });

  it('should show 报到审核 to community admins only, 服务核验 also to those above', () => {
    expect(menuFor(user(Role.CommunityAdmin)).map((m) => m.label)).toEqual([
      '工作台',
      '报到审核',
      '需求分拣',
      '任务管理',
      '服务核验',
      '统计',
      '组织与人员',
      '应急召集',
    ]);
    expect(menuFor(user(Role.UnitAdmin)).map((m) => m.label)).toEqual(['工作台', '统计', '单位名册']);
    expect(menuFor(user(Role.DistrictAdmin)).map((m) => m.label)).toEqual([
      '工作台',
      '服务核验',
      '统计',
      '组织与人员',
      '应急召集',
      '单位名册',
      '数据大屏',
      '审计日志',
    ]);
    expect(menuFor(user(Role.StreetAdmin)).map((m) => m.label)).toEqual([
      '工作台',
      '服务核验',
      '统计',
      '组织与人员',
      '应急召集',
      '数据大屏',
    ]);
  });

  it('should show 审计日志 to platform and district admins only', () => {
    expect(menuFor(user(Role.DistrictAdmin)).map((m) => m.label)).toContain('审计日志');
    expect(menuFor(user(Role.PlatformAdmin)).map((m) => m.label)).toContain('审计日志');
    expect(menuFor(user(Role.CommunityAdmin)).map((m) => m.label)).not.toContain('审计日志');
  });
});
