import { useEffect, useState } from 'react';
import type { CommunityPublicDto, PrivacyNoticeDto, RegistrationDto } from '@sbd/contracts';
import { attempt } from '@/platform/request';
import { fetchPrivacyNotice } from '@/features/auth/service';
import { rememberCommunityCode } from '@/features/org/communityCodes';
import { fetchCommunityByCode, fetchMyRegistration } from './service';

export interface RegisterStart {
  /** The community code in use; null asks for one (none in the link, or not found). */
  code: string | null;
  chooseCode: (code: string) => void;
  community: CommunityPublicDto | null;
  loading: boolean;
  loadError: string;
  codeError: string;
  /** The member's own registration, if any. */
  existing: RegistrationDto | null;
  notice: PrivacyNoticeDto | null;
  noticeError: string;
  loadNotice: () => Promise<void>;
  reload: () => void;
}

/**
 * What the 报到 form needs before it shows: the community (by the code from the link, the scan or
 * typed in), the member's registration (when signed in) and the privacy notice.
 */
export function useRegisterStart(initialCode: string | null, loggedIn: boolean): RegisterStart {
  const [code, setCode] = useState<string | null>(initialCode);
  const [community, setCommunity] = useState<CommunityPublicDto | null>(null);
  const [loadError, setLoadError] = useState('');
  const [codeError, setCodeError] = useState('');
  const [loading, setLoading] = useState(false);
  const [existing, setExisting] = useState<RegistrationDto | null>(null);
  const [notice, setNotice] = useState<PrivacyNoticeDto | null>(null);
  const [noticeError, setNoticeError] = useState('');

  const loadNotice = async () => {
    setNoticeError('');
    const r = await attempt(fetchPrivacyNotice());
    if (r.ok) setNotice(r.data);
    else setNoticeError(`隐私政策加载失败：${r.error.message}`);
  };

  const load = async (c: string) => {
    setLoading(true);
    setLoadError('');
    const [cr, rr] = await Promise.all([
      attempt(fetchCommunityByCode(c)),
      loggedIn ? attempt(fetchMyRegistration()) : Promise.resolve(null),
      loadNotice(),
    ]);
    setLoading(false);
    if (!cr.ok) {
      if (cr.error.status === 404) {
        setCode(null);
        setCodeError(`没有找到编码为「${c}」的社区，请核对后重新输入`);
      } else {
        setLoadError(cr.error.message);
      }
      return;
    }
    setCommunity(cr.data);
    rememberCommunityCode(cr.data.id, cr.data.code);
    if (rr && rr.ok && rr.data) setExisting(rr.data);
  };

  useEffect(() => {
    if (code) void load(code);
  }, [code, loggedIn]);

  return {
    code,
    chooseCode: (c) => {
      setCodeError('');
      setCode(c);
    },
    community,
    loading,
    loadError,
    codeError,
    existing,
    notice,
    noticeError,
    loadNotice,
    reload: () => {
      if (code) void load(code);
    },
  };
}
