import {
  NEED_ACTION_LABELS,
  NEED_CATEGORY_LABELS,
  NeedAction,
  NeedCategory,
  ROUTES,
  type MeDto,
  type NeedDto,
} from '@sbd/contracts';
import { Alert, App, Button, Card, Col, Row, Select, Space, Spin } from 'antd';
import { useMemo, useState } from 'react';
import { download } from '@/platform/api';
import { communityScopes } from '@/platform/roles';
import { CommunitySelect } from '@/ui/community-select';
import { TaskForm } from '@/features/tasks/task-form';
import { draftFromNeed, emptyDraft, type TaskDraft } from '@/features/tasks/task-format';
import { BOARD_COLUMNS, groupByColumn } from './board';
import { BoardColumn } from './board-column';
import { boardActions, runAction } from './need-actions';
import { NeedActionModal, type PendingNeedAction } from './need-action-modal';
import { NeedBulkBar } from './need-bulk-bar';
import { useNeedSelection } from './use-need-selection';
import { useNeeds } from './use-needs';

const EMPTY_DRAFT = emptyDraft();

/** 需求分拣: a community's needs in columns by status, with the actions the API allows, one by one or in bulk. */
export function NeedsPage({ user }: { user: MeDto }) {
  const scopes = communityScopes(user);
  const [communityId, setCommunityId] = useState<number | null>(scopes[0]?.scopeNodeId ?? null);
  const [category, setCategory] = useState<NeedCategory | undefined>();
  const [pending, setPending] = useState<PendingNeedAction | null>(null);
  const [taskDraft, setTaskDraft] = useState<TaskDraft | null>(null);
  const list = useNeeds(communityId, category);
  const selection = useNeedSelection(list.items, list.reload);
  const columns = useMemo(() => groupByColumn(list.items), [list.items]);
  const { message } = App.useApp();

  const act = async (need: NeedDto, action: NeedAction) => {
    if (action === NeedAction.Reject || action === NeedAction.Merge) return setPending({ need, action });
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
      <NeedBulkBar selection={selection} />
      {list.error && <Alert type="error" showIcon message={list.error} />}
      <Spin spinning={list.loading}>
        <Row gutter={12}>
          {BOARD_COLUMNS.map((col) => (
            <Col span={6} key={col.key}>
              <BoardColumn
                column={col}
                needs={columns[col.key]}
                selection={selection}
                onAction={(n, a) => void act(n, a)}
                onToTask={(n) => setTaskDraft(draftFromNeed(n))}
              />
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
      <NeedActionModal
        pending={pending}
        mergeTargets={list.items.filter((n) => boardActions(n).length > 0)}
        onOk={(input) => pending && void finish(pending.need, pending.action, input)}
        onCancel={() => setPending(null)}
      />
    </Card>
  );
}
