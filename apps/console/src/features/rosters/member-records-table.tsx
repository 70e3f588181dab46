import {
  MEMBER_FLAG_LABELS,
  MemberFlag,
  REGISTRATION_STATUS_LABELS,
  ROUTES,
  type MemberRecordDto,
  type MemberRecordFilter,
  type RegistrationStatus,
} from '@sbd/contracts';
import { Alert, App, Button, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { download } from '@/platform/api';
import { flagsText, satisfactionText } from './roster-format';
import { useMemberRecords } from './use-roster';

const FILTERS: { value: MemberRecordFilter; label: string }[] = [
  ...Object.values(MemberFlag).map((f) => ({ value: f, label: MEMBER_FLAG_LABELS[f] })),
  { value: 'honours', label: '推荐评先评优' },
];

const COLUMNS = [
  { title: '姓名', dataIndex: 'name' },
  { title: '手机号', dataIndex: 'phone' },
  { title: '党支部', dataIndex: 'partyBranch' },
  {
    title: '报到',
    render: (_: unknown, r: MemberRecordDto) =>
      r.registrationStatus ? REGISTRATION_STATUS_LABELS[r.registrationStatus as RegistrationStatus] : '未报到',
  },
  { title: '报到社区', dataIndex: 'communityName' },
  { title: '服务次数', dataIndex: 'services' },
  { title: '核验时长', dataIndex: 'verifiedHours' },
  { title: '满意率', render: (_: unknown, r: MemberRecordDto) => satisfactionText(r.satisfaction) },
  { title: '积分', dataIndex: 'points' },
  {
    title: '预警',
    render: (_: unknown, r: MemberRecordDto) =>
      r.flags.length ? (
        <Tag color="orange">{flagsText(r.flags)}</Tag>
      ) : r.honours ? (
        <Tag color="green">推荐评优</Tag>
      ) : (
        '无'
      ),
  },
];

/** 队员记录 (报回单位): one row per roster entry or registration naming the unit, with the year's figures. */
export function MemberRecordsTable({
  unitId,
  unitName,
  version,
}: {
  unitId: number | null;
  unitName: string;
  version: number;
}) {
  const [flag, setFlag] = useState<MemberRecordFilter | undefined>(undefined);
  const list = useMemberRecords(unitId, flag, version);
  const { message } = App.useApp();
  const exportXlsx = () =>
    unitId !== null &&
    download(
      ROUTES.rosters.memberRecordsExport,
      { params: { id: unitId }, query: { flag } },
      `${unitName}队员记录.xlsx`,
    ).catch((e: Error) => void message.error(e.message));

  return (
    <>
      <Space wrap className="toolbar">
        <Select
          className="picker"
          allowClear
          placeholder="全部队员"
          aria-label="筛选"
          value={flag}
          options={FILTERS}
          onChange={setFlag}
        />
        <Button onClick={() => void exportXlsx()}>导出</Button>
      </Space>
      {list.error && <Alert type="error" showIcon message={list.error} />}
      <Table<MemberRecordDto>
        rowKey="key"
        className="member-records-table"
        loading={list.loading}
        dataSource={list.items}
        columns={COLUMNS}
        pagination={false}
        locale={{ emptyText: <Typography.Text type="secondary">没有符合条件的队员</Typography.Text> }}
      />
      {list.hasMore && (
        <Button block onClick={() => void list.more()}>
          加载更多
        </Button>
      )}
    </>
  );
}
