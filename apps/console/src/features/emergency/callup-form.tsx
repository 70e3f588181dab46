import { ROUTES, type CallupDto } from '@sbd/contracts';
import { Alert, App, DatePicker, Form, Input, InputNumber, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { ApiError, call } from '@/platform/api';
import { formErrorsOf } from '@/platform/form-errors';
import { MapPicker } from '@/features/tasks/map-picker';
import { toCallupRequest } from './emergency-format';
import { useNodePosition } from './use-callups';

interface Values {
  title: string;
  description: string;
  place: string;
  latitude?: number | null;
  longitude?: number | null;
  musterAt?: Dayjs | null;
  needed?: number | null;
}

/** 发起召集: one tap notifies every approved member under the node. */
export function CallupForm(props: {
  open: boolean;
  scopeNodeId: number | null;
  scopeName: string;
  onClose: () => void;
  onDone: (c: CallupDto) => void;
}) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const { message } = App.useApp();
  const home = useNodePosition(props.scopeNodeId, props.open);
  const lat = Form.useWatch('latitude', form);
  const lng = Form.useWatch('longitude', form);

  const submit = async () => {
    if (props.scopeNodeId === null) return;
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      const body = toCallupRequest(
        {
          ...v,
          latitude: v.latitude ?? null,
          longitude: v.longitude ?? null,
          musterAt: v.musterAt?.toISOString() ?? null,
          needed: v.needed ?? null,
        },
        props.scopeNodeId,
      );
      const c = await call(ROUTES.callups.create, { body });
      void message.success(`已发起召集，通知 ${c.notifiedCount} 人`);
      form.resetFields();
      props.onDone(c);
    } catch (e) {
      const details = e instanceof ApiError ? e.details : [];
      if (details.length) form.setFields(formErrorsOf(details) as Parameters<typeof form.setFields>[0]);
      setFailure((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title={`发起应急召集 · ${props.scopeName}`}
      open={props.open}
      okText="发起召集"
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={props.onClose}
      forceRender
      width={720}
    >
      {failure && <Alert className="form-alert" type="error" showIcon message={failure} />}
      <Form form={form} layout="vertical">
        <Form.Item name="title" label="召集事由" rules={[{ required: true, message: '请填写召集事由' }]}>
          <Input maxLength={50} placeholder="如：暴雨防汛应急集结" />
        </Form.Item>
        <Form.Item name="description" label="说明" rules={[{ required: true, message: '请填写说明' }]}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
        <Form.Item name="place" label="集合地点" rules={[{ required: true, message: '请填写集合地点' }]}>
          <Input maxLength={255} />
        </Form.Item>
        <MapPicker
          label="集合地点地图"
          value={typeof lat === 'number' && typeof lng === 'number' ? { lat, lng } : null}
          onChange={(p) => form.setFieldsValue({ latitude: p.lat, longitude: p.lng })}
          home={home}
          markers={[]}
        />
        <Form.Item name="latitude" hidden>
          <InputNumber />
        </Form.Item>
        <Form.Item name="longitude" hidden>
          <InputNumber />
        </Form.Item>
        <Form.Item name="musterAt" label="集合时间">
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" className="wide" />
        </Form.Item>
        <Form.Item name="needed" label="需要人数">
          <InputNumber min={1} max={10000} precision={0} className="wide" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
