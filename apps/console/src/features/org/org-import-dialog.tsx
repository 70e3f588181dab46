import {
  ORG_IMPORT_MAX_BYTES,
  ORG_IMPORT_STATUS_LABELS,
  ORG_NODE_TYPE_LABELS,
  OrgImportRowStatus,
  ROUTES,
  type OrgImportRefusal,
  type OrgImportReport,
  type OrgImportRowDto,
  type OrgNodeDto,
} from '@sbd/contracts';
import { Alert, App, Button, Modal, Space, Table, Tag, Upload } from 'antd';
import { useState } from 'react';
import { download, uploadFile, type ApiError } from '@/platform/api';

const STATUS_COLORS: Record<OrgImportRowStatus, string> = {
  [OrgImportRowStatus.Created]: 'green',
  [OrgImportRowStatus.Existing]: 'default',
  [OrgImportRowStatus.Error]: 'red',
  [OrgImportRowStatus.Skipped]: 'default',
};

interface Outcome {
  ok: boolean;
  message: string;
  report: OrgImportReport | null;
}

/** The report's headline: what was created, or why nothing was. */
function summary(report: OrgImportReport): string {
  return `共${report.total}行：新建${report.created}个组织，${report.existing}行已存在`;
}

/**
 * 导入组织: download the template, upload the filled-in file, read the per-row report (errors in
 * red). A file with any error creates nothing; `onImported` refreshes the tree after a success.
 */
export function OrgImportDialog(props: {
  node: OrgNodeDto;
  open: boolean;
  onClose: () => void;
  onImported: () => void;
}) {
  const { node } = props;
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const template = () =>
    download(ROUTES.org.importTemplate, { params: { id: node.id } }, `${node.name}组织导入模板.xlsx`).catch(
      (e: Error) => void message.error(e.message),
    );

  const send = async (file: File) => {
    if (file.size > ORG_IMPORT_MAX_BYTES) {
      setOutcome({ ok: false, message: '组织导入文件不能超过5MB', report: null });
      return;
    }
    setBusy(true);
    try {
      const report = await uploadFile(ROUTES.org.import, { params: { id: node.id } }, file, file.name);
      setOutcome({ ok: true, message: `导入完成，${summary(report)}`, report });
      props.onImported();
    } catch (e) {
      const err = e as ApiError;
      // A refusal's own headline (文件有N处错误…), not just its first row's problem.
      const refusal = err.body as Partial<OrgImportRefusal>;
      setOutcome({
        ok: false,
        message: refusal?.report ? (refusal.message ?? err.message) : err.message,
        report: refusal?.report ?? null,
      });
    } finally {
      setBusy(false);
    }
  };

  const fileErrors = outcome?.report?.errors.filter((e) => e.row <= 1) ?? [];
  return (
    <Modal
      title={`导入组织 · ${node.name}`}
      open={props.open}
      onCancel={props.onClose}
      footer={<Button onClick={props.onClose}>关闭</Button>}
      width={960}
      destroyOnHidden
    >
      <p>
        按模板填写街道、社区、网格和单位，上传后将在「{node.name}」下新建尚不存在的组织；已存在的不会重复新建。
        文件有任何错误时不导入任何组织。
      </p>
      <Space className="toolbar">
        <Button onClick={() => void template()}>下载模板</Button>
        <Upload
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          showUploadList={false}
          beforeUpload={(file) => {
            void send(file);
            return false;
          }}
        >
          <Button type="primary" loading={busy}>
            上传文件
          </Button>
        </Upload>
      </Space>
      {outcome && (
        <Alert
          className="org-import-outcome"
          type={outcome.ok ? 'success' : 'error'}
          showIcon
          message={outcome.message}
          description={
            fileErrors.length > 0 && (
              <ul>
                {fileErrors.map((e, i) => (
                  <li key={i}>{e.message}</li>
                ))}
              </ul>
            )
          }
        />
      )}
      {outcome?.report && outcome.report.rows.length > 0 && (
        <Table<OrgImportRowDto>
          className="org-import-report"
          rowKey="row"
          size="small"
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          dataSource={outcome.report.rows}
          rowClassName={(r) => (r.status === OrgImportRowStatus.Error ? 'org-import-error' : '')}
          columns={[
            { title: '行号', dataIndex: 'row', width: 70 },
            { title: '组织', dataIndex: 'path' },
            {
              title: '类型',
              dataIndex: 'type',
              width: 90,
              render: (t: OrgImportRowDto['type']) => (t ? ORG_NODE_TYPE_LABELS[t] : '—'),
            },
            {
              title: '结果',
              dataIndex: 'status',
              width: 90,
              render: (s: OrgImportRowStatus) => <Tag color={STATUS_COLORS[s]}>{ORG_IMPORT_STATUS_LABELS[s]}</Tag>,
            },
            {
              title: '说明',
              render: (r: OrgImportRowDto) =>
                r.errors.length
                  ? r.errors.map((e) => `${e.column ? `「${e.column}」` : ''}${e.message}`).join('；')
                  : r.created.length
                    ? `新建：${r.created.join('、')}`
                    : '',
            },
          ]}
        />
      )}
    </Modal>
  );
}
