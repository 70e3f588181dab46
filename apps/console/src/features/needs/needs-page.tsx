import {
  NEED_ACTION_LABELS,
  NEED_CATEGORY_LABELS,
  NeedAction,
  NeedCategory,
  ROUTES,
  type MeDto,
  type NeedDto,
} from '@sbd/contracts';
import { Alert, App, Badge, Button, Card, Col, Input, Modal, Row, Select, Space, Spin } from 'antd';
import { useMemo, useState } from 'react';
import { download } from '@/platform/api';
import { communityScopes } from '@/platform/roles';
import { CommunitySelect } from '@/ui/community-select';
import { TaskForm } from '@/features/tasks/task-form';
import { draftFromNeed, emptyDraft, type TaskDraft } from '@/features/tasks/task-format';
import { BOARD_COLUMNS, groupByColumn } from './board';
import { boardActions, runAction } from './need-actions';
import { NeedCard } from './need-card';
import { useNeeds } from './use-needs';

interface Pending {
  need: NeedDto;
  action: NeedAction.Reject | NeedAction.Merge;
}

const EMPTY_DRAFT = emptyDraft();

/** 需求分拣: a community's needs in columns by status, with the actions the API allows on each. */
export function NeedsPage({ user }: { user: MeDto }) {
  const scopes = communityScopes(user);
  const [communityId, setCommunityId] = useState<number | null>(scopes[0]?.scopeNodeId ?? null);
  const [category, setCategory] = useState<NeedCategory | undefined>();
  const [pending, setPending] = useState<Pending | null>(null);
  const [reason, setReason] = useState('');
  const [target, setTarget] = useState<number | undefined>();
  const [taskDraft, setTaskDraft] = useState<TaskDraft | null>(null);
  const list = useNeeds(communityId, category);
  const columns = useMemo(() => groupByColumn(list.items), [list.items]);
  const { message } = App.useApp();

  const act = async (need: NeedDto, action: NeedAction) => {
    if (action === NeedAction.Reject || action === NeedAction.Merge) {
      setPending({ need, action });
      setReason('');
      setTarget(undefined);
      return;
    }
    await finish(need, action, {});
  };
  const finish = async (need: NeedDto, action: NeedAction, input: { reason?: string; targetNeedId?: number }) => {
    try {
      await runAction(need.id, action, input);
      void message.success(`已${NEED_ACTION_LABELS[action]}：${need.title}`);
      setPending(null);
      await list.reload();
    } catch (e) {
      void message.error((e as Error).message);
    }
  };
  const exportXlsx = () =>
    communityId !== null &&
    download(ROUTES.exports.needs, { params: { id: communityId }, query: { category } }, '需求清单.xlsx').catch(
      (e: Error) => void message.error(e.message),
    );
  const mergeTargets = list.items.filter((n) => n.id !== pending?.need.id && boardActions(n).length > 0);

  return (
    <Card title="需求分拣">
      <Space wrap className="toolbar">
        <CommunitySelect scopes={scopes} value={communityId} onChange={setCommunityId} />
        <Select
          className="picker"
          allowClear
          placeholder="全部类别"
          aria-label="需求类别"
          value={category}
          options={Object.values(NeedCategory).map((c) => ({ value: c, label: NEED_CATEGORY_LABELS[c] }))}
          onChange={setCategory}
        />
        <Button onClick={() => void exportXlsx()}>导出 Excel</Button>
      </Space>
      {list.error && <Alert type="error" showIcon message={list.error} />}
      <Spin spinning={list.loading}>
        <Row gutter={12}>
          {BOARD_COLUMNS.map((col) => (
            <Col span={6} key={col.key}>
              <div className="board-column" data-column={col.title}>
                <div className="board-column-title">
                  {col.title} <Badge count={columns[col.key].length} showZero color="#999" />
                </div>
                {columns[col.key].map((n) => (
                  <NeedCard
                    key={n.id}
                    need={n}
                    onAction={(a) => void act(n, a)}
                    onToTask={() => setTaskDraft(draftFromNeed(n))}
                  />
                ))}
              </div>
            </Col>
          ))}
        </Row>
      </Spin>
      <TaskForm
        open={taskDraft !== null}
        communityId={communityId}
        draft={taskDraft ?? EMPTY_DRAFT}
        onClose={() => setTaskDraft(null)}
        onDone={() => {
          setTaskDraft(null);
          void list.reload();
        }}
      />
      <Modal
        title={pending ? `${NEED_ACTION_LABELS[pending.action]}：${pending.need.title}` : ''}
        open={pending !== null}
        okText={pending ? NEED_ACTION_LABELS[pending.action] : ''}
        okButtonProps={{
          danger: pending?.action === NeedAction.Reject,
          disabled: pending?.action === NeedAction.Reject ? reason.trim().length < 2 : target === undefined,
        }}
        onOk={() => pending && void finish(pending.need, pending.action, { reason, targetNeedId: target })}
        onCancel={() => setPending(null)}
      >
        {pending?.action === NeedAction.Reject ? (
          <Input.TextArea
            rows={3}
            maxLength={200}
            placeholder="请填写驳回原因（将通知居民）"
            aria-label="驳回原因"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        ) : (
          <Select
            className="wide"
            placeholder="合并到哪条需求"
            aria-label="合并到哪条需求"
            value={target}
            options={mergeTargets.map((n) => ({ value: n.id, label: `#${n.id} ${n.title}` }))}
            onChange={setTarget}
          />
        )}
      </Modal>
    </Card>
  );
}
