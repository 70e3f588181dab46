import { useEffect, useState } from 'react';
import { OrgNodeType } from '@sbd/contracts';
import { RadioChips } from '@/ui/Choice';
import { Field, TextAreaField, TextField } from '@/ui/Field';
import { Stepper } from '@/ui/Stepper';
import { fetchChildren } from '@/features/org/service';
import { attempt } from '@/platform/request';

export interface CallupForm {
  scopeNodeId: number;
  title: string;
  description: string;
  place: string;
  needed: number;
}

export function validateCallup(f: CallupForm): Partial<Record<keyof CallupForm, string>> {
  return {
    title: f.title.trim()
      ? Array.from(f.title.trim()).length > 50
        ? '标题不能超过50个字'
        : undefined
      : '请填写召集事由，如：暴雨防汛应急集结',
    description: f.description.trim() ? undefined : '请说明要做什么、注意事项',
    place: f.place.trim() ? undefined : '请填写集合地点',
  };
}

export type CallupScope = { value: number; label: string };

/** Where a call-up can go: the whole community, then its grids and functional branches. */
export function useCallupScopes(communityId: number, communityName: string | undefined): CallupScope[] {
  const [scopes, setScopes] = useState<CallupScope[]>([]);
  useEffect(() => {
    if (!communityId) return;
    let live = true;
    void Promise.all([
      attempt(fetchChildren(communityId, OrgNodeType.Grid)),
      attempt(fetchChildren(communityId, OrgNodeType.FunctionalBranch)),
    ]).then(([g, b]) => {
      if (!live) return;
      setScopes([
        { value: communityId, label: `全社区（${communityName ?? ''}）` },
        ...(g.ok ? g.data.map((n) => ({ value: n.id, label: n.name })) : []),
        ...(b.ok ? b.data.map((n) => ({ value: n.id, label: n.name })) : []),
      ]);
    });
    return () => {
      live = false;
    };
  }, [communityId]);
  return scopes;
}

/** The call-up form's fields: scope (when there is a choice), title, description, place, head count. */
export function CallupFields({
  form,
  errors,
  scopes,
  communityId,
  set,
}: {
  form: CallupForm;
  errors: Partial<Record<keyof CallupForm, string>>;
  scopes: CallupScope[];
  communityId: number;
  set: <K extends keyof CallupForm>(k: K, v: CallupForm[K]) => void;
}) {
  return (
    <>
      {scopes.length > 1 ? (
        <Field label="召集范围" required>
          <RadioChips
            label="召集范围"
            options={scopes}
            value={form.scopeNodeId || communityId}
            onChange={(v) => set('scopeNodeId', v)}
          />
        </Field>
      ) : null}
      <TextField
        label="召集事由"
        value={form.title}
        onChange={(v) => set('title', v)}
        maxLength={50}
        required
        error={errors.title}
        placeholder="如：暴雨防汛应急集结"
      />
      <TextAreaField
        label="任务说明"
        value={form.description}
        onChange={(v) => set('description', v)}
        maxLength={500}
        required
        error={errors.description}
        placeholder="做什么、带什么、注意安全"
      />
      <TextField
        label="集合地点"
        value={form.place}
        onChange={(v) => set('place', v)}
        maxLength={255}
        required
        error={errors.place}
        placeholder="如：桃园社区党群服务中心"
      />
      <Field label="需要人数">
        <Stepper label="需要人数" value={form.needed} min={1} max={500} onChange={(v) => set('needed', v)} unit="人" />
      </Field>
    </>
  );
}
