import type { PrivacyNoticeDto } from '@sbd/contracts';

/** The current privacy notice. Changing its text means a new version, and consent is asked again. */
export const PRIVACY_NOTICE: PrivacyNoticeDto = {
  version: '2026-11',
  title: '双报到个人信息保护说明',
  body: [
    '为完成在职党员到社区报到、参与志愿服务并向所在单位反馈服务情况，我们会收集您的姓名、手机号、工作单位及党组织、居住小区、技能特长、空闲时间和意向岗位；身份证号为选填。',
    '手机号和身份证号加密存储，除您本人外，任何人看到的都是部分隐藏的号码。',
    '您的报到和服务记录仅向您报到的社区、您所在单位党组织及其上级管理部门开放，用于服务安排、评价和统计。',
    '党员身份属于敏感信息，我们不会向无关人员展示，也不会用于本服务以外的用途。',
    '您可以随时在「我的」页面修改资料或注销账号；注销后个人信息将被匿名化，服务时长等统计数据保留。',
  ].join('\n\n'),
};
