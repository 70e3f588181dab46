import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { PAGES, SubscribeMoment } from '@sbd/contracts';
import { a11y } from '@/platform/a11y';
import { replacePage } from '@/platform/nav';
import { attempt } from '@/platform/request';
import { needCommunity, useSession } from '@/platform/session';
import { hasErrors, type FormErrors } from '@/platform/validation';
import { Btn } from '@/ui/Button';
import { Gate } from '@/ui/Gate';
import { useAction } from '@/ui/hooks/useAction';
import { Page } from '@/ui/Page';
import type { SelectOption } from '@/ui/Field';
import { DuplicateSuggestions } from '@/features/needs/DuplicateSuggestions';
import {
  emptyNeedForm,
  needFieldErrors,
  toCreateNeedRequest,
  validateNeed,
  type NeedField,
  type NeedForm,
} from '@/features/needs/form';
import { NeedWhatFields, NeedWhereFields, ProxyFields } from '@/features/needs/NeedFormFields';
import { createNeed } from '@/features/needs/service';
import { useDuplicates } from '@/features/needs/useDuplicates';
import { fetchCommunityProfile } from '@/features/org/service';
import { askToSubscribe } from '@/features/subscriptions/subscribe';
import { useSubscribeMoment } from '@/features/subscriptions/useSubscribeMoment';

/** 居民点单: what, where, when, photos; likely duplicates ("同一件事 +1") are shown before posting. */
export default function PostNeedPage() {
  const session = useSession();
  const community = needCommunity(session);
  const [form, setForm] = useState<NeedForm>(() => emptyNeedForm({ proxy: !!community?.asStaff }));
  const [errors, setErrors] = useState<FormErrors<NeedField>>({});
  const [formError, setFormError] = useState('');
  const [buildings, setBuildings] = useState<SelectOption<number>[]>([]);
  const action = useAction();
  const communityId = community?.communityId ?? 0;
  const dup = useDuplicates(communityId, form);
  // Residents are asked to subscribe to their need's progress (staff posting for someone are not).
  useSubscribeMoment(SubscribeMoment.AfterNeed, !!community && !community.asStaff);

  // Buildings from the community's public profile (by id: the community of the resident, member or
  // staff role); without it the form simply has no building picker.
  useEffect(() => {
    if (!communityId) return;
    let live = true;
    void attempt(fetchCommunityProfile(communityId)).then((r) => {
      if (live && r.ok) setBuildings(r.data.buildings.map((b) => ({ value: b.id, label: b.name })));
    });
    return () => {
      live = false;
    };
  }, [communityId]);

  if (!community) {
    return (
      <Gate
        title="我要点单"
        loggedIn={!!session?.accessToken}
        need="请先在社区报到或以社区居民身份注册后再提交需求。"
      />
    );
  }

  const set = <K extends NeedField>(key: K, value: NeedForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    if (errors[key]) setErrors((e) => ({ ...e, [key]: undefined }));
  };

  const submit = async () => {
    const errs = validateNeed(form);
    setErrors(errs);
    setFormError('');
    if (hasErrors(errs)) {
      setFormError('请按红色提示修改后再提交');
      return;
    }
    if (!community.asStaff) void askToSubscribe(SubscribeMoment.AfterNeed);
    await action.run(
      async () => {
        // The duplicates for exactly this text must have been on screen before posting.
        if (!dup.current && (await dup.check(form)).length) return null;
        return createNeed(toCreateNeedRequest(form, communityId));
      },
      {
        errorToast: false,
        success: (need) => (need ? '已提交' : null),
        onSuccess: (need) => {
          if (need) replacePage(`${PAGES.need}?id=${need.id}`);
          else setFormError('发现相似的需求：如果是同一件事，点“+1”即可，不用重复提交');
        },
        onError: (e) => {
          setErrors(needFieldErrors(e.details));
          setFormError(e.message);
        },
      },
    );
  };

  const fields = { form, errors, set };
  return (
    <Page title={community.asStaff ? '代居民点单' : '我要点单'}>
      <Text className="t-s t-muted block mb-32">
        {`${community.communityName} · 说说您需要什么帮助，社区会安排党员志愿者上门服务。`}
      </Text>
      {community.asStaff ? <ProxyFields {...fields} /> : null}
      <NeedWhatFields {...fields} />
      <DuplicateSuggestions suggestions={dup.suggestions} onPlusOne={dup.markMine} />
      <NeedWhereFields {...fields} buildings={buildings} />
      {formError ? (
        <View className="notice notice-error" {...a11y(undefined, { role: 'alert' })}>
          <Text>{formError}</Text>
        </View>
      ) : null}
      <Btn onClick={() => void submit()} loading={!!action.busy} loadingText="正在提交…">
        {dup.suggestions.length && dup.current ? '不是同一件事，提交新需求' : '提交需求'}
      </Btn>
      <Text className="t-s t-muted block mt-32">提交后可在“我的需求”查看办理进度；内容需经社区审核后公开。</Text>
    </Page>
  );
}
