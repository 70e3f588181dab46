import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { PAGES, ROLE_LABELS, type PrivacyNoticeDto } from '@sbd/contracts';
import { maskPhone } from '@sbd/domain';
import { Btn, LinkAction } from '@/ui/Button';
import { Page } from '@/ui/Page';
import { ErrorState } from '@/ui/States';
import { SwitchRow } from '@/ui/Toggle';
import { deleteAccount, fetchMe, fetchPrivacyNotice, logout } from '@/features/auth/service';
import { attempt } from '@/platform/request';
import { isLoggedIn, pickActiveRole, roleKey, setActiveRole, useSession } from '@/platform/session';
import { setElderly, useElderly } from '@/platform/elderly';
import { a11y, cx, keyActivate } from '@/platform/a11y';
import { formatDate } from '@/platform/format';
import { goHome, openPage } from '@/platform/nav';
import './index.css';

function confirm(title: string, content: string, confirmText: string, danger = false): Promise<boolean> {
  return Promise.resolve(
    Taro.showModal({ title, content, confirmText, cancelText: '取消', ...(danger ? { confirmColor: '#b3261e' } : {}) }),
  )
    .then((r) => !!r?.confirm)
    .catch(() => false);
}

function toast(title: string): void {
  Promise.resolve(Taro.showToast({ title, icon: 'none' })).catch(() => undefined);
}

export default function MePage() {
  const session = useSession();
  const elderly = useElderly();
  const user = session?.user ?? null;
  const activeKey = user ? pickActiveRole(user.roles, session?.activeRole ?? null) : null;

  const [notice, setNotice] = useState<PrivacyNoticeDto | null>(null);
  const [noticeOpen, setNoticeOpen] = useState(false);
  const [noticeError, setNoticeError] = useState('');
  const [busy, setBusy] = useState<'' | 'logout' | 'delete'>('');

  useDidShow(() => {
    if (isLoggedIn()) void attempt(fetchMe(true));
  });

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
    if (!(await confirm('退出登录', '确定退出当前账号吗？', '退出'))) return;
    setBusy('logout');
    await logout();
    setBusy('');
    toast('已退出登录');
    goHome();
  };

  const doDelete = async () => {
    const ok = await confirm(
      '注销账号',
      '注销后，您的账号和报到信息将被删除，且无法恢复。确定要注销吗？',
      '确定注销',
      true,
    );
    if (!ok) return;
    setBusy('delete');
    const r = await attempt(deleteAccount());
    setBusy('');
    if (r.ok) {
      toast('账号已注销');
      goHome();
    }
  };

  return (
    <Page title='我的'>
      {user ? (
        <View className='card'>
          <Text className='me-name'>{user.name}</Text>
          <View className='kv'>
            <Text className='kv-key'>手机号</Text>
            <Text className='kv-value'>{user.phone ? maskPhone(user.phone) : '未绑定'}</Text>
          </View>
          <View className='kv'>
            <Text className='kv-key'>微信</Text>
            <Text className='kv-value'>{user.hasWechat ? '已绑定' : '未绑定'}</Text>
          </View>
          <View className='kv'>
            <Text className='kv-key'>隐私政策</Text>
            <Text className='kv-value'>
              {user.consentAt ? `已于 ${formatDate(user.consentAt)} 同意（${user.consentVersion ?? ''}）` : '尚未同意'}
            </Text>
          </View>
        </View>
      ) : (
        <View className='card'>
          <Text className='block mb-32'>您还没有登录。</Text>
          <Btn onClick={() => openPage(PAGES.login)}>登录 / 注册</Btn>
        </View>
      )}

      {user && user.roles.length > 0 ? (
        <View>
          <Text className='section-title'>{user.roles.length > 1 ? '我的身份（点按切换）' : '我的身份'}</Text>
          <View className='card'>
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
                  <Text className='role-mark'>{on ? '●' : '○'}</Text>
                  <Text className='role-text'>{text}</Text>
                  {on ? <Text className='badge badge-approved'>当前</Text> : null}
                </View>
              );
            })}
          </View>
        </View>
      ) : null}

      <Text className='section-title'>设置</Text>
      <View className='card'>
        <SwitchRow
          label='长辈版（大字模式）'
          description='字更大、按钮更大、行距更宽'
          checked={elderly.enabled}
          onChange={(on) => {
            setElderly(on);
            toast(on ? '已切换到长辈版' : '已切换到标准版');
          }}
        />
        {elderly.systemFontScale !== 1 ? (
          <Text className='t-s t-muted block'>
            {`已跟随微信字体大小（${Math.round(elderly.systemFontScale * 100)}%）`}
          </Text>
        ) : null}
      </View>

      <Text className='section-title'>隐私与账号</Text>
      <View className='card'>
        <LinkAction onClick={toggleNotice}>{noticeOpen ? '收起隐私政策' : '查看隐私政策'}</LinkAction>
        {noticeOpen ? (
          noticeError ? (
            <ErrorState message={noticeError} />
          ) : notice ? (
            <View className='me-notice'>
              <Text className='t-bold block'>
                {notice.title}
              </Text>
              <Text className='t-s block mt-16'>
                {notice.body}
              </Text>
              <Text className='t-xs t-muted block mt-16'>{`版本：${notice.version}`}</Text>
            </View>
          ) : (
            <Text className='t-muted'>加载中…</Text>
          )
        ) : null}
      </View>

      {user ? (
        <View>
          <Btn variant='plain' onClick={doLogout} loading={busy === 'logout'} loadingText='正在退出…'>
            退出登录
          </Btn>
          <Btn variant='danger' onClick={doDelete} loading={busy === 'delete'} loadingText='正在注销…'>
            注销账号
          </Btn>
          <Text className='t-s t-muted block mt-24'>
            注销后账号、报到信息将被删除，无法恢复。
          </Text>
        </View>
      ) : null}
    </Page>
  );
}
