import { Text, View } from '@tarojs/components';
import { CLAIM_STATUS_LABELS, PAGES, type ClaimDto } from '@sbd/contracts';
import { Badge } from '@/ui/Badge';
import { Btn } from '@/ui/Button';
import { Checkbox } from '@/ui/Toggle';
import { CLAIM_TONE } from '@/features/loop/loop';
import { openPage } from '@/platform/nav';

export interface Candidate {
  userId: number;
  name: string;
  detail: string;
}

/** The branch's members as checkboxes, with 全选 when there is more than one. */
export function CandidatePicker({
  candidates,
  picked,
  onChange,
}: {
  candidates: Candidate[];
  picked: number[];
  onChange: (update: (p: number[]) => number[]) => void;
}) {
  const allPicked = candidates.length > 0 && picked.length === candidates.length;
  const toggle = (id: number, on: boolean) => onChange((p) => (on ? [...p, id] : p.filter((x) => x !== id)));
  return (
    <>
      {candidates.length === 0 ? <Text className="block mb-32">支部还没有审核通过的党员。</Text> : null}
      {candidates.length > 1 ? (
        <Checkbox
          checked={allPicked}
          onChange={(on) => onChange(() => (on ? candidates.map((c) => c.userId) : []))}
          label={allPicked ? '取消全选' : '全选'}
        >
          <Text className="t-bold">
            {allPicked ? `取消全选（共${candidates.length}人）` : `全选（共${candidates.length}人）`}
          </Text>
        </Checkbox>
      ) : null}
      {candidates.map((c) => (
        <Checkbox
          key={c.userId}
          checked={picked.includes(c.userId)}
          onChange={(on) => toggle(c.userId, on)}
          label={c.name}
        >
          <View>
            <Text className="t-bold block">{c.name}</Text>
            {c.detail ? <Text className="t-s t-muted">{c.detail}</Text> : null}
          </View>
        </Checkbox>
      ))}
    </>
  );
}

/** What the branch claim came back with: one line per member (claimed or waitlisted), back to the task. */
export function BranchClaimResults({ results, taskId }: { results: ClaimDto[]; taskId: number }) {
  if (!results.length) return null;
  return (
    <View className="card">
      <Text className="t-bold block mb-16">报名结果</Text>
      {results.map((c) => (
        <View key={c.id} className="row-between kv">
          <Text>{c.memberName}</Text>
          <Badge
            text={c.waitlistPosition ? `候补第${c.waitlistPosition}位` : CLAIM_STATUS_LABELS[c.status]}
            tone={CLAIM_TONE[c.status]}
          />
        </View>
      ))}
      <Btn variant="plain" onClick={() => openPage(`${PAGES.task}?id=${taskId}`)}>
        回到任务
      </Btn>
    </View>
  );
}
