import {
  ROUTES,
  TASK_ACTION_LABELS,
  TASK_KIND_LABELS,
  TASK_STATUS_LABELS,
  TaskAction,
  TaskStatus,
  type MeDto,
  type TaskDto,
} from '@sbd/contracts';
import { Alert, App, Button, Card, Input, Modal, Select, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { call, download } from '@/platform/api';
import { communityScopes } from '@/platform/roles';
import { CommunitySelect } from '@/ui/community-select';
import { TaskForm } from './task-form';
import { TASK_STATUS_COLORS, emptyDraft, slotsText, taskWindow } from './task-format';
import { useTasks } from './use-tasks';

const STATUS_OPTIONS = Object.values(TaskStatus).map((s) => ({ value: s, label: TASK_STATUS_LABELS[s] }));
const ROW_ACTIONS = [TaskAction.Publish, TaskAction.Start, TaskAction.Complete, TaskAction.Close, TaskAction.Cancel];

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

  const columns: ColumnsType<TaskDto> = [
    { title: '任务', dataIndex: 'title', sorter: (a, b) => a.title.localeCompare(b.title, 'zh-CN') },
    { title: '类型', dataIndex: 'kind', render: (k: TaskDto['kind']) => TASK_KIND_LABELS[k] },
    {
      title: '服务时间',
      key: 'window',
      render: (_, t) => taskWindow(t),
      sorter: (a, b) => Date.parse(a.startAt) - Date.parse(b.startAt),
      defaultSortOrder: 'descend',
    },
    { title: '地点', dataIndex: 'place', ellipsis: true },
    {
      title: '报名',
      key: 'slots',
      render: (_, t) => slotsText(t),
      sorter: (a, b) => a.claimedCount - b.claimedCount,
    },
    {
      title: '状态',
      dataIndex: 'status',
      filters: STATUS_OPTIONS.map((o) => ({ value: o.value, text: o.label })),
      filterMultiple: false,
      filteredValue: status ? [status] : null,
      render: (s: TaskStatus) => <Tag color={TASK_STATUS_COLORS[s]}>{TASK_STATUS_LABELS[s]}</Tag>,
    },
    {
      title: '操作',
      key: 'actions',
      render: (_, t) => (
        <Space size={4} wrap>
          {ROW_ACTIONS.filter((a) => t.allowedActions.includes(a)).map((a) => (
            <Button
              key={a}
              size="small"
              autoInsertSpace={false}
              aria-label={`${TASK_ACTION_LABELS[a]} ${t.title}`}
              onClick={() => (a === TaskAction.Cancel ? (setReason(''), setCancelling(t)) : void act(t, a))}
            >
              {TASK_ACTION_LABELS[a]}
            </Button>
          ))}
        </Space>
      ),
    },
  ];

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
        <Input.TextArea
          rows={3}
          maxLength={200}
          aria-label="取消原因"
          placeholder="请填写取消原因（将通知已报名的党员）"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </Card>
  );
}
