import { act, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import Taro, { __taro } from '@test/doubles/taro';
import { confirmModal, toast } from '@/platform/feedback';
import { installInPageOverlays } from '@/platform/overlays';
import { PickerField, SelectField } from './Field';
import { Page } from './Page';

/** The H5 build once started (app.tsx): the app's own dialog, toast and pickers inside <Page>. */
beforeAll(() => installInPageOverlays());
beforeEach(() => __taro.reset());
afterEach(() => jest.useRealTimers());

describe('in-page confirm dialog and toast (H5)', () => {
  it('confirmModal opens an alertdialog in the page; 取消 resolves false, the confirm button true', async () => {
    render(<Page title="我的" />);
    let answer!: Promise<boolean>;
    act(() => {
      answer = confirmModal('退出登录', '确定退出当前账号吗？', '退出');
    });
    const dialog = screen.getByRole('alertdialog', { name: '退出登录' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(screen.getByText('确定退出当前账号吗？')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '取消' }));
    await expect(answer).resolves.toBe(false);
    expect(screen.queryByRole('alertdialog')).toBeNull();

    act(() => {
      answer = confirmModal('删除', '确定删除吗？', '删除', true);
    });
    fireEvent.click(screen.getByRole('button', { name: '删除' }));
    await expect(answer).resolves.toBe(true);
    expect(Taro.showModal).not.toHaveBeenCalled();
  });

  it('a second dialog answers the first one "cancel"', async () => {
    render(<Page />);
    let first!: Promise<boolean>;
    act(() => {
      first = confirmModal('一', '第一个');
      void confirmModal('二', '第二个');
    });
    await expect(first).resolves.toBe(false);
    expect(screen.getByRole('alertdialog', { name: '二' })).toBeTruthy();
  });

  it('toast shows a polite status for its duration, then goes', () => {
    jest.useFakeTimers();
    render(<Page />);
    act(() => toast('已保存', 'success'));
    const status = screen.getByRole('status');
    expect(status.getAttribute('aria-live')).toBe('polite');
    expect(status.textContent).toBe('✓ 已保存');
    act(() => jest.advanceTimersByTime(2100));
    expect(screen.queryByRole('status')).toBeNull();
    expect(Taro.showToast).not.toHaveBeenCalled();
  });
});

function Pickers() {
  const [building, setBuilding] = useState<number | null>(null);
  const [date, setDate] = useState('2026-03-01');
  return (
    <Page>
      <SelectField
        label="楼栋"
        options={[
          { value: 1, label: '1号楼' },
          { value: 2, label: '2号楼' },
        ]}
        value={building}
        onChange={setBuilding}
      />
      <PickerField label="日期" mode="date" value={date} onChange={setDate} start="2026-02-27" />
    </Page>
  );
}

describe('in-page pickers (H5)', () => {
  it('a list picker opens a sheet of radios; picking one closes it and shows the choice', () => {
    render(<Pickers />);
    fireEvent.click(screen.getByRole('button', { name: '楼栋：请选择' }));
    const sheet = screen.getByRole('dialog', { name: '选择楼栋' });
    expect(sheet).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: '2号楼' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByRole('button', { name: '楼栋：2号楼' })).toBeTruthy();
  });

  it('a date picker steps year, month and day; 确定 keeps the date within start', () => {
    render(<Pickers />);
    fireEvent.click(screen.getByRole('button', { name: '日期：2026-03-01' }));
    fireEvent.click(screen.getByRole('button', { name: '增加日' }));
    fireEvent.click(screen.getByRole('button', { name: '确定：2026-03-02' }));
    expect(screen.getByRole('button', { name: '日期：2026-03-02' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: '日期：2026-03-02' }));
    fireEvent.click(screen.getByRole('button', { name: '减少月' }));
    fireEvent.click(screen.getByRole('button', { name: '减少日' }));
    fireEvent.click(screen.getByRole('button', { name: '减少日' }));
    // 2026-02-01 is before the start: 确定 gives the earliest day allowed.
    fireEvent.click(screen.getByRole('button', { name: /^确定：/ }));
    expect(screen.getByRole('button', { name: '日期：2026-02-27' })).toBeTruthy();
  });
});
