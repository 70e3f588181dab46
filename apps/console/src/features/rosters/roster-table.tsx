import { ROUTES, RosterMatchDecision, RosterMatchStatus, type RosterEntryDto } from '@sbd/contracts';
import { Alert, App, Button, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { call } from '@/platform/api';
import { rosterStatus } from './roster-format';
import { useRoster } from './use-roster';

/** The unit's roster with 已报到 / 待核对 / 未报到, and confirm or reject for each 待核对 entry. */
export function RosterTable({ unitId, version }: { unitId: number | null; version: number }) {
  const list = useRoster(unitId, version);
  const { message } = App.useApp();

  const decide = async (e: RosterEntryDto, decision: RosterMatchDecision) => {
    if (unitId === null || !e.candidate) return;
    try {
      await call(ROUTES.rosters.decide, {
        params: { id: unitId, entryId: e.id },
        body: { registrationId: e.candidate.registrationId, decision },
      });
      void message.success(decision === RosterMatchDecision.Confirmed ? `已确认 ${e.name}` : `已驳回 ${e.name}`);
      await list.reload();
    } catch (err) {
      void message.error((err as Error).message);
    }
  };

  const columns = [
    { title: '行', dataIndex: 'rowNo', width: 70 },
    { title: '姓名', dataIndex: 'name' },
    { title: '手机号', dataIndex: 'phone' },
    { title: '党支部', dataIndex: 'partyBranch' },
    { title: '职务', dataIndex: 'position' },
    {
      title: '状态',
      render: (_: unknown, e: RosterEntryDto) => {
        const s = rosterStatus(e);
        return (
          <Space direction="vertical" size={0}>
            <Tag color={s.color}>{s.label}</Tag>
            {s.note && <Typography.Text type="secondary">{s.note}</Typography.Text>}
          </Space>
        );
      },
    },
    {
      title: '待核对队员',
      render: (_: unknown, e: RosterEntryDto) =>
        e.candidate
          ? `${e.candidate.name}（${e.candidate.phone}${e.candidate.idNumber ? `，${e.candidate.idNumber}` : ''}）`
          : '',
    },
    {
      title: '操作',
      render: (_: unknown, e: RosterEntryDto) =>
        e.matchStatus === RosterMatchStatus.Review && e.candidate ? (
          <Space>
            <Button
              size="small"
              type="primary"
              aria-label={`确认匹配 ${e.name} 是 ${e.candidate.name}`}
              onClick={() => void decide(e, RosterMatchDecision.Confirmed)}
            >
              确认匹配
            </Button>
            <Popconfirm
              title={`驳回后「${e.name}」仍为未报到`}
              okText="驳回"
              cancelText="取消"
              onConfirm={() => void decide(e, RosterMatchDecision.Rejected)}
            >
              <Button size="small" aria-label={`驳回匹配 ${e.name}`}>
                驳回匹配
              </Button>
            </Popconfirm>
          </Space>
        ) : null,
    },
  ];

  return (
    <>
      {list.error && <Alert type="error" showIcon message={list.error} />}
      <Table<RosterEntryDto>
        rowKey="id"
        className="roster-table"
        loading={list.loading}
        dataSource={list.items}
        columns={columns}
        pagination={false}
        locale={{ emptyText: <Typography.Text type="secondary">尚未上传名册</Typography.Text> }}
      />
      {list.hasMore && (
        <Button block onClick={() => void list.more()}>
          加载更多
        </Button>
      )}
    </>
  );
}
