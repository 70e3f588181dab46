import type { NeedAction, NeedDto } from '@sbd/contracts';
import { Badge, Checkbox } from 'antd';
import type { BoardColumn as Column } from './board';
import { boardActions } from './need-actions';
import { NeedCard } from './need-card';
import type { NeedSelection } from './use-need-selection';

/** One column of the board: its title, count and 全选, and its needs as cards that can be ticked. */
export function BoardColumn({
  column,
  needs,
  selection: s,
  onAction,
  onToTask,
}: {
  column: Column;
  needs: NeedDto[];
  selection: NeedSelection;
  onAction: (need: NeedDto, action: NeedAction) => void;
  onToTask: (need: NeedDto) => void;
}) {
  const selectable = needs.filter((n) => boardActions(n).length > 0).map((n) => n.id);
  const ticked = selectable.filter((id) => s.isChosen(id)).length;

  return (
    <div className="board-column" data-column={column.title}>
      <div className="board-column-title">
        {selectable.length > 0 && (
          <Checkbox
            aria-label={`全选${column.title}`}
            checked={ticked > 0 && ticked === selectable.length}
            indeterminate={ticked > 0 && ticked < selectable.length}
            onChange={(e) => s.mark(selectable, e.target.checked)}
          />
        )}{' '}
        {column.title} <Badge count={needs.length} showZero color="#595959" />
      </div>
      {needs.map((n) => (
        <NeedCard
          key={n.id}
          need={n}
          selected={s.isChosen(n.id)}
          onSelect={(on) => s.mark([n.id], on)}
          onAction={(a) => onAction(n, a)}
          onToTask={() => onToTask(n)}
        />
      ))}
    </div>
  );
}
