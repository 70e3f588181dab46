import { CALLUP_STATUS_LABELS, CallupStatus, ROUTES, type CallupDto } from '@sbd/contracts';
import { App, Button, Descriptions, Drawer, Empty, InputNumber, List, Popconfirm, Space, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { call, download } from '@/platform/api';
import { musterFilename, responseSummary, shortTime } from './emergency-format';

/** One call-up: the answers so far, the groups, and closing it; the muster list as Excel. */
export function CallupDetail(props: { callupId: number | null; onClose: () => void; onChanged: () => void }) {
  const [callup, setCallup] = useState<CallupDto | null>(null);
  const [groupSize, setGroupSize] = useState<number | null>(5);
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  const id = props.callupId;

  useEffect(() => {
    setCallup(null);
    if (id === null) return;
    call(ROUTES.callups.get, { params: { id } }).then(setCallup, (e: Error) => void message.error(e.message));
  }, [id, message]);

  const run = async (what: () => Promise<CallupDto>, done: string) => {
    setBusy(true);
    try {
      setCallup(await what());
      void message.success(done);
      props.onChanged();
    } catch (e) {
      void message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const open = callup?.status === CallupStatus.Open;

  return (
    <Drawer
      title={callup ? `应急召集：${callup.title}` : '应急召集'}
      open={id !== null}
      width={720}
      onClose={props.onClose}
    >
      {callup && (
        <>
          <Descriptions column={2} size="small" bordered>
            <Descriptions.Item label="状态">
              <Tag color={open ? 'red' : 'default'}>{CALLUP_STATUS_LABELS[callup.status]}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label="范围">{callup.scopeName}</Descriptions.Item>
            <Descriptions.Item label="集合地点">{callup.place}</Descriptions.Item>
            <Descriptions.Item label="集合时间">{shortTime(callup.musterAt)}</Descriptions.Item>
            <Descriptions.Item label="需要人数">{callup.needed ?? '不限'}</Descriptions.Item>
            <Descriptions.Item label="发起时间">{shortTime(callup.createdAt)}</Descriptions.Item>
            <Descriptions.Item label="响应" span={2}>
              <span className="callup-summary">{responseSummary(callup)}</span>
            </Descriptions.Item>
            <Descriptions.Item label="说明" span={2}>
              {callup.description}
            </Descriptions.Item>
          </Descriptions>
          <Space wrap className="toolbar callup-actions">
            <InputNumber
              min={1}
              max={100}
              precision={0}
              value={groupSize}
              onChange={setGroupSize}
              addonBefore="每组"
              addonAfter="人"
              aria-label="每组人数"
              className="group-size"
              disabled={!open}
            />
            <Button
              disabled={!open || !groupSize || busy}
              onClick={() =>
                void run(
                  () => call(ROUTES.callups.groups, { params: { id: callup.id }, body: { groupSize: groupSize ?? 5 } }),
                  '已按能到的党员编组',
                )
              }
            >
              编组
            </Button>
            <Button
              onClick={() =>
                void download(ROUTES.callups.muster, { params: { id: callup.id } }, musterFilename(callup)).catch(
                  (e: Error) => void message.error(e.message),
                )
              }
            >
              下载花名册
            </Button>
            <Popconfirm
              title="结束这次召集？"
              description="结束后党员不能再回复。"
              okText="结束召集"
              cancelText="返回"
              onConfirm={() =>
                void run(() => call(ROUTES.callups.close, { params: { id: callup.id }, body: {} }), '召集已结束')
              }
            >
              <Button disabled={!open || busy}>结束召集</Button>
            </Popconfirm>
          </Space>
          {callup.groups.length ? (
            <List
              header="编组"
              bordered
              dataSource={callup.groups}
              renderItem={(g) => (
                <List.Item>
                  <List.Item.Meta
                    title={g.name}
                    description={g.members
                      .map((m) => `${m.name}${m.userId === g.leaderUserId ? '（组长）' : ''} ${m.phone}`)
                      .join('，')}
                  />
                </List.Item>
              )}
            />
          ) : (
            <Empty description="尚未编组：等党员回复“能到”后按人数编组" />
          )}
        </>
      )}
    </Drawer>
  );
}
