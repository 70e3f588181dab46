import { errorMessageOf, statusMessage } from './errors';

describe('the message a user reads for a failed answer', () => {
  it('prefers the first field message, then the body message, then one by status', () => {
    const details = [{ field: 'phone', message: '请输入正确的手机号' }];
    expect(errorMessageOf(400, { message: '提交的内容有误', details })).toBe('请输入正确的手机号');
    expect(errorMessageOf(409, { message: '名额已满', details: [] })).toBe('名额已满');
    expect(errorMessageOf(409, { message: '  ' })).toBe('操作冲突，请刷新后重试');
    expect(errorMessageOf(502, null)).toBe('服务暂时不可用，请稍后再试');
  });

  it('says so when there is no network, and names an unknown status', () => {
    expect(statusMessage(0)).toBe('网络连接不可用，请检查网络');
    expect(statusMessage(418)).toBe('请求失败（418）');
  });
});
