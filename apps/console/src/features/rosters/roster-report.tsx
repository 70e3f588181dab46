import type { RosterImportReport } from '@sbd/contracts';
import { Alert, Button, Table } from 'antd';

/** The per-row answer of an upload: counts, the rows with errors, and the 待核对 rows with their candidate. */
export function RosterReport(props: { report: RosterImportReport; refused: boolean; onImportValid?: () => void }) {
  const { report, refused } = props;
  const summary = refused
    ? `名册有${report.errors.length}处错误，未导入任何数据（共${report.total}行，无误${report.valid}行）`
    : `已导入${report.imported}行（共${report.total}行），已匹配${report.matched}人，待核对${report.review}人`;
  return (
    <div className="roster-report" aria-label="导入结果">
      <Alert
        type={refused ? 'error' : report.errors.length || report.review ? 'warning' : 'success'}
        showIcon
        message={summary}
        action={
          refused && report.valid > 0 && props.onImportValid ? (
            <Button size="small" onClick={props.onImportValid}>
              只导入无误的{report.valid}行
            </Button>
          ) : undefined
        }
      />
      {report.errors.length > 0 && (
        <Table
          size="small"
          rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
          dataSource={report.errors}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          columns={[
            { title: '行', dataIndex: 'row', width: 80, render: (r: number) => (r ? `第${r}行` : '文件') },
            { title: '列', dataIndex: 'column', width: 120 },
            { title: '问题', dataIndex: 'message' },
          ]}
        />
      )}
      {report.reviews.length > 0 && (
        <Table
          size="small"
          rowKey="rosterEntryId"
          dataSource={report.reviews}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          columns={[
            { title: '行', dataIndex: 'row', width: 80, render: (r: number) => `第${r}行` },
            { title: '名册姓名', dataIndex: 'name' },
            { title: '可能是', render: (_: unknown, r) => `${r.candidate.name}（${r.candidate.phone}）` },
            { title: '依据', render: (_: unknown, r) => r.candidate.reason },
          ]}
        />
      )}
    </div>
  );
}
