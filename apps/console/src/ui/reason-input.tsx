import { Input } from 'antd';

/** Why staff refuse or cancel something (told to the people concerned): 3 rows, at most 200 characters. */
export function ReasonInput({
  label = '驳回原因',
  placeholder,
  value,
  onChange,
}: {
  label?: string;
  placeholder: string;
  value: string;
  onChange: (reason: string) => void;
}) {
  return (
    <Input.TextArea
      rows={3}
      maxLength={200}
      aria-label={label}
      placeholder={placeholder}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
