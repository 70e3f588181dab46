import { ROUTES, type MeDto, type RosterImportReport } from '@sbd/contracts';
import { App, Button, Card, Select, Space, Tabs, Upload } from 'antd';
import { useState } from 'react';
import { ApiError, download, uploadFile } from '@/platform/api';
import { MemberRecordsTable } from './member-records-table';
import { canUpload } from './roster-format';
import { RosterReport } from './roster-report';
import { RosterTable } from './roster-table';
import { useUnits } from './use-units';

interface Outcome {
  report: RosterImportReport;
  refused: boolean;
  file: File;
}

/** 单位名册: the roster template, uploading a roster with its per-row report, the roster's match status, and the member records. */
export function RostersPage({ user }: { user: MeDto }) {
  const units = useUnits(user);
  const [picked, setPicked] = useState<number | null>(null);
  const unitId = picked ?? units[0]?.value ?? null;
  const unitName = units.find((u) => u.value === unitId)?.label ?? '单位';
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [uploading, setUploading] = useState(false);
  const [version, setVersion] = useState(0);
  const [tab, setTab] = useState('roster');
  const { message } = App.useApp();

  const template = () =>
    unitId !== null &&
    download(ROUTES.rosters.template, { params: { id: unitId } }, '单位党员名册模板.xlsx').catch(
      (e: Error) => void message.error(e.message),
    );
  const send = async (file: File, confirmValidOnly: boolean) => {
    if (unitId === null) return;
    setUploading(true);
    try {
      const report = await uploadFile(
        ROUTES.rosters.upload,
        { params: { id: unitId }, query: confirmValidOnly ? { confirmValidOnly: 'true' } : {} },
        file,
        file.name,
      );
      setOutcome({ report, refused: false, file });
      void message.success(`名册已导入 ${report.imported} 行`);
    } catch (e) {
      const report = e instanceof ApiError ? (e.body.report as RosterImportReport | undefined) : undefined;
      if (report) setOutcome({ report, refused: true, file });
      else void message.error((e as Error).message);
    } finally {
      setUploading(false);
      setVersion((v) => v + 1);
    }
  };

  return (
    <Card title={`单位名册 · ${unitName}`}>
      <Space wrap className="toolbar">
        <Select
          className="picker"
          aria-label="单位"
          showSearch
          optionFilterProp="label"
          value={unitId ?? undefined}
          options={units}
          onChange={(v: number) => {
            setPicked(v);
            setOutcome(null);
          }}
        />
        <Button onClick={() => void template()}>下载名册模板</Button>
        {canUpload(user, unitId) && (
          <Upload
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            showUploadList={false}
            maxCount={1}
            beforeUpload={(file) => {
              void send(file, false);
              return false;
            }}
          >
            <Button type="primary" loading={uploading}>
              上传名册
            </Button>
          </Upload>
        )}
      </Space>
      {outcome && (
        <RosterReport
          report={outcome.report}
          refused={outcome.refused}
          onImportValid={() => void send(outcome.file, true)}
        />
      )}
      <Tabs
        activeKey={tab}
        onChange={(k) => {
          setTab(k);
          setVersion((v) => v + 1);
        }}
        items={[
          { key: 'roster', label: '名册', children: <RosterTable unitId={unitId} version={version} /> },
          {
            key: 'records',
            label: '队员记录',
            children: <MemberRecordsTable unitId={unitId} unitName={unitName} version={version} />,
          },
        ]}
      />
    </Card>
  );
}
