import { render, screen } from '@testing-library/react';
import { ConsoleApp } from '@/console-app';

describe('the console shell', () => {
  it('should greet staff in Chinese and ask them to sign in', () => {
    render(<ConsoleApp />);
    expect(screen.getByText('双报到 · 管理后台')).toBeTruthy();
    expect(screen.getByText('请使用工作人员账号登录。')).toBeTruthy();
  });
});
