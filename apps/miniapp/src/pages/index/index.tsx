import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { ROLE_LABELS, Role, type RoleAssignment } from '@sbd/contracts';
import { ElderlyEntry } from '../../components/ElderlyEntry';
import { Page } from '../../components/Page';
import { Btn } from '../../components/Button';
import { PAGES } from '../../config';
import { fetchMe } from '../../services/auth';
import { attempt } from '../../services/request';
import { activeAssignment, isLoggedIn, useSession } from '../../services/session';
import { a11y, keyActivate } from '../../utils/a11y';
import { openPage } from '../../utils/nav';
import './index.css';

interface TileDef {
  key: string;
  icon: string;
  title: string;
  desc: string;
  url: string;
}

const TILE_REGISTER: TileDef = { key: 'register', icon: '📝', title: '我要报到', desc: '扫社区二维码或输入社区编码', url: PAGES.register };
const TILE_STATUS: TileDef = { key: 'status', icon: '📋', title: '我的报到', desc: '查看审核进度', url: PAGES.status };
const TILE_CARD: TileDef = { key: 'card', icon: '🪪', title: '亮身份', desc: '出示党员电子证', url: PAGES.card };
const TILE_PROFILE: TileDef = { key: 'profile', icon: '🛠️', title: '服务信息', desc: '技能、空闲时间、岗位', url: PAGES.profile };
const TILE_APPROVALS: TileDef = { key: 'approvals', icon: '✅', title: '报到审核', desc: '审核党员报到申请', url: PAGES.approvals };
const TILE_POSTER: TileDef = { key: 'poster', icon: '🔳', title: '社区二维码', desc: '报到海报，张贴或转发', url: PAGES.poster };
const TILE_ME: TileDef = { key: 'me', icon: '👤', title: '我的', desc: '账号、身份切换、设置', url: PAGES.me };

/** Entry tiles for the role the user currently acts as. */
export function tilesFor(role: RoleAssignment | null, loggedIn: boolean): TileDef[] {
  if (!loggedIn) return [TILE_REGISTER, TILE_ME];
  switch (role?.role) {
    case Role.CommunityAdmin:
      return [TILE_APPROVALS, TILE_POSTER, TILE_ME];
    case Role.Member:
    case Role.BranchSecretary:
      return [TILE_CARD, TILE_STATUS, TILE_PROFILE, TILE_ME];
    case Role.Resident:
    case undefined:
      return [TILE_REGISTER, TILE_STATUS, TILE_ME];
    default:
      return [TILE_ME];
  }
}

function Tile({ tile }: { tile: TileDef }) {
  const open = () => openPage(tile.url);
  return (
    <View className='tile' hoverClass='btn-pressed' onClick={open} {...a11y(`${tile.title}，${tile.desc}`, { role: 'button' })} {...keyActivate(open)}>
      <Text className='tile-icon' {...a11y(undefined, { hidden: true })}>
        {tile.icon}
      </Text>
      <Text className='tile-title'>{tile.title}</Text>
      <Text className='tile-desc'>{tile.desc}</Text>
    </View>
  );
}

export default function Home() {
  const session = useSession();
  const loggedIn = !!session?.accessToken;
  const role = activeAssignment(session);
  const tiles = tilesFor(role, loggedIn);
  const isStaffElsewhere = !!role && [Role.UnitAdmin, Role.StreetAdmin, Role.DistrictAdmin, Role.PlatformAdmin].includes(role.role);

  useDidShow(() => {
    // Roles change when a registration is approved: refresh quietly.
    if (isLoggedIn()) void attempt(fetchMe(true));
  });

  return (
    <Page>
      <View className='home-hero'>
        <Text className='home-brand'>双报到</Text>
        <Text className='home-slogan'>在职党员回社区报到 · 服务群众在身边</Text>
        {loggedIn && session?.user ? (
          <View className='home-user'>
            <Text className='home-hello'>{`您好，${session.user.name}`}</Text>
            {role ? <Text className='home-role'>{`当前身份：${ROLE_LABELS[role.role]}${role.scopeName ? ` · ${role.scopeName}` : ''}`}</Text> : null}
          </View>
        ) : null}
      </View>

      <ElderlyEntry />

      {!loggedIn ? (
        <View className='card'>
          <Text className='t-m' style={{ display: 'block', marginBottom: '12px' }}>
            登录后可报到、亮身份、查看审核进度。
          </Text>
          <Btn onClick={() => openPage(PAGES.login)}>登录 / 注册</Btn>
        </View>
      ) : null}

      <Text className='section-title'>常用服务</Text>
      <View className='tiles'>
        {tiles.map((t) => (
          <Tile key={t.key} tile={t} />
        ))}
      </View>

      {isStaffElsewhere ? (
        <View className='notice' style={{ marginTop: '24px' }}>
          <Text>统计与管理功能请在电脑端管理后台使用。</Text>
        </View>
      ) : null}

      <View className='notice' style={{ marginTop: '24px' }}>
        <Text className='t-s t-muted'>居民点单、党员接单、服务评单等功能即将上线。</Text>
      </View>
    </Page>
  );
}
