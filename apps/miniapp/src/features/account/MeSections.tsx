import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { PAGES, ROLE_LABELS, type MeDto, type PrivacyNoticeDto } from '@sbd/contracts';
import { maskPhone } from '@sbd/domain';
import { a11y, cx, keyActivate } from '@/platform/a11y';
import { setElderly, useElderly } from '@/platform/elderly';
import { confirmModal, toast } from '@/platform/feedback';
import { formatDate } from '@/platform/format';
import { goHome, openPage } from '@/platform/nav';
import { attempt } from '@/platform/request';
import { roleKey, setActiveRole } from '@/platform/session';
import { Btn, LinkAction } from '@/ui/Button';
import { useAction } from '@/ui/hooks/useAction';
import { ErrorState } from '@/ui/States';
import { SwitchRow } from '@/ui/Toggle';
import { deleteAccount, fetchPrivacyNotice, logout } from '@/features/auth/service';
import './me.css';
import { SectionTitle } from '@/ui/SectionTitle';

/** Name, phone, WeChat and consent of the signed-in user; a login button otherwise. */
export function AccountCard({ user }: { user: MeDto | null }) {
  return (
    <>
      {user ? (
        <View className="card">
          <Text className="me-name">{user.name}</Text>
          <View className="kv">
            <Text className="kv-key">手机号</Text>
            <Text className="kv-value">{user.phone ? maskPhone(user.phone) : '未绑定'}</Text>
          </View>
          <View className="kv">
            <Text className="kv-key">微信</Text>
            <Text className="kv-value">{user.hasWechat ? '已绑定' : '未绑定'}</Text>
          </View>
          <View className="kv">
            <Text className="kv-key">隐私政策</Text>
            <Text className="kv-value">
              {user.consentAt ? `已于 ${formatDate(user.consentAt)} 同意（${user.consentVersion ?? ''}）` : '尚未同意'}
            </Text>
          </View>
        </View>
      ) : (
        <View className="card">
          <Text className="block mb-32">您还没有登录。</Text>
          <Btn onClick={() => openPage(PAGES.login)}>登录 / 注册</Btn>
        </View>
      )}
    </>
  );
}

/** 我的身份: the roles of the user; tapping one acts as it (when there are several). */
export function RoleSwitcher({ user, activeKey }: { user: MeDto; activeKey: string | null }) {
  if (user.roles.length === 0) return null;
  return (
    <View>
      <SectionTitle>{user.roles.length > 1 ? '我的身份（点按切换）' : '我的身份'}</SectionTitle>
      <View className="card">
        {user.roles.map((r) => {
          const key = roleKey(r);
          const on = key === activeKey;
          const choose = () => {
            if (on || user.roles.length < 2) return;
            setActiveRole(key);
            toast(`已切换为${ROLE_LABELS[r.role]}`);
          };
          const text = `${ROLE_LABELS[r.role] ?? r.role}${r.scopeName ? ` · ${r.scopeName}` : ''}`;
          return (
            <View
              key={key}
              className={cx('role-row', on && 'on')}
              onClick={choose}
              {...a11y(`${text}${on ? '，当前身份' : ''}`, { role: 'radio', checked: on })}
              {...keyActivate(choose)}
            >
              <Text className="role-mark">{on ? '●' : '○'}</Text>
              <Text className="role-text">{text}</Text>
              {on ? <Text className="badge badge-approved">当前</Text> : null}
            </View>
          );
        })}
      </View>
    </View>
  );
}

/** 我的邀请: staff roles offered to the user's phone (任命邀请), accepted or declined there. */
export function InvitationsEntry() {
  return (
    <View className="card">
      <LinkAction onClick={() => openPage(PAGES.invitations)} label="我的邀请：查看并确认任命邀请">
        我的邀请（任命邀请）›
      </LinkAction>
    </View>
  );
}

/** 设置: 长辈版 (bigger text and buttons), or the WeChat font size it follows. */
export function ElderlySetting() {
  const elderly = useElderly();
  return (
    <>
      <SectionTitle>设置</SectionTitle>
      <View className="card">
        <SwitchRow
          label="长辈版（大字模式）"
          description="字更大、按钮更大、行距更宽"
          checked={elderly.enabled}
          onChange={(on) => {
            setElderly(on);
            toast(on ? '已切换到长辈版' : '已切换到标准版');
          }}
        />
        {elderly.systemFontScale !== 1 ? (
          <Text className="t-s t-muted block">
            {`已跟随微信字体大小（${Math.round(elderly.systemFontScale * 100)}%）`}
          </Text>
        ) : null}
      </View>
    </>
  );
}

/** 隐私与账号: the privacy notice (loaded when opened), logout and account deletion. */
export function PrivacyAndAccount({ loggedIn }: { loggedIn: boolean }) {
  const [notice, setNotice] = useState<PrivacyNoticeDto | null>(null);
  const [noticeOpen, setNoticeOpen] = useState(false);
  const [noticeError, setNoticeError] = useState('');
  const action = useAction<'logout' | 'delete'>();
  const busy = action.busy;

  const toggleNotice = async () => {
    const next = !noticeOpen;
    setNoticeOpen(next);
    if (next && !notice) {
      setNoticeError('');
      const r = await attempt(fetchPrivacyNotice());
      if (r.ok) setNotice(r.data);
      else setNoticeError(`隐私政策加载失败：${r.error.message}`);
    }
  };

  const doLogout = async () => {
    if (!(await confirmModal('退出登录', '确定退出当前账号吗？', '退出'))) return;
    await action.run(() => logout(), { key: 'logout', success: '已退出登录', icon: 'none', onSuccess: goHome });
  };

  const doDelete = async () => {
    const ok = await confirmModal(
      '注销账号',
      '注销后，您的账号和报到信息将被删除，且无法恢复。确定要注销吗？',
      '确定注销',
      true,
    );
    if (!ok) return;
    await action.run(() => deleteAccount(), { key: 'delete', success: '账号已注销', icon: 'none', onSuccess: goHome });
  };

  return (
    <>
      <SectionTitle>隐私与账号</SectionTitle>
      <View className="card">
        <LinkAction onClick={() => void toggleNotice()}>{noticeOpen ? '收起隐私政策' : '查看隐私政策'}</LinkAction>
        {noticeOpen ? (
          noticeError ? (
            <ErrorState message={noticeError} />
          ) : notice ? (
            <View className="me-notice">
              <Text className="t-bold block">{notice.title}</Text>
              <Text className="t-s block mt-16">{notice.body}</Text>
              <Text className="t-xs t-muted block mt-16">{`版本：${notice.version}`}</Text>
            </View>
          ) : (
            <Text className="t-muted">加载中…</Text>
          )
        ) : null}
      </View>

      {loggedIn ? (
        <View>
          <Btn variant="plain" onClick={() => void doLogout()} loading={busy === 'logout'} loadingText="正在退出…">
            退出登录
          </Btn>
          <Btn variant="danger" onClick={() => void doDelete()} loading={busy === 'delete'} loadingText="正在注销…">
            注销账号
          </Btn>
          <Text className="t-s t-muted block mt-24">注销后账号、报到信息将被删除，无法恢复。</Text>
        </View>
      ) : null}
    </>
  );
}
