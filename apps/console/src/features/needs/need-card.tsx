import {
  NEED_ACTION_LABELS,
  NEED_CATEGORY_LABELS,
  NEED_STATUS_LABELS,
  NeedAction,
  NeedStatus,
  type NeedDto,
} from '@sbd/contracts';
import { Button, Card, Checkbox, Space, Tag } from 'antd';
import { boardActions } from './need-actions';

/** One need on the board: its tags, who asked and when, a tick for bulk actions and the actions the API allows on it. */
export function NeedCard({
  need: n,
  selected,
  onSelect,
  onAction,
  onToTask,
}: {
  need: NeedDto;
  selected: boolean;
  onSelect: (on: boolean) => void;
  onAction: (action: NeedAction) => void;
  onToTask: () => void;
}) {
  const actions = boardActions(n);
  return (
    <Card
      size="small"
      className={selected ? 'need-card need-card-selected' : 'need-card'}
      title={n.title}
      extra={
        actions.length > 0 && (
          <Checkbox aria-label={`选择：${n.title}`} checked={selected} onChange={(e) => onSelect(e.target.checked)} />
        )
      }
    >
      <Space size={4} wrap>
        <Tag>{NEED_CATEGORY_LABELS[n.category]}</Tag>
        <Tag color="blue">{NEED_STATUS_LABELS[n.status]}</Tag>
        {n.plusOneCount > 0 && <Tag color="orange">+{n.plusOneCount}</Tag>}
        {n.taskIds.length > 0 && <Tag color="green">已转任务 {n.taskIds.length}</Tag>}
      </Space>
      <div className="need-meta">
        {n.requesterName}
        {n.buildingName ? ` · ${n.buildingName}` : ''} · {new Date(n.createdAt).toLocaleDateString('zh-CN')}
      </div>
      <Space size={4} wrap>
        {actions.map((a) => (
          <Button
            key={a}
            size="small"
            danger={a === NeedAction.Reject}
            type={a === NeedAction.Accept || a === NeedAction.Release ? 'primary' : 'default'}
            onClick={() => onAction(a)}
          >
            {NEED_ACTION_LABELS[a]}
          </Button>
        ))}
        {n.status === NeedStatus.Accepted && (
          <Button size="small" onClick={onToTask}>
            {n.taskIds.length ? '再发任务' : '转为任务'}
          </Button>
        )}
      </Space>
    </Card>
  );
}
