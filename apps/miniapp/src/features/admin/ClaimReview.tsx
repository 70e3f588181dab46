import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { CLAIM_STATUS_LABELS, ClaimAction, ClaimStatus, RATING_COMMENT_MAX, type ClaimDto } from '@sbd/contracts';
import { whyCannotVerify } from '@sbd/domain';
import { a11y } from '@/platform/a11y';
import { confirmModal, toast } from '@/platform/feedback';
import { formatDateTime } from '@/platform/format';
import { formatHours } from '@/platform/time';
import { Badge } from '@/ui/Badge';
import { Btn } from '@/ui/Button';
import { TextAreaField, TextField } from '@/ui/Field';
import { useAction } from '@/ui/hooks/useAction';
import { useNow } from '@/ui/hooks/useNow';
import { SCORE_WORDS, Stars } from '@/ui/Stars';
import { markNoShow, rateService, rejectClaim, verifyClaim } from '@/features/claims/service';
import { CLAIM_TONE, claimCan } from '@/features/loop/loop';

/** Who, when they checked in and out, the hours credited, the result. */
function ClaimInfo({ claim }: { claim: ClaimDto }) {
  return (
    <>
      <View className="row-top">
        <Text className="item-title">{claim.memberName}</Text>
        <Badge
          text={
            claim.status === ClaimStatus.Waitlisted && claim.waitlistPosition
              ? `候补第${claim.waitlistPosition}位`
              : CLAIM_STATUS_LABELS[claim.status]
          }
          tone={CLAIM_TONE[claim.status]}
        />
      </View>
      {claim.branchName ? <Text className="item-line">{`支部：${claim.branchName}`}</Text> : null}
      <Text className="item-line">{`签到：${claim.checkInAt ? formatDateTime(claim.checkInAt) : '未签到'}`}</Text>
      {claim.checkInAt ? (
        <Text className="item-line">{`签退：${claim.checkOutAt ? formatDateTime(claim.checkOutAt) : '未签退'}`}</Text>
      ) : null}
      {claim.creditedHours !== null ? (
        <Text className="item-line t-bold t-text">{`计入时长：${formatHours(claim.creditedHours)}（窗口内、按半小时向下取整）`}</Text>
      ) : null}
      {claim.status === ClaimStatus.Verified ? (
        <Text className="item-line">{`已核验 · 积分 ${claim.pointsAwarded ?? 0}${claim.serviceRating ? ` · 评价 ${claim.serviceRating.score}分（${SCORE_WORDS[claim.serviceRating.score] ?? ''}）` : ''}`}</Text>
      ) : null}
      {claim.rejectReason ? <Text className="item-line t-danger">{`原因：${claim.rejectReason}`}</Text> : null}
    </>
  );
}

/**
 * 核验: the hours of one checked-out claim, with the community's 1–5 rating of the service. Both
 * wait for the end of the service (the shared domain rule, the API's too): until then the button
 * is disabled and says when.
 */
export function ClaimReview({
  claim,
  taskStarted,
  onChanged,
}: {
  claim: ClaimDto;
  taskStarted: boolean;
  onChanged: (c: ClaimDto) => void;
}) {
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState('');
  const action = useAction<'verify' | 'reject' | 'noshow' | 'rate'>();

  const now = useNow(30_000);
  const verifyAllowed = claimCan(claim, ClaimAction.Verify);
  const verifyBlocked = verifyAllowed ? whyCannotVerify(now, Date.parse(claim.taskEndAt)) : null;
  const canVerify = verifyAllowed && verifyBlocked === null;
  const canReject = claimCan(claim, ClaimAction.Reject);
  const canNoShow = claimCan(claim, ClaimAction.MarkNoShow) && taskStarted;
  const canRateLater = claim.status === ClaimStatus.Verified && !claim.serviceRating;

  const verify = () =>
    action.run(
      () =>
        verifyClaim(claim.id, { ...(score ? { score } : {}), ...(comment.trim() ? { comment: comment.trim() } : {}) }),
      {
        key: 'verify',
        success: '已核验',
        onSuccess: onChanged,
      },
    );
  const rateLater = async () => {
    if (!score) {
      toast('请先点选分数');
      return;
    }
    await action.run(() => rateService(claim.id, score, comment.trim() || undefined), {
      key: 'rate',
      success: '已评价',
      onSuccess: onChanged,
    });
  };
  const reject = async () => {
    if (!reason.trim()) {
      setReasonError('请填写不通过的原因，党员会看到');
      return;
    }
    await action.run(() => rejectClaim(claim.id, reason.trim()), {
      key: 'reject',
      success: '已标记不通过',
      icon: 'none',
      onSuccess: onChanged,
    });
  };
  const noShow = async () => {
    if (!(await confirmModal('记缺席', `确定记“${claim.memberName}”缺席吗？将扣除积分。`, '记缺席', true))) return;
    await action.run(() => markNoShow(claim.id), {
      key: 'noshow',
      success: '已记缺席',
      icon: 'none',
      onSuccess: onChanged,
    });
  };

  return (
    <View className="item claim-review">
      <ClaimInfo claim={claim} />

      {canVerify || canRateLater ? (
        <View className="mt-32">
          <Stars label={`为${claim.memberName}的服务评分`} value={score} onChange={setScore} />
          <View className="mt-32">
            <TextField
              label="评语（选填）"
              value={comment}
              onChange={setComment}
              maxLength={RATING_COMMENT_MAX}
              placeholder="服务表现"
            />
          </View>
        </View>
      ) : null}

      {verifyBlocked ? (
        <Text className="item-line" {...a11y(undefined, { role: 'status' })}>
          {verifyBlocked}
        </Text>
      ) : null}

      {rejecting ? (
        <View className="inline-form">
          <TextAreaField
            label="不通过的原因"
            value={reason}
            onChange={(v) => {
              setReason(v);
              setReasonError('');
            }}
            maxLength={200}
            required
            error={reasonError}
            placeholder="如：签到后未实际参加服务"
          />
          <View className="btn-row">
            <Btn variant="plain" onClick={() => setRejecting(false)}>
              取消
            </Btn>
            <Btn
              variant="danger"
              onClick={() => void reject()}
              loading={action.busy === 'reject'}
              loadingText="提交中…"
            >
              确认不通过
            </Btn>
          </View>
        </View>
      ) : (
        <View className="btn-row-wrap">
          {verifyBlocked ? (
            <Btn disabled label={`核验通过：${claim.memberName}（暂不可用：${verifyBlocked}）`}>
              核验通过
            </Btn>
          ) : null}
          {canVerify ? (
            <Btn
              onClick={() => void verify()}
              loading={action.busy === 'verify'}
              loadingText="核验中…"
              label={`核验通过：${claim.memberName}`}
            >
              核验通过
            </Btn>
          ) : null}
          {canRateLater ? (
            <Btn
              variant="secondary"
              onClick={() => void rateLater()}
              loading={action.busy === 'rate'}
              loadingText="提交中…"
            >
              补充评价
            </Btn>
          ) : null}
          {canReject ? (
            <Btn variant="danger" onClick={() => setRejecting(true)} label={`不通过：${claim.memberName}`}>
              不通过
            </Btn>
          ) : null}
          {canNoShow ? (
            <Btn variant="plain" onClick={() => void noShow()} loading={action.busy === 'noshow'} loadingText="提交中…">
              记缺席
            </Btn>
          ) : null}
        </View>
      )}
    </View>
  );
}
