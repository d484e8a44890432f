/** A unit picked from the tree, searchable without diacritics; optionally one extra "no unit" choice. */
import { TreeSelect } from 'antd';
import type { UnitNode } from '@shared/api';
import { useMemo } from 'react';
import { unitLabels } from '@core/collate';
import { labelMatches, NO_UNIT, unitForest, type UnitTreeNode } from './shared';

interface Option {
  value: number;
  title: string;
  disabled?: boolean;
  children?: Option[];
}

interface Props {
  units: readonly UnitNode[];
  value?: number;
  onChange?: (value: number | undefined) => void;
  placeholder?: string;
  /** the label of the NO_UNIT choice at the top; without it there is none */
  noUnitLabel?: string;
  /** units that cannot be chosen (shown greyed, so the tree still reads) */
  disabledIds?: ReadonlySet<number>;
  allowClear?: boolean;
  loading?: boolean;
  style?: React.CSSProperties;
  id?: string;
  'aria-label'?: string;
}

function toOptions(
  nodes: readonly UnitTreeNode[],
  labels: ReadonlyMap<number, string>,
  disabled?: ReadonlySet<number>,
): Option[] {
  return nodes.map((n) => ({
    value: n.id,
    // two units of one name ("Phòng Nội vụ" of two districts) are told apart by their parent
    title: labels.get(n.id) ?? n.name,
    disabled: disabled?.has(n.id),
    children: n.children ? toOptions(n.children, labels, disabled) : undefined,
  }));
}

export function UnitTreeSelect({ units, noUnitLabel, disabledIds, style, ...rest }: Props) {
  const treeData = useMemo(() => {
    const options = toOptions(unitForest(units), unitLabels(units), disabledIds);
    return noUnitLabel === undefined ? options : [{ value: NO_UNIT, title: noUnitLabel }, ...options];
  }, [units, noUnitLabel, disabledIds]);
  return (
    <TreeSelect<number>
      {...rest}
      treeData={treeData}
      treeDefaultExpandAll
      showSearch={{
        filterTreeNode: (input, node) => labelMatches(input, node.title),
      }}
      styles={{ popup: { itemTitle: { whiteSpace: 'normal' } } }}
      style={{ width: '100%', ...style }}
    />
  );
}
