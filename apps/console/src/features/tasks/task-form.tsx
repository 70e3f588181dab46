import {
  ROUTES,
  TASK_CAPACITY_MAX,
  TASK_DESCRIPTION_MAX,
  TASK_KIND_LABELS,
  TASK_TARGET_LABELS,
  TASK_TITLE_MAX,
  TaskTarget,
  type TaskDto,
} from '@sbd/contracts';
import {
  Alert,
  App,
  Button,
  Col,
  DatePicker,
  Drawer,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Switch,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { ApiError, call } from '@/platform/api';
import { formErrorsOf } from '@/platform/form-errors';
import { TaskPlaceFields } from './task-place-fields';
import { TASK_FIELD_ALIASES, toCreateRequest, type TaskDraft, type TaskFormValues as FormValues } from './task-format';
import { usePublishContext } from './use-tasks';

export interface TaskFormProps {
  open: boolean;
  communityId: number | null;
  /** The starting values (empty, or from a need). */
  draft: TaskDraft;
  onClose: () => void;
  onDone: (task: TaskDto) => void;
}

const options = <K extends string>(labels: Record<K, string>) =>
  (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));

/** 发布任务: every field of the create request, the place on the offline map picker. */
export function TaskForm({ open, communityId, draft, onClose, onDone }: TaskFormProps) {
  const [form] = Form.useForm<FormValues>();
  const [busy, setBusy] = useState<'publish' | 'draft' | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const ctx = usePublishContext(communityId, open);
  const { message } = App.useApp();
  const target = Form.useWatch('target', form);

  useEffect(() => {
    if (!open) return;
    const { startAt, endAt, needId: _n, ...rest } = draft;
    form.resetFields();
    form.setFieldsValue({ ...rest, window: [dayjs(startAt), dayjs(endAt)] });
    setFailure(null);
  }, [open, draft, form]);

  const submit = async (publish: boolean) => {
    if (communityId === null) return;
    let values: FormValues;
    try {
      values = await form.validateFields();
    } catch {
      return; // the form shows what is missing
    }
    const [start, end] = values.window ?? [];
    const d: TaskDraft = {
      ...values,
      latitude: values.latitude ?? null,
      longitude: values.longitude ?? null,
      startAt: start?.toISOString() ?? '',
      endAt: end?.toISOString() ?? '',
      needId: draft.needId,
    };
    setBusy(publish ? 'publish' : 'draft');
    setFailure(null);
    try {
      const task = await call(ROUTES.tasks.create, { body: toCreateRequest(d, communityId, publish) });
      void message.success(publish ? `已发布：${task.title}` : `已存为草稿：${task.title}`);
      onDone(task);
    } catch (e) {
      const details = e instanceof ApiError ? e.details : [];
      if (details.length)
        form.setFields(formErrorsOf(details, TASK_FIELD_ALIASES) as Parameters<typeof form.setFields>[0]);
      setFailure((e as Error).message);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Drawer
      title={draft.needId !== null ? `发布任务（来自需求 #${draft.needId}）` : '发布任务'}
      open={open}
      width={1120}
      onClose={onClose}
      forceRender
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button loading={busy === 'draft'} disabled={busy !== null} onClick={() => void submit(false)}>
            存为草稿
          </Button>
          <Button
            type="primary"
            loading={busy === 'publish'}
            disabled={busy !== null}
            onClick={() => void submit(true)}
          >
            发布
          </Button>
        </Space>
      }
    >
      {failure && <Alert className="form-alert" type="error" showIcon message={failure} />}
      <Form form={form} layout="vertical" requiredMark className="task-form">
        <Row gutter={24}>
          <Col span={10}>
            <Form.Item name="title" label="任务名称" rules={[{ required: true, message: '请填写任务名称' }]}>
              <Input maxLength={TASK_TITLE_MAX} showCount />
            </Form.Item>
            <Form.Item name="description" label="任务说明" rules={[{ required: true, message: '请填写任务说明' }]}>
              <Input.TextArea rows={3} maxLength={TASK_DESCRIPTION_MAX} />
            </Form.Item>
            <Row gutter={12}>
              <Col span={12}>
                <Form.Item name="kind" label="任务类型">
                  <Select options={options(TASK_KIND_LABELS)} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="target" label="面向">
                  <Select options={options(TASK_TARGET_LABELS)} />
                </Form.Item>
              </Col>
            </Row>
            {target === TaskTarget.Branches && (
              <Form.Item name="branchIds" label="可认领的支部" extra="不选则社区内所有功能型支部均可认领">
                <Select mode="multiple" options={ctx.branches.map((b) => ({ value: b.id, label: b.name }))} />
              </Form.Item>
            )}
            <Form.Item name="window" label="服务时间" rules={[{ required: true, message: '请选择服务时间' }]}>
              <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" className="wide" />
            </Form.Item>
            <Row gutter={12}>
              <Col span={12}>
                <Form.Item name="capacity" label="名额" rules={[{ required: true, message: '请填写名额' }]}>
                  <InputNumber min={1} max={TASK_CAPACITY_MAX} precision={0} className="wide" />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="waitlist" label="满员后候补" valuePropName="checked">
                  <Switch />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="positionIds" label="所需岗位">
              <Select mode="multiple" allowClear options={ctx.positions.map((p) => ({ value: p.id, label: p.name }))} />
            </Form.Item>
            <Form.Item name="skills" label="所需技能" extra="输入后回车，最多 10 项">
              <Select mode="tags" open={false} suffixIcon={null} />
            </Form.Item>
            <Row gutter={12}>
              <Col span={8}>
                <Form.Item name={['pointsRule', 'perHour']} label="每小时积分">
                  <InputNumber min={0} precision={0} className="wide" />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name={['pointsRule', 'minimum']} label="起步积分">
                  <InputNumber min={0} precision={0} className="wide" />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name={['pointsRule', 'max']} label="积分上限">
                  <InputNumber min={0} precision={0} className="wide" />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="withdrawCutoffMinutes" label="开始前多少分钟停止取消报名">
              <InputNumber min={0} precision={0} addonAfter="分钟" className="wide" />
            </Form.Item>
          </Col>
          <Col span={14}>
            <TaskPlaceFields form={form} home={ctx.home} markers={ctx.markers} />
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
