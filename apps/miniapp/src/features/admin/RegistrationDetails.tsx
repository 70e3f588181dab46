import { Text, View } from '@tarojs/components';
import { DAY_PERIOD_LABELS, PiiField, PiiObjectType, WEEKDAY_LABELS, type RegistrationDto } from '@sbd/contracts';
import { RevealNumber } from '@/features/privacy/RevealNumber';
import { formatDateTime } from '@/platform/format';
import { StatusBadge } from '@/ui/StatusBadge';

function Row({ k, v }: { k: string; v: string | null | undefined }) {
  return (
    <View className="kv">
      <Text className="kv-key">{k}</Text>
      <Text className="kv-value">{v || '—'}</Text>
    </View>
  );
}

/** What a member sent with their 报到, for the reviewer. */
export function RegistrationDetails({ reg }: { reg: RegistrationDto }) {
  const freeTime = reg.freeTime.map((s) => `${WEEKDAY_LABELS[s.weekday]}${DAY_PERIOD_LABELS[s.period]}`).join('、');
  return (
    <View className="card">
      <View className="row-between">
        <Text className="t-xl t-bold">{reg.name}</Text>
        <StatusBadge status={reg.status} />
      </View>
      {reg.phone ? (
        <RevealNumber
          label="手机号"
          masked={reg.phone}
          target={{ objectType: PiiObjectType.Registration, objectId: reg.id, field: PiiField.Phone }}
          of={reg.name}
        />
      ) : (
        <Row k="手机号" v={null} />
      )}
      {reg.idNumber ? (
        <RevealNumber
          label="身份证号"
          masked={reg.idNumber}
          target={{ objectType: PiiObjectType.Registration, objectId: reg.id, field: PiiField.IdNumber }}
          of={reg.name}
        />
      ) : (
        <Row k="身份证号" v={null} />
      )}
      <Row k="工作单位" v={reg.workUnitName} />
      <Row k="单位党组织" v={reg.unitPartyOrgName} />
      <Row k="居住地址" v={[reg.buildingName, reg.residenceDetail].filter(Boolean).join(' ')} />
      <Row k="技能特长" v={reg.skills.join('、')} />
      <Row k="空闲时间" v={freeTime} />
      <Row k="意向岗位" v={reg.positions.map((p) => p.name).join('、')} />
      <Row k="提交时间" v={formatDateTime(reg.submittedAt)} />
    </View>
  );
}
