import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { PAGES, ROSTER_COLUMNS, ROSTER_MAX_ROWS, ROSTER_REQUIRED_COLUMNS } from '@sbd/contracts';
import { Btn } from '@/ui/Button';
import { Gate } from '@/ui/Gate';
import { Page } from '@/ui/Page';
import { useSession } from '@/platform/session';
import { a11y } from '@/platform/a11y';
import { openPage } from '@/platform/nav';
import { confirmModal } from '@/platform/feedback';
import {
  pickedFileError,
  pickRosterFile,
  uploadRoster,
  type PickedFile,
  type UploadOutcome,
} from '@/packageStats/services/roster';
import { downloadRosterTemplate } from '@/packageStats/services/stats';
import {
  canImportValidOnly,
  invalidRows,
  ROSTER_ERRORS_SHOWN,
  rosterErrorText,
  rosterSummary,
  sortRosterErrors,
} from '@/packageStats/utils/roster';
import { unitScope } from '@/packageStats/utils/scope';
import '@/packageStats/components/stats.css';
import { useAction } from '@/ui/hooks/useAction';

type Outcome = UploadOutcome;

/** The per-row report of an upload: summary, every problem as "第3行「手机号」：…", the valid-only import. */
export function RosterReport({
  outcome,
  busy,
  onImportValid,
}: {
  outcome: Outcome;
  busy: boolean;
  onImportValid: () => void;
}) {
  if (outcome.kind === 'failed') {
    return (
      <View className="notice notice-error" {...a11y(undefined, { role: 'alert' })}>
        <Text>{outcome.message}</Text>
      </View>
    );
  }
  const { report } = outcome;
  const errors = sortRosterErrors(report.errors);
  const shown = errors.slice(0, ROSTER_ERRORS_SHOWN);
  const ok = outcome.kind === 'imported';
  return (
    <View>
      <View className={ok ? 'notice' : 'notice notice-error'} {...a11y(undefined, { role: ok ? 'status' : 'alert' })}>
        <Text className="t-bold block">{outcome.kind === 'imported' ? '✓ 导入成功' : `✕ ${outcome.message}`}</Text>
        <Text className="block mt-16">{rosterSummary(report)}</Text>
      </View>
      {errors.length ? (
        <View className="card">
          <Text className="t-bold block">
            {ok ? `未导入的行（${errors.length}处错误）` : `需要修改的地方（${errors.length}处）`}
          </Text>
          <View className="st-error-list">
            {shown.map((e, i) => (
              <Text key={`${e.row}-${e.column}-${i}`} className="st-error">
                {rosterErrorText(e)}
              </Text>
            ))}
          </View>
          {errors.length > shown.length ? (
            <Text className="st-caption">{`还有${errors.length - shown.length}处错误未列出，请修改后重新上传`}</Text>
          ) : null}
        </View>
      ) : null}
      {!ok && canImportValidOnly(report) ? (
        <View className="mb-48">
          <Btn variant="secondary" onClick={onImportValid} loading={busy} loadingText="正在导入…">
            {`只导入有效行（${report.valid}行）`}
          </Btn>
          <Text className="st-caption">{`有错误的${invalidRows(report)}行不导入；也可以改好名册后重新上传。`}</Text>
        </View>
      ) : null}
    </View>
  );
}

/** 单位党员名册: download the template, upload the filled roster, read the per-row report. */
export default function RosterPage() {
  const router = useRouter();
  const session = useSession();
  const unit = unitScope(session, Number(router.params?.unitId) || undefined);
  const [file, setFile] = useState<PickedFile | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const action = useAction<'template' | 'upload' | 'valid'>();
  const busy = action.busy;

  if (!unit) return <Gate title="单位党员名册" loggedIn={!!session?.accessToken} need="此功能供单位管理员使用。" />;

  const send = async (f: PickedFile, validOnly: boolean) => {
    // The outcome (report or failure) is shown on the page.
    await action.run(() => uploadRoster(unit.nodeId, f, validOnly), {
      key: validOnly ? 'valid' : 'upload',
      errorToast: false,
      success: (r) => (r.kind === 'imported' ? `已导入${r.report.imported}人` : null),
      onSuccess: setOutcome,
    });
  };

  const pickAndUpload = async () => {
    const f = await pickRosterFile();
    if (!f) return;
    setFile(f);
    const err = pickedFileError(f);
    if (err) {
      setOutcome({ kind: 'failed', message: err });
      return;
    }
    setOutcome(null);
    await send(f, false);
  };

  const importValid = async () => {
    if (!file || !outcome || outcome.kind === 'failed') return;
    const { report } = outcome;
    const ok = await confirmModal(
      '只导入有效行',
      `将导入${report.valid}行有效数据，有错误的${invalidRows(report)}行不导入，导入后替换本单位原有名册。确定吗？`,
      '导入',
    );
    if (ok) await send(file, true);
  };

  const template = async () => {
    // The download shows its own messages.
    await action.run(() => downloadRosterTemplate(unit.nodeId), { key: 'template', errorToast: false });
  };

  return (
    <Page title={`${unit.name || '本单位'} · 党员名册`}>
      <View className="card">
        <Text className="t-bold block">{`名册模板共${ROSTER_COLUMNS.length}列：`}</Text>
        {ROSTER_COLUMNS.map((c, i) => (
          <Text key={c} className="st-list-item">
            {`${i + 1}. ${c}${ROSTER_REQUIRED_COLUMNS.includes(c) ? '（必填）' : '（选填）'}`}
          </Text>
        ))}
        <Text className="t-s t-muted block mt-16">
          {`每个手机号只能出现一次，最多${ROSTER_MAX_ROWS.toLocaleString('en-US')}行、5MB。上传后替换本单位原有名册；与报到信息同名同手机号的党员自动确认。`}
        </Text>
        <View className="mt-40">
          <Btn
            variant="secondary"
            onClick={() => void template()}
            loading={busy === 'template'}
            loadingText="正在下载…"
          >
            下载名册模板
          </Btn>
        </View>
      </View>

      <Btn onClick={() => void pickAndUpload()} loading={busy === 'upload'} loadingText="正在上传并检查…">
        选择名册文件并上传
      </Btn>
      {file ? <Text className="st-caption">{`已选择：${file.name}`}</Text> : null}
      <View className="spacer" />
      <View className="spacer" />

      {outcome ? (
        <RosterReport outcome={outcome} busy={busy === 'valid'} onImportValid={() => void importValid()} />
      ) : null}

      <Btn variant="plain" onClick={() => openPage(`${PAGES.memberRecords}?unitId=${unit.nodeId}`)}>
        查看党员报回记录
      </Btn>
    </Page>
  );
}
