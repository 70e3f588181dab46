import { Text, View } from '@tarojs/components';
import { NEED_CATEGORY_LABELS, NEED_STATUS_LABELS, PAGES } from '@sbd/contracts';
import { a11y } from '@/platform/a11y';
import { formatDate } from '@/platform/format';
import { openPage } from '@/platform/nav';
import { Btn } from '@/ui/Button';
import { useAction } from '@/ui/hooks/useAction';
import { plusOne } from './service';
import type { Suggestion } from './useDuplicates';
import './post.css';

/** "是不是同一件事？": similar needs of the community, each with a +1 button. */
export function DuplicateSuggestions({
  suggestions,
  onPlusOne,
}: {
  suggestions: Suggestion[];
  onPlusOne: (id: number, count: number) => void;
}) {
  const action = useAction<string>();
  const doPlusOne = (s: Suggestion) =>
    action.run(() => plusOne(s.id), {
      key: String(s.id),
      success: (r) => (r.added ? '已 +1，社区会一并办理' : '您已经 +1 过了'),
      icon: 'none',
      onSuccess: (r) => onPlusOne(s.id, r.plusOneCount),
    });
  const anyMine = suggestions.some((s) => s.mine);
  if (!suggestions.length) return null;
  return (
    <View className="card dup" {...a11y(undefined, { role: 'status', live: 'polite' })}>
      <Text className="t-l t-bold block">是不是同一件事？</Text>
      <Text className="t-s t-muted block need-hint">
        社区里已经有人提过相似的需求。是同一件事就点“+1”，社区会一并办理，不用重复提交。
      </Text>
      {suggestions.map((s) => (
        <View key={s.id} className="dup-item">
          <Text className="t-m t-bold block">{s.title}</Text>
          <Text className="item-line">
            {[
              NEED_CATEGORY_LABELS[s.category],
              s.buildingName,
              `${NEED_STATUS_LABELS[s.status]}`,
              formatDate(s.createdAt),
            ]
              .filter(Boolean)
              .join(' · ')}
          </Text>
          <Text className="item-line">{s.plusOneCount ? `已有${s.plusOneCount}人 +1` : '还没有其他人 +1'}</Text>
          <View className="mt-24">
            {s.mine ? (
              <Btn variant="plain" disabled>
                {`✓ 已 +1（共${s.plusOneCount}人）`}
              </Btn>
            ) : (
              <Btn
                variant="secondary"
                onClick={() => void doPlusOne(s)}
                loading={action.busy === String(s.id)}
                label={`同一件事 +1：${s.title}`}
              >
                同一件事 +1
              </Btn>
            )}
          </View>
        </View>
      ))}
      {anyMine ? (
        <View className="mt-24">
          <Btn onClick={() => openPage(PAGES.myNeeds)}>完成，查看我的需求</Btn>
        </View>
      ) : null}
    </View>
  );
}
