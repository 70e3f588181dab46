import {
  TASK_ACTION_LABELS,
  TASK_KIND_LABELS,
  TASK_STATUS_LABELS,
  TaskAction,
  TaskStatus,
  type TaskDto,
} from '@sbd/contracts';
import { Button, Space, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { TASK_STATUS_COLORS, slotsText, taskWindow } from './task-format';

export const STATUS_OPTIONS = Object.values(TaskStatus).map((s) => ({ value: s, label: TASK_STATUS_LABELS[s] }));
const ROW_ACTIONS = [TaskAction.Publish, TaskAction.Start, TaskAction.Complete, TaskAction.Close, TaskAction.Cancel];

/** 任务管理's columns: sortable, the status column filtering as the toolbar does, the row's allowed actions. */
export function taskColumns(
  status: TaskStatus | undefined,
  onAction: (task: TaskDto, action: TaskAction) => void,
): ColumnsType<TaskDto> {
  return [
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
              onClick={() => onAction(t, a)}
            >
              {TASK_ACTION_LABELS[a]}
            </Button>
          ))}
        </Space>
      ),
    },
  ];
}
