import { ROUTES, TASK_ACTION_LABELS, TaskAction, TaskStatus, type MeDto, type TaskDto } from '@sbd/contracts';
import { Alert, App, Button, Card, Modal, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { call, download } from '@/platform/api';
import { communityScopes } from '@/platform/roles';
import { CommunitySelect } from '@/ui/community-select';
import { TaskForm } from './task-form';
import { emptyDraft } from './task-format';
import { STATUS_OPTIONS, taskColumns } from './task-columns';
import { useTasks } from './use-tasks';
import { ReasonInput } from '@/ui/reason-input';

/** Runs one task action; cancelling needs a reason. */
function runTaskAction(id: number, action: TaskAction, reason: string): Promise<TaskDto> {
  if (action === TaskAction.Cancel) return call(ROUTES.tasks.cancel, { params: { id }, body: { reason } });
  return call(ROUTES.tasks[action], { params: { id }, body: {} });
}

/** 任务管理: a community's tasks with a status filter and export, and the 发布任务 form. */
export function TasksPage({ user }: { user: MeDto }) {
  const scopes = communityScopes(user);
  const [communityId, setCommunityId] = useState<number | null>(scopes[0]?.scopeNodeId ?? null);
  const [status, setStatus] = useState<TaskStatus | undefined>();
  const [formOpen, setFormOpen] = useState(false);
  const [draft, setDraft] = useState(emptyDraft);
  const [cancelling, setCancelling] = useState<TaskDto | null>(null);
  const [reason, setReason] = useState('');
  const list = useTasks(communityId, status);
  const { message } = App.useApp();

  const act = async (t: TaskDto, action: TaskAction) => {
    try {
      await runTaskAction(t.id, action, reason.trim());
      void message.success(`已${TASK_ACTION_LABELS[action]}：${t.title}`);
      setCancelling(null);
      await list.reload();
    } catch (e) {
      void message.error((e as Error).message);
    }
  };
  const exportXlsx = () =>
    communityId !== null &&
    download(ROUTES.exports.tasks, { params: { id: communityId }, query: { status } }, '任务清单.xlsx').catch(
      (e: Error) => void message.error(e.message),
    );
  const openForm = () => {
    setDraft(emptyDraft());
    setFormOpen(true);
  };

  const columns = taskColumns(status, (t, a) =>
    a === TaskAction.Cancel ? (setReason(''), setCancelling(t)) : void act(t, a),
  );

  return (
    <Card
      title="任务发布"
      extra={
        <Button type="primary" onClick={openForm}>
          发布任务
        </Button>
      }
    >
      <Space wrap className="toolbar">
        <CommunitySelect scopes={scopes} value={communityId} onChange={setCommunityId} />
        <Select
          className="picker"
          allowClear
          placeholder="全部状态"
          aria-label="任务状态"
          value={status}
          options={STATUS_OPTIONS}
          onChange={setStatus}
        />
        <Button onClick={() => void exportXlsx()}>导出 Excel</Button>
      </Space>
      {list.error && <Alert type="error" showIcon message={list.error} />}
      <Table<TaskDto>
        rowKey="id"
        loading={list.loading}
        dataSource={list.items}
        columns={columns}
        onChange={(_, filters) => setStatus((filters.status?.[0] as TaskStatus | undefined) ?? undefined)}
        pagination={{ pageSize: 10, showSizeChanger: false, showTotal: (n) => `已加载 ${n} 条` }}
      />
      {list.hasMore && (
        <Button block onClick={() => void list.more()}>
          加载更多
        </Button>
      )}
      <TaskForm
        open={formOpen}
        communityId={communityId}
        draft={draft}
        onClose={() => setFormOpen(false)}
        onDone={() => {
          setFormOpen(false);
          void list.reload();
        }}
      />
      <Modal
        title={cancelling ? `取消任务：${cancelling.title}` : ''}
        open={cancelling !== null}
        okText="取消任务"
        cancelText="返回"
        okButtonProps={{ disabled: reason.trim().length < 2 }}
        onOk={() => cancelling && void act(cancelling, TaskAction.Cancel)}
        onCancel={() => setCancelling(null)}
      >
        <ReasonInput
          label="取消原因"
          placeholder="请填写取消原因（将通知已报名的党员）"
          value={reason}
          onChange={setReason}
        />
      </Modal>
    </Card>
  );
}
